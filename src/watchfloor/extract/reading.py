"""The reading of a document as plain data: what `watchfloor analyze` prints.

`reading_of` turns an AnnotatedDocument into JSON-ready dicts (schema: docs/analyze.schema.json):
the document, each sentence with its kind, chain and markers, every mention, the events typed
with their ACLED and PLOVER codes, and the discrepancies between figures of one event.
`render_text` draws the same reading for a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import combinations
from typing import Any

from watchfloor.extract.attribution import chain_at
from watchfloor.extract.extractor import Extractor
from watchfloor.model import (
    ActorMention,
    AnnotatedDocument,
    DateMention,
    Document,
    EventMention,
    Figure,
    PlaceMention,
    Quantity,
    Source,
    StatementKind,
)
from watchfloor.resolve.ontology import Ontology

__all__ = ["find_discrepancies", "read_documents", "reading_of", "render_text"]


def read_documents(docs: Iterable[Document], extractor: Extractor) -> Iterator[dict[str, Any]]:
    """The reading of each document, extracted in batches by one loaded extractor."""
    ontology = extractor.resources.ontology
    for annotated in extractor.extract(list(docs)):
        yield reading_of(annotated, ontology)


def find_discrepancies(events: Iterable[EventMention]) -> list[tuple[Figure, Figure]]:
    """Pairs of figures of one event and role whose ranges do not overlap."""
    pairs: list[tuple[Figure, Figure]] = []
    for event in events:
        for first, second in combinations(event.figures, 2):
            if first.role == second.role and not first.quantity.overlaps(second.quantity):
                pairs.append((first, second))
    return pairs


def reading_of(doc: AnnotatedDocument, ontology: Ontology) -> dict[str, Any]:
    """The whole reading of one annotated document as JSON-ready data."""
    document = doc.document
    return {
        "document": {
            "id": document.id,
            "title": document.title,
            "outlet": document.outlet,
            "author": document.author,
            "url": document.url,
            "published": document.published.isoformat() if document.published else None,
            "published_from": document.extras.get("published_from"),
            "language": document.language,
            "genre": (doc.genre or document.genre).value,
            "ingest_genre": document.genre.value,
            "words": document.word_count,
            "extractors": list(doc.extractors),
        },
        "sentences": _sentences(doc),
        "mentions": {
            "actors": [_actor(a) for a in doc.actors],
            "places": [_place(p) for p in doc.places],
            "dates": [_date(d) for d in doc.dates],
            "figures": [_standing_figure(doc, q) for q in doc.quantities],
        },
        "attributions": [
            {
                "sentence": a.evidence.sentence,
                "start": a.evidence.start,
                "end": a.evidence.end,
                "verb": a.verb,
                "vague": a.is_vague,
                "chain": _chain(a.chain),
            }
            for a in doc.attributions
        ],
        # Incidents only: what happened and is anchored (main event first). The rest (failed,
        # planned, feared, generic or unanchored mentions) is shown apart, never as a happening.
        "events": [_event(e, ontology) for e in doc.events if e.is_incident],
        "background": [_event(e, ontology) for e in doc.events if not e.is_incident],
        "discrepancies": [
            {
                "event": event.id,
                "type": event.event_type,
                "role": first.role,
                "figures": [_figure(first), _figure(second)],
            }
            for event in doc.events
            if event.is_incident
            for first, second in find_discrepancies([event])
        ],
    }


def _standing_figure(doc: AnnotatedDocument, quantity: Quantity) -> dict[str, Any]:
    """A figure as read in its sentence, with the chain of the clause that carries it."""
    ev = quantity.evidence
    return {
        **_quantity_fields(quantity),
        "chain": _chain(chain_at(doc, ev.sentence, ev.start, ev.end)),
        "sentence": ev.sentence,
        "start": ev.start,
        "end": ev.end,
    }


def _sentences(doc: AnnotatedDocument) -> list[dict[str, Any]]:
    """Each sentence with its main kind, its clause-level readings and its markers."""
    out = []
    for sentence in doc.sentences:
        statements = [s for s in doc.statements if s.sentence == sentence.index]
        main = statements[0] if statements else None
        out.append(
            {
                "index": sentence.index,
                "start": sentence.start,
                "end": sentence.end,
                "text": sentence.text,
                "kind": main.kind.value if main else StatementKind.REPORTED_FACT.value,
                "chain": _chain(main.chain) if main else [],
                "reasons": list(main.reasons) if main else [],
                "clauses": [
                    {
                        "start": s.evidence.start,
                        "end": s.evidence.end,
                        "kind": s.kind.value,
                        "reasons": list(s.reasons),
                    }
                    for s in statements[1:]
                ],
                "markers": [
                    {
                        "kind": m.kind.value,
                        "text": m.text,
                        "start": m.evidence.start,
                        "end": m.evidence.end,
                    }
                    for m in doc.markers
                    if m.evidence.sentence == sentence.index
                ],
            }
        )
    return out


def _chain(chain: tuple[Source, ...]) -> list[dict[str, Any]]:
    return [{"name": s.name, "kind": s.kind.value, "actor_id": s.actor_id} for s in chain]


def _actor(actor: ActorMention | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "text": actor.text,
        "name": actor.name,
        "actor_id": actor.actor_id,
        "type": actor.actor_type,
        "country": actor.country,
        "sentence": actor.evidence.sentence,
        "start": actor.evidence.start,
        "end": actor.evidence.end,
    }


def _place(place: PlaceMention | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "text": place.text,
        "name": place.name,
        "place_id": place.place_id,
        "lat": place.lat,
        "lon": place.lon,
        "precision": place.precision.value,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "sentence": place.evidence.sentence,
        "start": place.evidence.start,
        "end": place.evidence.end,
    }


def _date(mention: DateMention | None) -> dict[str, Any] | None:
    if mention is None:
        return None
    return {
        "text": mention.text,
        "start": mention.start.isoformat(),
        "end": mention.end.isoformat(),
        "precision": mention.precision.value,
        "sentence": mention.evidence.sentence,
    }


def _quantity_fields(quantity: Quantity) -> dict[str, Any]:
    return {
        "text": quantity.text,
        "low": quantity.low,
        "high": quantity.high,
        "qualifier": quantity.qualifier.value,
        "unit": quantity.unit,
        "role": quantity.role,
    }


def _figure(figure: Figure) -> dict[str, Any]:
    return {
        **_quantity_fields(figure.quantity),
        "role": figure.role,
        "chain": _chain(figure.chain),
        "kind": figure.kind.value,
        "sentence": figure.quantity.evidence.sentence,
    }


def _event(event: EventMention, ontology: Ontology) -> dict[str, Any]:
    """One event with its ontology mappings, roles, place, date, figures and provenance."""
    known = event.event_type in ontology
    event_type = ontology.get(event.event_type) if known else None
    actor_type = event.actor1.actor_type if event.actor1 else None
    country = event.actor1.country if event.actor1 else None
    acled = event_type.acled_pair(actor_type, country) if event_type else (None, None)
    return {
        "id": event.id,
        "type": event.event_type,
        "label": event_type.label if event_type else event.event_type,
        "family": event_type.family if event_type else None,
        "acled_event_type": acled[0],
        "acled_sub_event_type": acled[1],
        "plover_code": event_type.plover_code if event_type else None,
        "plover_mode": event_type.plover_mode if event_type else None,
        "trigger": event.trigger,
        "actor1": _actor(event.actor1),
        "actor2": _actor(event.actor2),
        "target": _actor(event.target),
        "place": _place(event.place),
        "date": _date(event.date),
        "figures": [_figure(f) for f in event.figures],
        "chain": _chain(event.chain),
        "kind": event.kind.value,
        "salience": event.salience,
        "sentence": event.evidence.sentence,
        "support": sorted({e.sentence for e in event.support}),
        "modality": event.modality.value,
        "place_anchor": event.place_anchor.value if event.place_anchor else None,
        "date_anchor": event.date_anchor.value if event.date_anchor else None,
        "background": event.background,
        "reasons": list(event.reasons),
    }


def render_text(reading: dict[str, Any]) -> str:
    """A terminal rendering: document line, events with figures, discrepancies, sentences."""
    doc = reading["document"]
    lines = [
        f"{doc['title'] or doc['id']} — {doc['outlet'] or 'unknown outlet'}, "
        f"{(doc['published'] or '')[:10]} [{doc['genre']}, {doc['language']}]"
    ]
    lines.append("")
    lines.append("Events (main first):")
    for event in reading["events"]:
        actors = " vs ".join(a["name"] for a in (event["actor1"], event["actor2"]) if a) or "?"
        place = event["place"]["name"] if event["place"] else "?"
        when = event["date"]["start"] if event["date"] else "?"
        acled = f"{event['acled_event_type']} / {event['acled_sub_event_type']}"
        lines.append(f"  - {event['type']} ({acled}): {actors} @ {place}, {when}")
        for figure in event["figures"]:
            via = " > ".join(s["name"] for s in figure["chain"])
            lines.append(f"      {figure['text']!r} {figure['role'] or ''} via {via}")
    if reading.get("background"):
        lines.append("")
        lines.append("Background (not incidents):")
        for event in reading["background"]:
            why = "background" if event["background"] else event["modality"]
            lines.append(f"  - {event['type']} ({why}): {event['trigger']!r}")
    if reading["discrepancies"]:
        lines.append("")
        lines.append("Discrepancies:")
        for item in reading["discrepancies"]:
            texts = " vs ".join(repr(f["text"]) for f in item["figures"])
            lines.append(f"  - {item['type']} {item['role']}: {texts}")
    lines.append("")
    lines.append("Sentences:")
    for sentence in reading["sentences"]:
        via = " > ".join(s["name"] for s in sentence["chain"][1:])
        extra = ", ".join(c["kind"] for c in sentence["clauses"])
        scare = sum(1 for m in sentence["markers"] if m["kind"] == "scare_quote")
        tail = f" via {via}" if via else ""
        tail += f" (+{extra})" if extra else ""
        tail += f" [{scare} scare quotes]" if scare else ""
        lines.append(f"  {sentence['index']:>3} {sentence['kind']}{tail}: {sentence['text'][:80]}")
    return "\n".join(lines)
