"""Date extraction: DATE entities resolved against the publication date into intervals."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from watchfloor.extract import ExtractOptions, Extractor
from watchfloor.model import AnnotatedDocument, Document, Genre
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
    document = Document.build(
        text,
        raw=text.encode(),
        media_type="text/plain",
        source="case.txt",
        retrieved=datetime(2026, 1, 26, tzinfo=UTC),
        language="en",
        genre=Genre.NEWS,
        published=when,
    )
    return extractor.extract_one(document)


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


def test_dates_without_publication_use_retrieved(extractor: Extractor) -> None:
    read = _read(extractor, "The attack took place yesterday.", None)
    assert [(m.start, m.end) for m in read.dates] == [(date(2026, 1, 25), date(2026, 1, 25))]
