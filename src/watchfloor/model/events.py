"""Event mentions: one reported happening in one sentence, typed by the ontology."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from watchfloor.model.mentions import ActorMention, DateMention, Evidence, PlaceMention, Quantity
from watchfloor.model.provenance import Source, StatementKind

__all__ = ["REALIS", "Anchor", "EventMention", "Figure", "Modality", "event_mention_id"]


class Modality(StrEnum):
    """Whether a mention reports a happening, or something that did not (yet) happen.

    Only ASSERTED mentions are incidents; the others are kept so the desk can show them ("ISIS
    failed to break out", "in talks to transfer", "the tactic is to explode themselves").
    """

    ASSERTED = "asserted"  # it happened or is happening
    FAILED = "failed"  # tried and failed, foiled, thwarted
    ATTEMPTED = "attempted"  # tried, outcome not said
    PLANNED = "planned"  # planned, prepared, intended, in talks, about to
    FEARED = "feared"  # feared, warned of, threatened
    HYPOTHETICAL = "hypothetical"  # could, would, if
    HABITUAL = "habitual"  # often, usually, routinely
    GENERIC = "generic"  # what a kind of actor does, no particular occasion


# Modalities of a mention that reports a happening; any other (failed, planned, generic,
# hypothetical, negated) names something that did not happen and never becomes an incident.
REALIS = frozenset({Modality.ASSERTED})


class Anchor(StrEnum):
    """Where an event's place or date was found, nearest first."""

    CLAUSE = "clause"  # the trigger's own clause
    SENTENCE = "sentence"  # elsewhere in its sentence
    PARAGRAPH = "paragraph"  # the nearest compatible mention of its paragraph
    TITLE = "title"  # the report's title
    DATELINE = "dateline"  # the report's dateline ("BEIRUT (Reuters) -", "Posted on ...")
    COUNTRY = "country"  # only a country is known: its centroid, shown as such
    PUBLICATION = "publication"  # no date in the text: the window before publication


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
    `support` holds the evidence of the other sentences that mention it.

    `modality` says whether the mention reports a happening (only ASSERTED ones do);
    `place_anchor` and `date_anchor` say where the place and the date were found;
    `background` marks an event the report mentions without anchoring it (not the main event,
    and no place or date of its own inside the report's window): the desk may show it, but it
    is not an incident. `reasons` explains these decisions in words. `sentence` is the text of
    the trigger's sentence (empty when not recorded): the merge may compare it across reports
    and languages with a sentence encoder to propose candidates and break ties.
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
    modality: Modality = Modality.ASSERTED
    place_anchor: Anchor | None = None
    date_anchor: Anchor | None = None
    background: bool = False
    reasons: tuple[str, ...] = ()
    sentence: str = ""

    @property
    def is_incident(self) -> bool:
        """Whether the mention reports a happening the desk files as (part of) an incident."""
        return self.modality == Modality.ASSERTED and not self.background
