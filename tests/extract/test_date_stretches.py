"""A happening's stated stretch, the night before the report and a weekday's night, read from
short news items (sentences written for these tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from helpers.reading import read_news
from watchfloor.extract import ExtractOptions, Extractor
from watchfloor.model import AnnotatedDocument, DatePrecision

COMPONENTS = ("watchfloor.sentences.v1", "watchfloor.dates.v1")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """One extractor for the whole module."""
    return Extractor(ExtractOptions(components=COMPONENTS))


def _read(extractor: Extractor, text: str, published: date) -> AnnotatedDocument:
    when = datetime(published.year, published.month, published.day, 9, tzinfo=UTC)
    return read_news(extractor, text, when)


def _dates(read: AnnotatedDocument) -> list[tuple[str, date, date, DatePrecision]]:
    return [(m.text, m.start, m.end, m.precision) for m in read.dates]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A length of a happening told as news: the days before the report, as a range.
        (
            "Nearly 300 killed in week of fighting at the border post, officials say.",
            date(2023, 3, 12),
            ("week", date(2023, 3, 4), date(2023, 3, 12), DatePrecision.WEEK),
        ),
        (
            "The ceasefire ended nearly a week of clashes in the old city.",
            date(2023, 3, 12),
            ("nearly a week", date(2023, 3, 4), date(2023, 3, 12), DatePrecision.WEEK),
        ),
        (
            "Police said the 20-day operation had led to 150 arrests.",
            date(2023, 5, 30),
            ("20-day", date(2023, 5, 9), date(2023, 5, 30), DatePrecision.MONTH),
        ),
        # A running count: it began that many days, less one, before and still goes on.
        (
            "Clashes around the port continued for a third day.",
            date(2023, 4, 6),
            ("a third day", date(2023, 4, 4), date(2023, 4, 6), DatePrecision.WEEK),
        ),
        (
            "The blockade of the town entered its fourth day.",
            date(2023, 4, 6),
            ("fourth day", date(2023, 4, 3), date(2023, 4, 6), DatePrecision.WEEK),
        ),
        # ... ending on the day named with it, one mention of the two.
        (
            "Fighting near the dam entered a second day on Tuesday.",
            date(2023, 4, 6),  # a Thursday
            ("a second day on Tuesday", date(2023, 4, 3), date(2023, 4, 4), DatePrecision.WEEK),
        ),
    ],
)
def test_dates_a_stretch_of_a_happening_is_a_range_ending_on_its_day(
    extractor: Extractor,
    text: str,
    published: date,
    expected: tuple[str, date, date, DatePrecision],
) -> None:
    assert _dates(_read(extractor, text, published)) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The talks lasted three days.",  # a length of nothing that happened
        "Within two days of the attack, police made arrests.",  # a measure from a happening
        "On the third day of the siege, the rebels surrendered.",  # counted from elsewhere
        "After eight years of war, the town is in ruins.",  # history, not news of the days
        "Camp officials said the sisters, aged 12 and 15, had been murdered.",  # ages
    ],
)
def test_dates_lengths_that_are_no_stretch_of_news_give_no_date(
    extractor: Extractor, text: str
) -> None:
    assert _read(extractor, text, date(2023, 4, 6)).dates == ()


def test_dates_a_stretch_beside_its_own_date_is_dated_by_that_date(extractor: Extractor) -> None:
    read = _read(extractor, "A week of fighting in March 2019 killed 40.", date(2023, 4, 6))
    assert _dates(read) == [
        ("March 2019", date(2019, 3, 1), date(2019, 3, 31), DatePrecision.MONTH)
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Soldiers were killed in a pre-dawn raid on their outpost.", "pre-dawn"),
        ("Gunmen struck the checkpoint before dawn, officials said.", "before dawn"),
        ("Rockets hit the airbase overnight.", "overnight"),
    ],
)
def test_dates_the_night_before_the_report(extractor: Extractor, text: str, span: str) -> None:
    # Told on the morning after: the night that spans the two days.
    assert _dates(_read(extractor, text, date(2023, 4, 6))) == [
        (span, date(2023, 4, 5), date(2023, 4, 6), DatePrecision.DAY)
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Militants stormed the jail on Wednesday night, freeing dozens.", "Wednesday night"),
        ("Wednesday night's assault on the compound lasted two hours.", "Wednesday night"),
    ],
)
def test_dates_a_weekday_night_runs_into_the_next_morning(
    extractor: Extractor, text: str, span: str
) -> None:
    # Published on Thursday morning: Wednesday's night may be Thursday's small hours.
    assert _dates(_read(extractor, text, date(2023, 4, 6))) == [
        (span, date(2023, 4, 5), date(2023, 4, 6), DatePrecision.DAY)
    ]
