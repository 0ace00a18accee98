"""The Arabic golden set: every expected reading of tests/golden/arabic-reports.yaml, and the
Arabic and English sample reports of one incident merged into one incident with two origins."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from watchfloor.extract import Extractor
from watchfloor.extract.arabic.reader import ArabicReader
from watchfloor.extract.resources import load_resources
from watchfloor.ingest import IngestOptions, read_inputs
from watchfloor.merge import merge_mentions
from watchfloor.model import AnnotatedDocument, Document, Genre, Modality

GOLDEN = yaml.safe_load((Path(__file__).parent / "arabic-reports.yaml").read_text("utf-8"))
REPORTS = GOLDEN["reports"]
CORPUS = Path(__file__).parents[2] / "src" / "watchfloor" / "samples" / "corpus"


@pytest.fixture(scope="module")
def reader() -> ArabicReader:
    return ArabicReader(load_resources())


def _read(reader: ArabicReader, report: dict[str, Any]) -> AnnotatedDocument:
    published = datetime.combine(report["published"], datetime.min.time(), tzinfo=UTC)
    document = Document.build(
        report["text"],
        raw=report["text"].encode("utf-8"),
        media_type="text/plain",
        source=f"{report['id']}.txt",
        retrieved=published,
        published=published,
        language="ar",
        genre=Genre.NEWS,
        outlet=report["outlet"],
        title=report["text"].splitlines()[0],
    )
    return reader.read(document)


def test_golden_has_enough_reports() -> None:
    assert len(REPORTS) >= 15


@pytest.mark.parametrize("report", REPORTS, ids=[r["id"] for r in REPORTS])
def test_arabic_golden_report(reader: ArabicReader, report: dict[str, Any]) -> None:
    doc = _read(reader, report)
    expect = report["expect"]
    incidents = [e for e in doc.events if e.is_incident]
    types = {e.event_type for e in incidents}
    assert set(expect.get("events", ())) <= types, f"events: {sorted(types)}"
    if "main" in expect:
        assert incidents[0].event_type == expect["main"]
    failed = {e.event_type for e in doc.events if e.modality is Modality.FAILED}
    assert set(expect.get("failed", ())) <= failed
    places = {p.place_id for p in doc.places}
    assert set(expect.get("places", ())) <= places, f"places: {sorted(map(str, places))}"
    actors = {a.actor_id for a in doc.actors}
    assert set(expect.get("actors", ())) <= actors, f"actors: {sorted(map(str, actors))}"
    figures = {(q.low, q.high, q.qualifier.value, q.role) for q in doc.quantities}
    for low, high, qualifier, role in expect.get("figures", ()):
        assert (low, high, qualifier, role) in figures, f"figures: {sorted(figures, key=str)}"
    by_type = {e.event_type: e for e in incidents}
    for event_type, when in (expect.get("event_dates") or {}).items():
        found = by_type[event_type].date
        assert found is not None and found.start == when, f"{event_type} dated {found}"
    dates = {(d.start, d.end) for d in doc.dates}
    for start, end in expect.get("dates", ()):
        assert (start, end) in dates, f"dates: {sorted(dates)}"
    kinds = {s.sentence: s.kind.value for s in doc.statements}
    for index, kind in (expect.get("kinds") or {}).items():
        assert kinds[index] == kind, (
            f"sentence {index}: {kinds[index]} ({doc.sentences[index].text})"
        )


def _sample(name: str) -> Document:
    (document,) = [
        d for d in read_inputs([str(CORPUS / name)], IngestOptions()) if isinstance(d, Document)
    ]
    return document


def test_arabic_and_english_reports_merge_into_one_incident() -> None:
    english = _sample("synthetic-sample-wire-2022-01-21-hasakah-prison-attack.txt")
    arabic = _sample("synthetic-sample-wire-arabic-2022-01-22.txt")
    assert arabic.language == "ar" and english.language == "en"
    readings = list(Extractor().extract([english, arabic]))
    assert readings[1].extractors[0].startswith("watchfloor.arabic")
    mentions = [e for r in readings for e in r.events]
    result = merge_mentions(mentions)
    both = [
        i for i in result.incidents if {c.document_id for c in i.claims} == {english.id, arabic.id}
    ]
    assert both, "no incident holds both the English and the Arabic report"
    prison = [i for i in both if i.place is not None and i.place.place_id == "fac-ghwayran-prison"]
    assert prison
    assert any(i.independent_origins >= 2 for i in prison), [i.origins for i in prison]


def test_arabic_reading_dates_the_incident(reader: ArabicReader) -> None:
    arabic = _sample("synthetic-sample-wire-arabic-2022-01-22.txt")
    doc = reader.read(arabic)
    main = doc.events[0]
    assert main.date is not None and main.date.start == date(2022, 1, 20)
