"""Relative dates read against the reference day: weekdays with parts of the day, "since",
"overnight" -- and the properties they keep (never after the reference day)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from watchfloor.model import DatePrecision
from watchfloor.resolve.dates import resolve_date

SUNDAY = date(2016, 8, 28)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FORMS = ("{}", "on {}", "{} morning", "early {} morning", "late on {}", "{} night", "{}s")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Sunday morning", SUNDAY),  # dateparser alone read it as the Sunday before
        ("early Sunday morning", SUNDAY),
        ("late on Sunday", SUNDAY),
        ("Sunday night", SUNDAY),  # its small hours would be after the reference day
        ("late Saturday", date(2016, 8, 27)),
        ("Wednesday afternoon", date(2016, 8, 24)),
        ("Mondays", date(2016, 8, 22)),  # "Mondays attack": the apostrophe lost
    ],
)
def test_dates_weekday_with_a_part_of_the_day(text: str, day: date) -> None:
    found = resolve_date(text, SUNDAY)
    assert found is not None and (found.start, found.end, found.precision) == (
        day,
        day,
        DatePrecision.DAY,
    )


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Saturday night", date(2016, 8, 27), SUNDAY),
        ("on Thursday night", date(2016, 8, 25), date(2016, 8, 26)),
        ("Wednesday night's", date(2016, 8, 24), date(2016, 8, 25)),  # "... night's assault"
        ("late on Friday night", date(2016, 8, 26), date(2016, 8, 27)),
        ("Friday evening", date(2016, 8, 26), date(2016, 8, 26)),
    ],
)
def test_dates_a_weekday_night_runs_into_the_next_morning(
    text: str, start: date, end: date
) -> None:
    # "stormed the prison on Thursday night", told on Friday morning, may be Friday's small
    # hours: the two days, at day precision.
    found = resolve_date(text, SUNDAY)
    assert found is not None and (found.start, found.end, found.precision) == (
        start,
        end,
        DatePrecision.DAY,
    )


@given(
    base=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    weekday=st.sampled_from(WEEKDAYS),
    form=st.sampled_from(FORMS),
)
def test_dates_a_weekday_is_the_latest_such_day_not_after_the_reference(
    base: date, weekday: str, form: str
) -> None:
    found = resolve_date(form.format(weekday), base)
    assert found is not None and found.end <= base
    night = form.endswith("night") and found.start < base
    assert found.end == found.start + timedelta(days=1 if night else 0)
    assert base - timedelta(days=6) <= found.start <= base
    assert WEEKDAYS[found.start.weekday()] == weekday


@pytest.mark.parametrize(
    ("text", "start", "precision"),
    [
        ("since Wednesday", date(2016, 8, 24), DatePrecision.WEEK),
        ("since Sunday", SUNDAY, DatePrecision.DAY),
        ("since early August", date(2016, 8, 1), DatePrecision.MONTH),
        ("since March 2011", date(2011, 3, 1), DatePrecision.VAGUE),
    ],
)
def test_dates_since_runs_from_its_date_to_the_reference(
    text: str, start: date, precision: DatePrecision
) -> None:
    found = resolve_date(text, SUNDAY)
    assert found is not None
    assert (found.start, found.end, found.precision) == (start, SUNDAY, precision)


def test_dates_since_a_later_date_is_no_date() -> None:
    assert resolve_date("since 2030", SUNDAY) is None


@given(
    base=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    text=st.sampled_from(
        ["since Monday", "since last week", "since March 2011", "since 2014", "since January"]
    ),
)
def test_dates_since_never_ends_after_the_reference(base: date, text: str) -> None:
    found = resolve_date(text, base)
    assert found is None or (found.start <= found.end == base)


def test_dates_overnight_is_the_night_before_the_reference() -> None:
    found = resolve_date("overnight", SUNDAY)
    assert found is not None
    assert (found.start, found.end) == (date(2016, 8, 27), SUNDAY)
