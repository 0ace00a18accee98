"""Date rules: expressions resolved against a reference date into intervals with precision."""

from __future__ import annotations

from datetime import date

import pytest

from watchfloor.model import DatePrecision
from watchfloor.resolve.dates import clear_date_cache, is_duration, resolve_date

BASE = date(2026, 1, 25)
D, W, M, S, Y, V = (
    DatePrecision.DAY,
    DatePrecision.WEEK,
    DatePrecision.MONTH,
    DatePrecision.SEASON,
    DatePrecision.YEAR,
    DatePrecision.VAGUE,
)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("January 20th", date(2026, 1, 20), date(2026, 1, 20), D),
        (
            "December 20th",
            date(2025, 12, 20),
            date(2025, 12, 20),
            D,
        ),  # later in the year: last year
        # Due within the coming weeks: the report means this one ("the January 26th vote"),
        # not the one eleven months back; a date further ahead is read in the past.
        ("January 26th", date(2026, 1, 26), date(2026, 1, 26), D),
        ("March 26th", date(2025, 3, 26), date(2025, 3, 26), D),
        ("in recent months", date(2025, 7, 25), BASE, V),
        ("recent years", date(2021, 1, 25), BASE, V),
        ("earlier this month", date(2026, 1, 1), BASE, M),
        ("late last year", date(2025, 9, 1), date(2025, 12, 31), V),
        ("last week", date(2026, 1, 12), date(2026, 1, 18), W),
        ("the past week", date(2026, 1, 18), BASE, W),
        ("this year", date(2026, 1, 1), date(2026, 12, 31), Y),
        ("last month", date(2025, 12, 1), date(2025, 12, 31), M),
        ("last summer", date(2024, 6, 1), date(2024, 8, 31), S),
        ("summer", date(2025, 6, 1), date(2025, 8, 31), S),
        ("winter 2024", date(2024, 12, 1), date(2025, 2, 28), S),
        ("mid-January", date(2026, 1, 11), date(2026, 1, 20), W),
        ("early March 2019", date(2019, 3, 1), date(2019, 3, 10), W),
        ("between 3 and 5 March", date(2025, 3, 3), date(2025, 3, 5), D),
        ("March 3-5, 2024", date(2024, 3, 3), date(2024, 3, 5), D),
        ("from 10 to 15 May 2022", date(2022, 5, 10), date(2022, 5, 15), D),
        ("the 1990s", date(1990, 1, 1), date(1999, 12, 31), V),
        ("2019-2020", date(2019, 1, 1), date(2020, 12, 31), Y),
        ("the past three years", date(2023, 1, 25), BASE, Y),
        ("yesterday", date(2026, 1, 24), date(2026, 1, 24), D),
        ("2025", date(2025, 1, 1), date(2025, 12, 31), Y),
        ("the end of 2024", date(2024, 9, 1), date(2024, 12, 31), V),
    ],
)
def test_dates_resolve_against_base(
    text: str, start: date, end: date, precision: DatePrecision
) -> None:
    interval = resolve_date(text, BASE)
    assert interval is not None, text
    assert (interval.start, interval.end, interval.precision) == (start, end, precision)


@pytest.mark.parametrize(
    "text", ["three years", "24 hours", "25-year-old", "years", "daily", "aged 30"]
)
def test_dates_durations_ages_and_repeats_are_none(text: str) -> None:
    assert resolve_date(text, BASE) is None


def test_dates_is_duration_keeps_anchored_spans() -> None:
    assert is_duration("three years")
    assert not is_duration("three years ago")
    assert not is_duration("the past three years")


def test_dates_unknown_words_are_none() -> None:
    assert resolve_date("the weekend of talks", BASE) is None


def test_dates_remembered_answer_equals_a_cold_read() -> None:
    warm = resolve_date("last Tuesday", BASE)
    assert resolve_date("last Tuesday", BASE) is warm  # remembered, not read again
    clear_date_cache()
    cold = resolve_date("last Tuesday", BASE)
    assert cold == warm and cold is not warm
    assert resolve_date("last Tuesday", date(2026, 2, 25)) != warm  # the base is in the key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2254", None),  # "UNSCR 2254": a resolution number, not a year
        ("on Saturday", (date(2024, 11, 30), date(2024, 11, 30))),  # published that Saturday
        ("last Saturday", (date(2024, 11, 23), date(2024, 11, 23))),
        ("on Friday", (date(2024, 11, 29), date(2024, 11, 29))),
    ],
)
def test_dates_weekday_of_publication_and_implausible_years(text, expected):
    found = resolve_date(text, date(2024, 11, 30))
    assert (None if found is None else (found.start, found.end)) == expected


@pytest.mark.parametrize("text", ["53", "7", "the 12", "in 53", "05"])
def test_dates_bare_small_numbers_are_not_dates(text: str) -> None:
    # "Jumah Hamdi Hamdan, 53, ...": spaCy may mark an age as DATE; it is no year.
    assert resolve_date(text, BASE) is None


def test_dates_day_numbers_with_a_month_are_still_read() -> None:
    found = resolve_date("5 May", BASE)
    assert found is not None and found.start == date(2025, 5, 5)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Tuesday 3", date(2017, 10, 3)),  # a page's "Tuesday 3 Oct" cut short
        ("Friday 29", date(2017, 9, 29)),  # the weekday picks the month
        ("40 Tuesday", date(2017, 10, 3)),  # "wounding 40 Tuesday": the count is no date
    ],
)
def test_dates_weekday_with_a_day_number(text: str, day: date) -> None:
    found = resolve_date(text, date(2017, 10, 3))
    assert found is not None and (found.start, found.end) == (day, day)
