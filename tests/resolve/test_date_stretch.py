"""The days of a happening's stated stretch: lengths and running counts, as ranges."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from watchfloor.model import DatePrecision
from watchfloor.resolve.date_stretch import (
    MAX_STRETCH_DAYS,
    is_length,
    is_running,
    stretch_interval,
)
from watchfloor.resolve.dates import resolve_date

END = date(2023, 4, 6)


@pytest.mark.parametrize(
    ("text", "start", "precision"),
    [
        ("week", date(2023, 3, 29), DatePrecision.WEEK),  # a week, and the day before
        ("nearly a week", date(2023, 3, 29), DatePrecision.WEEK),
        ("more than a week", date(2023, 3, 25), DatePrecision.WEEK),  # reaches further back
        ("three days", date(2023, 4, 2), DatePrecision.WEEK),
        ("two-day", date(2023, 4, 3), DatePrecision.WEEK),
        ("48-hour", date(2023, 4, 3), DatePrecision.WEEK),
        ("a day", date(2023, 4, 4), DatePrecision.DAY),
        ("24-day", date(2023, 3, 12), DatePrecision.MONTH),
        ("a third day", date(2023, 4, 4), DatePrecision.WEEK),  # still going on the end day
        ("its fourth day", date(2023, 4, 3), DatePrecision.WEEK),
        ("a second straight day", date(2023, 4, 5), DatePrecision.WEEK),
        ("the 10th day", date(2023, 3, 28), DatePrecision.MONTH),
    ],
)
def test_stretch_reads_the_days_back_from_its_end(
    text: str, start: date, precision: DatePrecision
) -> None:
    found = stretch_interval(text, END)
    assert found is not None and (found.start, found.end, found.precision) == (
        start,
        END,
        precision,
    )


@pytest.mark.parametrize("text", ["eight years", "six months", "five weeks", "Tuesday", "40"])
def test_stretch_longer_than_a_month_or_no_length_gives_nothing(text: str) -> None:
    assert stretch_interval(text, END) is None


@pytest.mark.parametrize("text", ["week", "three days", "24-day", "a third day"])
def test_stretch_alone_stays_a_duration_for_resolve_date(text: str) -> None:
    # Only the reader, which sees what the length is told of, makes it a date.
    assert (is_length(text) or is_running(text)) and resolve_date(text, END) is None


@given(
    n=st.integers(min_value=1, max_value=40),
    unit=st.sampled_from(["day", "night", "week", "hour"]),
    end=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
)
def test_stretch_is_a_range_ending_on_its_day_never_a_false_point(
    n: int, unit: str, end: date
) -> None:
    found = stretch_interval(f"{n} {unit}s", end)
    if found is None:
        return
    assert found.end == end and found.start < end
    assert end - found.start <= timedelta(days=MAX_STRETCH_DAYS + 1)
    # The precision is the stated length's: a day's length is day-precise, longer ones not.
    length = n * {"day": 1.0, "night": 1.0, "week": 7.0, "hour": 1 / 24}[unit]
    assert (found.precision is DatePrecision.DAY) == (length <= 1)
