"""Actor extraction: catalogue names, actor noun phrases, dated identities, states that act."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from watchfloor.extract import ExtractOptions, Extractor
from watchfloor.model import AnnotatedDocument, Document, Genre
from watchfloor.samples import sample_paths

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "actors.yaml").read_text("utf-8"))
COMPONENTS = ("watchfloor.sentences.v1", "watchfloor.actors.v1")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """One extractor (spaCy + catalogue) for the whole module."""
    return Extractor(ExtractOptions(components=COMPONENTS))


def _document(text: str, published: date | None = date(2026, 1, 25)) -> Document:
    when = (
        datetime(published.year, published.month, published.day, tzinfo=UTC) if published else None
    )
    return Document.build(
        text,
        raw=text.encode(),
        media_type="text/plain",
        source="case.txt",
        retrieved=datetime(2026, 1, 26, tzinfo=UTC),
        language="en",
        genre=Genre.NEWS,
        published=when,
    )


def _read(
    extractor: Extractor, text: str, published: date | None = date(2026, 1, 25)
) -> AnnotatedDocument:
    return extractor.extract_one(_document(text, published))


def _seed_text() -> str:
    path = next(p for p in sample_paths() if p.name == "isis-revival-opinion.txt")
    return path.read_text("utf-8")


@pytest.fixture(scope="module")
def seed(extractor: Extractor) -> AnnotatedDocument:
    """The reference article, read once."""
    return _read(extractor, _seed_text())


@pytest.mark.parametrize("row", CASES["seed"], ids=lambda r: r["canonical"])
def test_actors_seed_surfaces_resolve_to_canonical(
    seed: AnnotatedDocument, row: dict[str, Any]
) -> None:
    by_text: dict[str, set[str]] = {}
    for mention in seed.actors:
        by_text.setdefault(mention.text.casefold(), set()).add(mention.name)
    for surface in row["surfaces"]:
        names = {n for text, ns in by_text.items() if surface.casefold() in text for n in ns}
        assert row["canonical"] in names, f"{surface!r} found as {names or 'nothing'}"


def test_actors_seed_mentions_carry_evidence(seed: AnnotatedDocument) -> None:
    text = seed.document.text
    for mention in seed.actors:
        assert text[mention.evidence.start : mention.evidence.end] == mention.text
        assert mention.evidence.extractor == "watchfloor.actors.v1"
        sentence = seed.sentences[mention.evidence.sentence]
        assert sentence.start <= mention.evidence.start < sentence.end


def test_actors_seed_has_no_persons(seed: AnnotatedDocument) -> None:
    assert not [m for m in seed.actors if "Mohammadi" in m.text]


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["text"][:40])
def test_actors_case_table(extractor: Extractor, case: dict[str, Any]) -> None:
    read = _read(extractor, case["text"], case.get("published", date(2026, 1, 25)))
    found = {m.text: m for m in read.actors}
    for surface, name in case.get("actors", {}).items():
        assert surface in found, f"{surface!r} missing from {sorted(found)}"
        assert found[surface].name == name
    for surface, actor_id in case.get("ids", {}).items():
        assert found[surface].actor_id == actor_id
    for surface in case.get("unresolved", []):
        assert surface in found and found[surface].actor_id is None
        assert found[surface].name == surface
    for surface in case.get("not_actors", []):
        assert surface not in found


def test_actors_arabic_aliases_resolve(extractor: Extractor) -> None:
    read = _read(extractor, "قالت قسد إن داعش هاجم السجن")
    names = {m.name for m in read.actors if m.actor_id}
    assert {"SDF", "ISIS"} <= names


def test_actors_government_follows_document_date(extractor: Extractor) -> None:
    text = "Syrian government forces entered the town."
    before = _read(extractor, text, date(2023, 5, 1)).actors
    after = _read(extractor, text, date(2025, 5, 1)).actors
    assert [m.actor_id for m in before] == ["syrian_government_assad"]
    assert [m.actor_id for m in after] == ["syrian_government_transitional"]


def test_actors_without_publication_date_use_retrieved(extractor: Extractor) -> None:
    read = _read(extractor, "The Syrian government announced a curfew.", published=None)
    assert [m.actor_id for m in read.actors] == ["syrian_government_transitional"]
