"""Event mentions: one reported happening in one sentence, typed by the ontology."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from watchfloor.model.mentions import ActorMention, DateMention, Evidence, PlaceMention, Quantity
from watchfloor.model.provenance import Source, StatementKind

__all__ = ["EventMention", "event_mention_id"]


def event_mention_id(document_id: str, start: int, end: int, event_type: str) -> str:
    """Stable id of an event mention from its document, trigger span and type."""
    key = f"{document_id}|{start}|{end}|{event_type}".encode()
    return f"evm-{hashlib.sha256(key).hexdigest()[:20]}"


@dataclass(frozen=True, slots=True)
class EventMention:
    """A happening reported in one sentence: typed, with actors in roles, place, date, figures.

    `event_type` is an ontology code (e.g. "prison_escape"); `trigger` the word(s) that name it;
    `chain` the attribution chain of the clause that carries it (publishing outlet first);
    `kind` the statement kind of its sentence; `salience` orders a document's events, main first.
    `figures` hold the quantities attached to this event, each with its role.
    """

    id: str
    event_type: str
    trigger: str
    actor1: ActorMention | None
    actor2: ActorMention | None
    target: ActorMention | None
    place: PlaceMention | None
    date: DateMention | None
    figures: tuple[Quantity, ...]
    chain: tuple[Source, ...]
    kind: StatementKind
    salience: float
    evidence: Evidence
    published: DateMention | None = None
