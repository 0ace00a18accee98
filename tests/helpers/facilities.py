"""Hand-built readings for the facility and indicator tests (no NLP model loaded).

Tests import it as `helpers.facilities`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from watchfloor.model import (
    ActorMention,
    AnnotatedDocument,
    Attribution,
    Document,
    EventMention,
    Evidence,
    Genre,
    PlaceMention,
    Precision,
    Qualifier,
    Quantity,
    Sentence,
    Source,
    SourceKind,
    Statement,
    StatementKind,
    event_mention_id,
)
from watchfloor.pipeline.facilities import update_facilities
from watchfloor.store import Store

X = "test.facilities.v1"

# Surface -> (actor id, canonical name) for the actors the tests name.
ACTORS = {
    "SDF": ("sdf", "SDF"),
    "Syrian Democratic Forces": ("sdf", "SDF"),
    "Damascus": ("syrian_government_transitional", "Syrian government"),
    "Syrian government": ("syrian_government_transitional", "Syrian government"),
    "Coalition forces": ("global_coalition", "Global Coalition against ISIS"),
    "ISIS": ("isis", "ISIS"),
    "Islamic State": ("isis", "ISIS"),
    "United States": ("united_states", "United States"),
    "UN": ("united_nations", "United Nations"),
}
# Surface -> (place id, country, admin1, precision, feature).
PLACES = {
    "Syria": ("cc-sy", "SY", None, Precision.COUNTRY, None),
    "Iraq": ("cc-iq", "IQ", None, Precision.COUNTRY, None),
    "Hasakah": ("adm-hasakah", "SY", "Al-Hasakah", Precision.TOWN, None),
    "Idlib": ("adm-idlib", "SY", "Idlib", Precision.GOVERNORATE, None),
    "Ghwayran prison": ("fac-ghwayran-prison", "SY", "Al-Hasakah", Precision.FACILITY, "prison"),
    "al-Hol camp": ("fac-al-hol-camp", "SY", "Al-Hasakah", Precision.FACILITY, "camp"),
}


def _sentences(text: str) -> tuple[Sentence, ...]:
    found = [m for m in re.finditer(r"[^.!?]+[.!?]?", text) if m.group(0).strip()]
    out: list[Any] = []
    for match in found:
        lead = len(match.group(0)) - len(match.group(0).lstrip())
        start = match.start() + lead
        out.append(Sentence(len(out), start, match.end(), text[start : match.end()]))
    return tuple(out)


def _where(doc_id: str, sentences: tuple[Sentence, ...], start: int, end: int) -> Evidence:
    index = next(s.index for s in sentences if s.start <= start < s.end)
    return Evidence(doc_id, index, start, end, X)


def _all(text: str, surface: str) -> Iterable[tuple[int, int]]:
    for match in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w])", text):
        yield match.start(), match.end()


def build_reading(
    text: str,
    *,
    outlet: str = "Test Wire",
    published: date = date(2022, 1, 25),
    quantities: Iterable[tuple[str, int, int | None, Qualifier, str | None, str | None]] = (),
    events: Iterable[tuple[str, str]] = (),
    attributions: Iterable[tuple[str, tuple[str, ...]]] = (),
    kinds: dict[int, StatementKind] | None = None,
) -> AnnotatedDocument:
    """A reading of `text`: actors and places found by the tables above, the figures, events
    (trigger, type) and attributions (clause text, chain names after the outlet) given."""
    document = Document.build(
        text,
        raw=text.encode(),
        media_type="text/plain",
        source="test.txt",
        retrieved=datetime(2026, 1, 26, tzinfo=UTC),
        language="en",
        genre=Genre.NEWS,
        outlet=outlet,
        published=datetime(published.year, published.month, published.day, tzinfo=UTC),
    )
    text, doc_id = document.text, document.id
    sentences = _sentences(text)
    taken: set[int] = set()
    actors = []
    for surface in sorted(ACTORS, key=len, reverse=True):
        for a, b in _all(text, surface):
            if a in taken:
                continue
            taken.update(range(a, b))
            actor_id, name = ACTORS[surface]
            ev = _where(doc_id, sentences, a, b)
            actors.append(ActorMention(surface, actor_id, name, "armed_group", None, ev))
    places: list[Any] = []
    for surface in sorted(PLACES, key=len, reverse=True):
        for a, b in _all(text, surface):
            if any(p.evidence.start <= a < p.evidence.end for p in places):
                continue
            pid, cc, admin1, precision, feature = PLACES[surface]
            ev = _where(doc_id, sentences, a, b)
            places.append(
                PlaceMention(
                    text=surface,
                    name=surface,
                    place_id=pid,
                    lat=35.0,
                    lon=40.0,
                    country_code=cc,
                    admin1=admin1,
                    precision=precision,
                    score=0.9,
                    feature=feature,
                    evidence=ev,
                )
            )
    figures = []
    for surface, low, high, qualifier, unit, role in quantities:
        a = text.index(surface)
        ev = _where(doc_id, sentences, a, a + len(surface))
        figures.append(Quantity(surface, low, high, qualifier, unit, role, ev))
    outlet_source = Source(outlet, SourceKind.OUTLET)
    links = []
    for clause, names in attributions:
        a = text.index(clause)
        chain = (outlet_source, *(Source(n, SourceKind.ACTOR) for n in names))
        links.append(
            Attribution(chain, "said", False, _where(doc_id, sentences, a, a + len(clause)))
        )
    mentions = []
    for trigger, event_type in events:
        a = text.index(trigger)
        ev = _where(doc_id, sentences, a, a + len(trigger))
        mentions.append(
            EventMention(
                id=event_mention_id(doc_id, a, a + len(trigger), event_type),
                event_type=event_type,
                trigger=trigger,
                actor1=None,
                actor2=None,
                target=None,
                place=None,
                date=None,
                figures=(),
                chain=(outlet_source,),
                kind=StatementKind.REPORTED_FACT,
                salience=1.0,
                evidence=ev,
            )
        )
    statements = tuple(
        Statement(
            s.index,
            (kinds or {}).get(s.index, StatementKind.REPORTED_FACT),
            (outlet_source,),
            (),
            Evidence(doc_id, s.index, s.start, s.end, X),
        )
        for s in sentences
    )
    return AnnotatedDocument(
        document=document,
        sentences=sentences,
        actors=tuple(sorted(actors, key=lambda m: m.evidence.start)),
        places=tuple(sorted(places, key=lambda m: m.evidence.start)),
        quantities=tuple(figures),
        attributions=tuple(links),
        statements=statements,
        events=tuple(mentions),
    )


# The two figures of the camp-and-fighters story the CLI, export and desk tests store; each
# test words the text itself (quotes, angle brackets) to probe its own escaping.
CAMP_AND_FIGHTERS = (
    ("56,000", 56000, 56000, Qualifier.EXACT, "people", None),
    ("between 1,500 and 3,000", 1500, 3000, Qualifier.RANGE, "fighters", "fighters"),
)


def store_camp_and_fighters(store: Store, text: str) -> None:
    """Store a 2023 reading of `text` with the camp's population and the fighters' range, then
    derive the facility claims and indicator points from it."""
    reading = build_reading(text, published=date(2023, 2, 1), quantities=CAMP_AND_FIGHTERS)
    store.write_document(reading.document, reading, "test")
    update_facilities(store)
