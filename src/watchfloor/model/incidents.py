"""Incidents: what many reports say about one happening, with claims, origins and disagreements.

Every type here is a frozen, slotted dataclass with content-derived ids, so the store can keep
them as JSON (`to_plain`/`from_plain`) and re-merging the same reports gives the same ids.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from watchfloor.model.events import EventMention, Figure
from watchfloor.model.mentions import (
    ActorMention,
    DateMention,
    Evidence,
    PlaceMention,
    Precision,
    Qualifier,
)
from watchfloor.model.provenance import Source, SourceKind, StatementKind

__all__ = [
    "Claim",
    "Corroboration",
    "Discrepancy",
    "DiscrepancyKind",
    "DocumentInfo",
    "FigureRange",
    "Incident",
    "IncidentActor",
    "IncidentLink",
    "MergeResult",
    "Origin",
    "Override",
    "OverrideKind",
    "PlaceCount",
    "RelationKind",
    "SourceRange",
    "TimelineEntry",
    "TimelineKind",
    "incident_id",
    "override_id",
]


def incident_id(seed_mention_id: str) -> str:
    """Stable id of an incident, derived from the mention that first reported it."""
    return f"inc-{hashlib.sha256(seed_mention_id.encode()).hexdigest()[:20]}"


def override_id(
    kind: str,
    targets: tuple[str, ...],
    field: str | None,
    value: str | None,
    author: str,
    created: datetime,
) -> str:
    """Stable id of an analyst override, from everything it says and when."""
    key = "|".join([kind, ",".join(targets), field or "", value or "", author, created.isoformat()])
    return f"ovr-{hashlib.sha256(key.encode()).hexdigest()[:20]}"


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What merging needs to know of a mention's document: its outlet and publication time."""

    outlet: str | None
    published: datetime | None


@dataclass(frozen=True, slots=True)
class Claim:
    """One event mention as a claim about an incident: who published it, citing whom, and when.

    It carries every field of the `EventMention` (so an incident can be re-merged from its
    claims alone) plus the document's outlet and publication time and the chain's origin key.
    """

    mention_id: str
    document_id: str
    outlet: str
    published: datetime | None
    origin: str
    event_type: str
    trigger: str
    chain: tuple[Source, ...]
    kind: StatementKind
    evidence: Evidence
    figures: tuple[Figure, ...]
    actor1: ActorMention | None
    actor2: ActorMention | None
    target: ActorMention | None
    place: PlaceMention | None
    date: DateMention | None
    salience: float
    support: tuple[Evidence, ...] = ()
    sentence: str = ""  # the trigger's sentence (`EventMention.sentence`), "" when not recorded
    # The mention is background its report tells again (`EventMention.background`): it joins
    # the happening of its own report it fits (`merge.within`), never founds an incident.
    background: bool = False

    def as_mention(self) -> EventMention:
        """The event mention this claim was built from."""
        return EventMention(
            id=self.mention_id,
            event_type=self.event_type,
            trigger=self.trigger,
            actor1=self.actor1,
            actor2=self.actor2,
            target=self.target,
            place=self.place,
            date=self.date,
            figures=self.figures,
            chain=self.chain,
            kind=self.kind,
            salience=self.salience,
            evidence=self.evidence,
            support=self.support,
            sentence=self.sentence,
            background=self.background,
        )


@dataclass(frozen=True, slots=True)
class SourceRange:
    """One figure for a role as one claim gives it: the range, its wording and who says it."""

    mention_id: str
    document_id: str
    outlet: str
    origin: str
    chain: tuple[Source, ...]
    text: str
    low: int
    high: int | None
    qualifier: Qualifier
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class FigureRange:
    """Every figure given for one role (escaped, killed, ...) and the range they span together.

    `low`/`high` envelope the sources' readings (hedged points widened as `Quantity.bounds`
    does); `high` is None when a source gives no upper bound.
    """

    role: str
    sources: tuple[SourceRange, ...]
    low: int
    high: int | None


@dataclass(frozen=True, slots=True)
class Origin:
    """An origin behind some claims: the root of their chains, and whether it corroborates.

    `key` is `Source.key` of the root (an outlet's own reporting roots at the outlet).
    `is_independent` is False for vague sources and for claims that are not assertions of
    fact (opinion, questions, calls to action), which never count as confirmation.
    """

    key: str
    name: str
    kind: SourceKind
    outlets: tuple[str, ...]
    claims: tuple[str, ...]
    is_independent: bool


class Corroboration(StrEnum):
    """How well an incident is confirmed, counted by independent origin, not by outlet."""

    SINGLE_SOURCE = "single_source"
    SINGLE_ORIGIN = "single_origin"  # several outlets, one origin behind them all
    CORROBORATED = "corroborated"  # two or more independent origins
    CONTESTED = "contested"  # independent origins disagree on where, when or who


class DiscrepancyKind(StrEnum):
    """What two accounts of one incident disagree on."""

    FIGURES = "figures"
    PLACE = "place"
    ACTORS = "actors"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """A disagreement between claims: what differs, the values given, and the claims involved."""

    kind: DiscrepancyKind
    what: str
    values: tuple[str, ...]
    claims: tuple[str, ...]


class TimelineKind(StrEnum):
    """The role of one report in an incident's account over time."""

    FIRST_REPORT = "first_report"
    CONFIRMATION = "confirmation"  # repeats what was already reported
    REVISION = "revision"  # a new figure, place or date, by another outlet
    CORRECTION = "correction"  # an outlet changes what it reported itself


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One document's place in an incident's account, by its publication time."""

    published: datetime | None
    document_id: str
    outlet: str
    kind: TimelineKind
    what: str
    claims: tuple[str, ...]


class RelationKind(StrEnum):
    """How two incidents are related without being one."""

    FOLLOW_UP_OF = "follow_up_of"  # e.g. a recapture of escapees, after the escape
    FOLLOWED_BY = "followed_by"


@dataclass(frozen=True, slots=True)
class IncidentLink:
    """A relation from one incident to another, with the reason it was drawn."""

    source: str
    target: str
    kind: RelationKind
    reason: str


@dataclass(frozen=True, slots=True)
class PlaceCount:
    """A place claimed for an incident and how many claims put it there."""

    name: str
    place_id: str | None
    precision: Precision
    admin1: str | None
    country_code: str | None
    count: int


@dataclass(frozen=True, slots=True)
class IncidentActor:
    """An actor in one role of an incident and how many claims name it so."""

    actor_id: str | None
    name: str
    role: str  # actor1, actor2 or target
    count: int


@dataclass(frozen=True, slots=True)
class Incident:
    """One happening as told by every report about it: claims side by side, origins, conflicts.

    `id` derives from the mention that first reported it (`incident_id`). `place` is the claimed
    place of best precision, `places` the spread of places claimed. `start`/`end` span the
    claimed date intervals. `pinned` lists fields an analyst fixed and `overrides` the ids of
    the overrides applied, which are re-applied after every merge.
    """

    id: str
    event_type: str
    family: str
    place: PlaceMention | None
    places: tuple[PlaceCount, ...]
    start: date | None
    end: date | None
    actors: tuple[IncidentActor, ...]
    claims: tuple[Claim, ...]
    figures: tuple[FigureRange, ...]
    origins: tuple[Origin, ...]
    corroboration: Corroboration
    discrepancies: tuple[Discrepancy, ...]
    timeline: tuple[TimelineEntry, ...]
    related: tuple[IncidentLink, ...]
    mention_ids: tuple[str, ...]
    pinned: tuple[str, ...] = ()
    overrides: tuple[str, ...] = ()

    @property
    def independent_origins(self) -> int:
        """How many independent origins confirm the incident."""
        return sum(1 for origin in self.origins if origin.is_independent)


class OverrideKind(StrEnum):
    """What an analyst decided about incidents."""

    MERGE = "merge"  # the incidents holding these mentions are one
    SPLIT = "split"  # these mentions are an incident of their own
    PIN = "pin"  # this field of the incident holding the mention has this value


@dataclass(frozen=True, slots=True)
class Override:
    """An analyst's decision, kept as data and applied after every merge, with its audit trail.

    `targets` are event mention ids (stable across re-merging) or incident ids. For a pin,
    `field` names an `Incident` field and `value` holds its JSON text in `to_plain` form.
    """

    id: str
    kind: OverrideKind
    targets: tuple[str, ...]
    author: str
    created: datetime
    field: str | None = None
    value: str | None = None
    note: str = ""

    @classmethod
    def build(
        cls,
        kind: OverrideKind,
        targets: tuple[str, ...],
        author: str,
        created: datetime,
        field: str | None = None,
        value: str | None = None,
        note: str = "",
    ) -> Override:
        """An override with its id computed from its content."""
        oid = override_id(kind.value, targets, field, value, author, created)
        return cls(oid, kind, targets, author, created, field, value, note)


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What one merge produced: incidents to upsert, incidents they replace, and links.

    `incidents` are every incident the merge touched (new and updated), `created` the ids
    among them that did not exist among the candidates, `retired` candidate ids that no longer
    exist (absorbed by another incident), and `links` the follow-up relations found.
    """

    incidents: tuple[Incident, ...]
    created: tuple[str, ...]
    retired: tuple[str, ...]
    links: tuple[IncidentLink, ...]
