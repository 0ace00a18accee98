"""Date extraction: DATE entities resolved against the publication date into intervals."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers.reading import read_news
from watchfloor.extract import ExtractOptions, Extractor
from watchfloor.extract.dates import is_relative, reference_date
from watchfloor.model import AnnotatedDocument
from watchfloor.samples import sample_paths

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "dates.yaml").read_text("utf-8"))
COMPONENTS = ("watchfloor.sentences.v1", "watchfloor.dates.v1")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """One extractor for the whole module."""
    return Extractor(ExtractOptions(components=COMPONENTS))


def _read(extractor: Extractor, text: str, published: date | None) -> AnnotatedDocument:
    when = (
        datetime(published.year, published.month, published.day, tzinfo=UTC) if published else None
    )
    return read_news(extractor, text, when)


def test_dates_seed_golden(extractor: Extractor) -> None:
    path = next(p for p in sample_paths() if p.name == "isis-revival-opinion.txt")
    read = _read(extractor, path.read_text("utf-8"), date(2026, 1, 25))
    by_text = {m.text: m for m in read.dates}
    for row in CASES["seed"]:
        mention = by_text[row["text"]]
        assert mention.start == mention.end == row["resolves_to"]
        assert read.document.text[mention.evidence.start : mention.evidence.end] == row["text"]


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["text"])
def test_dates_case_table(extractor: Extractor, case: dict[str, Any]) -> None:
    read = _read(extractor, case["sentence"], case["published"])
    matching = [m for m in read.dates if case["text"].casefold() in m.text.casefold()]
    assert matching, f"no date for {case['text']!r}: {[m.text for m in read.dates]}"
    mention = matching[0]
    assert (mention.start, mention.end) == (case["start"], case["end"])
    assert mention.precision.value == case["precision"]


@pytest.mark.parametrize("case", CASES["none"], ids=lambda c: c["sentence"])
def test_dates_durations_and_ages_are_not_dates(extractor: Extractor, case: dict[str, Any]) -> None:
    assert _read(extractor, case["sentence"], case["published"]).dates == ()


def test_dates_without_publication_leave_relative_dates_unread(extractor: Extractor) -> None:
    # Read against the day the file was read (2026-01-26), "yesterday" would be 2026.
    read = _read(extractor, "The attack took place yesterday. A strike followed on Tuesday.", None)
    assert read.dates == ()
    assert reference_date(read)[0] is None


def test_dates_without_publication_keep_absolute_dates(extractor: Extractor) -> None:
    read = _read(extractor, "The war began in March 2011. Raids hit Homs on Tuesday.", None)
    assert [(m.text, m.start, m.end) for m in read.dates] == [
        ("March 2011", date(2011, 3, 1), date(2011, 3, 31))
    ]


def test_dates_without_publication_read_against_the_latest_date_in_the_text(
    extractor: Extractor,
) -> None:
    read = _read(
        extractor,
        "Air strikes on two hospitals on Thursday left 10 people dead. The attack on "
        "4 April 2017 killed 87 people. Talks had failed on 2 March 2017.",
        None,
    )
    by_text = {m.text: (m.start, m.end) for m in read.dates}
    assert by_text["Thursday"] == (date(2017, 3, 30), date(2017, 3, 30))
    assert reference_date(read) == (
        date(2017, 4, 4),
        "no publication date: read against the latest date in the text, 2017-04-04",
    )


def test_dates_never_in_the_future_without_publication(extractor: Extractor) -> None:
    text = "Fighting on Friday killed 40. Clashes overnight and last week. Raids on 3 May 2016."
    read = _read(extractor, text, None)
    assert read.dates and all(m.end <= date(2016, 5, 3) for m in read.dates)


def test_dates_without_publication_read_against_the_dateline(extractor: Extractor) -> None:
    read = _read(extractor, "Sun 10 Jul 2016 Rebels were killed on Saturday.", None)
    assert [(m.text, m.start) for m in read.dates] == [("Saturday", date(2016, 7, 9))]
    assert reference_date(read)[0] == date(2016, 7, 10)


def test_dates_the_dateline_dates_the_report_not_an_event(extractor: Extractor) -> None:
    read = _read(
        extractor,
        "Posted on April 2 2017 by Staff. Doctors said the hospital was bombed on March 25.",
        date(2017, 4, 2),
    )
    assert [m.text for m in read.dates] == ["March 25"]


def test_dates_a_span_glued_across_the_dateline_is_no_date(extractor: Extractor) -> None:
    # "4 September 2016 2 killed": the parse reads "September 2016 2" as 2 September.
    read = _read(
        extractor,
        "4 September 2016 2 killed 8 injured in rocket attacks on Aleppo. Terrorists fired "
        "rocket shells on the city on Saturday evening.",
        date(2016, 9, 4),
    )
    assert all(m.start != date(2016, 9, 2) for m in read.dates)
    assert [m.start for m in read.dates if "Saturday" in m.text] == [date(2016, 9, 3)]


def test_dates_overnight_is_the_night_before_publication(extractor: Extractor) -> None:
    read = _read(
        extractor, "At least 29 rebels were killed in clashes overnight.", date(2016, 7, 10)
    )
    assert [(m.text, m.start, m.end) for m in read.dates] == [
        ("overnight", date(2016, 7, 9), date(2016, 7, 10))
    ]


def test_dates_since_runs_to_the_reference_day(extractor: Extractor) -> None:
    read = _read(
        extractor,
        "Seventy fighters were killed in battles since Wednesday afternoon. "
        "The war has killed 300,000 people since March 2011.",
        date(2016, 6, 30),
    )
    got = {m.text: (m.start, m.end, m.precision.value) for m in read.dates}
    assert got["since Wednesday afternoon"] == (date(2016, 6, 29), date(2016, 6, 30), "week")
    assert got["since March 2011"] == (date(2011, 3, 1), date(2016, 6, 30), "vague")


@pytest.mark.parametrize(
    ("text", "relative"),
    [("Tuesday", True), ("last week", True), ("March 25", True), ("yesterday", True),
     ("5 April 2017", False), ("March 2011", False), ("2014", False)],
)  # fmt: skip
def test_dates_relative_expressions_move_with_the_reference(text: str, relative: bool) -> None:
    assert is_relative(text, date(2017, 4, 5)) is relative
