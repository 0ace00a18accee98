"""Event mentions: one reported happening in one sentence, typed by the ontology."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from watchfloor.model.mentions import ActorMention, DateMention, Evidence, PlaceMention, Quantity
from watchfloor.model.provenance import Source, StatementKind

__all__ = ["REALIS", "EventMention", "Figure", "event_mention_id"]

# Modalities of a mention that reports a happening; any other (failed, planned, generic,
# hypothetical, negated) names something that did not happen and never becomes an incident.
REALIS = frozenset({"asserted"})


def event_mention_id(document_id: str, start: int, end: int, event_type: str) -> str:
    """Stable id of an event mention from its document, trigger span and type."""
    key = f"{document_id}|{start}|{end}|{event_type}".encode()
    return f"evm-{hashlib.sha256(key).hexdigest()[:20]}"


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure attached to an event: the quantity, its role there, and who asserts it.

    `chain` is the attribution chain of the clause that carries the figure (publishing outlet
    first) and `kind` the statement kind of its sentence, so two figures of one event can come
    from different sources ("hundreds" in the author's voice, "approximately 1,500" via
    Rudaw → SDF).
    """

    quantity: Quantity
    role: str | None
    chain: tuple[Source, ...]
    kind: StatementKind


@dataclass(frozen=True, slots=True)
class EventMention:
    """A happening reported in one sentence: typed, with actors in roles, place, date, figures.

    `event_type` is an ontology code (e.g. "prison_escape"); `trigger` the word(s) that name it;
    `chain` the attribution chain of the clause that carries it (publishing outlet first);
    `kind` the statement kind of its sentence; `salience` orders a document's events, main first.
    `figures` hold the figures attached to this event, each with its role and its own chain.
    Mentions of one happening in several sentences of a document are one EventMention;
    `support` holds the evidence of the other sentences that mention it. `modality` says
    whether it reports a happening ("asserted") or a failed, planned, generic or hypothetical
    one; only asserted mentions are merged into incidents.
    """

    id: str
    event_type: str
    trigger: str
    actor1: ActorMention | None
    actor2: ActorMention | None
    target: ActorMention | None
    place: PlaceMention | None
    date: DateMention | None
    figures: tuple[Figure, ...]
    chain: tuple[Source, ...]
    kind: StatementKind
    salience: float
    evidence: Evidence
    support: tuple[Evidence, ...] = ()
    modality: str = "asserted"
