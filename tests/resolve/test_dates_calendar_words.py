"""Calendar words dateparser misreads or leaves out: the weekend, a day of the month named alone
("on the 12th"), a day and month due in the coming weeks, "the early hours of Sunday", and
clock times that are no years ("from 0700")."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from watchfloor.model import DatePrecision
from watchfloor.resolve.dates import resolve_date

TUESDAY = date(2018, 1, 16)
SUNDAY = date(2018, 1, 14)


@pytest.mark.parametrize(
    ("text", "base", "start", "end"),
    [
        ("over the weekend", TUESDAY, date(2018, 1, 13), date(2018, 1, 14)),
        ("the weekend", TUESDAY, date(2018, 1, 13), date(2018, 1, 14)),
        ("last weekend", TUESDAY, date(2018, 1, 13), date(2018, 1, 14)),
        ("this past weekend", TUESDAY, date(2018, 1, 13), date(2018, 1, 14)),
        # Said on a Sunday, "last weekend" is the one before; "the weekend" is this one.
        ("last weekend", SUNDAY, date(2018, 1, 6), date(2018, 1, 7)),
        ("at the weekend", SUNDAY, date(2018, 1, 13), date(2018, 1, 14)),
        ("next weekend", TUESDAY, date(2018, 1, 20), date(2018, 1, 21)),
        ("on the 12th", TUESDAY, date(2018, 1, 12), date(2018, 1, 12)),
        ("the 16th", TUESDAY, TUESDAY, TUESDAY),
        ("the 17th", TUESDAY, date(2017, 12, 17), date(2017, 12, 17)),  # not yet this month
        ("the 31st", date(2018, 3, 5), date(2018, 1, 31), date(2018, 1, 31)),  # February has none
        ("in the early hours of Sunday", TUESDAY, SUNDAY, SUNDAY),
        ("the morning of Monday", TUESDAY, date(2018, 1, 15), date(2018, 1, 15)),
        # A day and month due within the coming weeks is the coming one ...
        ("June 3", date(2014, 5, 23), date(2014, 6, 3), date(2014, 6, 3)),
        ("the 20th of January", TUESDAY, date(2018, 1, 20), date(2018, 1, 20)),
        ("January 5", date(2017, 12, 20), date(2018, 1, 5), date(2018, 1, 5)),
        # ... one further ahead is read in the past, as before.
        ("June 3", date(2014, 4, 23), date(2013, 6, 3), date(2013, 6, 3)),
        ("December 20th", TUESDAY, date(2017, 12, 20), date(2017, 12, 20)),
    ],
)
def test_dates_calendar_words(text: str, base: date, start: date, end: date) -> None:
    found = resolve_date(text, base)
    assert found is not None, text
    assert (found.start, found.end, found.precision) == (start, end, DatePrecision.DAY)


@pytest.mark.parametrize("text", ["from 0700", "0700", "at 0530 GMT", "the 12", "0700 hrs"])
def test_dates_clock_times_and_bare_numbers_are_no_dates(text: str) -> None:
    # "from 0700" once became the year 700 and dated an airstrike report to the year 700.
    assert resolve_date(text, TUESDAY) is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)), st.integers(1, 31))
def test_dates_a_day_named_alone_is_never_after_the_reference(base: date, day: int) -> None:
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(day, "th")
    found = resolve_date(f"the {day}{suffix}", base)
    assert found is not None
    assert found.start == found.end <= base
    assert found.start.day == day and base - found.start < timedelta(days=93)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
def test_dates_the_weekend_is_a_saturday_and_sunday(base: date) -> None:
    found = resolve_date("the weekend", base)
    assert found is not None
    assert found.start.weekday() == 5 and found.end == found.start + timedelta(days=1)
    assert found.start <= base < found.start + timedelta(days=7)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # Once the first ten days of the month: "early next week" in a Tuesday 10 September
        # report became 1-10 September.
        ("early next week", date(2013, 9, 16), date(2013, 9, 18)),
        ("late last week", date(2013, 9, 6), date(2013, 9, 8)),
        ("the end of last week", date(2013, 9, 6), date(2013, 9, 8)),
        ("mid last week", date(2013, 9, 4), date(2013, 9, 6)),
    ],
)
def test_dates_part_of_a_week_is_within_that_week(text: str, start: date, end: date) -> None:
    found = resolve_date(text, date(2013, 9, 10))
    assert found is not None and (found.start, found.end) == (start, end)


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from(["early", "mid", "late"]),
    st.sampled_from(["last", "this", "next"]),
)
def test_dates_part_of_a_week_property(base: date, part: str, rel: str) -> None:
    week = resolve_date(f"{rel} week", base)
    found = resolve_date(f"{part} {rel} week", base)
    assert week is not None and found is not None
    assert week.start <= found.start <= found.end <= week.end


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("earlier today", date(2016, 8, 10)),
        ("Earlier this morning", date(2016, 8, 10)),
        ("later this evening", date(2016, 8, 10)),
        ("earlier on Monday", date(2016, 8, 8)),
    ],
)
def test_dates_earlier_or_later_on_a_named_day_is_that_day(text: str, day: date) -> None:
    # "Three schools were targeted ... earlier this morning" was left undated.
    found = resolve_date(text, date(2016, 8, 10))
    assert found is not None and (found.start, found.end) == (day, day)


def test_dates_earlier_in_the_day_names_no_day_of_its_own() -> None:
    assert resolve_date("earlier in the day", date(2016, 8, 10)) is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("between Monday and Wednesday", date(2018, 1, 15), date(2018, 1, 17)),
        ("on Monday and Tuesday", date(2018, 1, 15), date(2018, 1, 16)),
        ("from Friday until Sunday", date(2018, 1, 12), date(2018, 1, 14)),
        # The first end is read from the last: March before "May 2017" is March 2017.
        ("from March to May 2017", date(2017, 3, 1), date(2017, 5, 31)),
        ("last week and this week", date(2018, 1, 8), date(2018, 1, 21)),
        ("between 3 and 5 January", date(2018, 1, 3), date(2018, 1, 5)),
    ],
)
def test_dates_two_dates_joined_are_one_stretch(text: str, start: date, end: date) -> None:
    found = resolve_date(text, date(2018, 1, 18))
    assert found is not None and (found.start, found.end) == (start, end)


@pytest.mark.parametrize(
    "text", ["Tuesday and 40", "three and four days", "between 10 and 20", "between 30 and 50"]
)
def test_dates_a_range_needs_two_dates(text: str) -> None:
    # dateparser alone read "Tuesday and 40" as the year 1940.
    assert resolve_date(text, date(2018, 1, 18)) is None
