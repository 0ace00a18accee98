"""Facilities and indicators: claims read about prisons and camps, and standing figures over time.

A `FacilityClaim` is one thing a sentence says about one facility of the register (who
controls it, how many it holds, its capacity, its foreign nationals, or an event there); an
`IndicatorPoint` is one figure that feeds a standing indicator ("ISIS fighters in Syria").
Both keep the chain of the clause, the sentence's statement kind, its evidence and its text,
and the date they speak for (`as_of`: the sentence's own date when it gives a recent day,
else the document's publication date). The `*State` and `*Series` types are what merging
makes of them: the latest value, the range, and the disagreements.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from watchfloor.model.mentions import Evidence, Quantity
from watchfloor.model.provenance import Source, StatementKind

__all__ = [
    "ControlEntry",
    "FacilityClaim",
    "FacilityClaimKind",
    "FacilityState",
    "FigureDisagreement",
    "FigureSummary",
    "IndicatorFlag",
    "IndicatorPoint",
    "IndicatorSeries",
    "SeriesEntry",
    "claim_id",
]


def claim_id(prefix: str, *parts: str) -> str:
    """Stable id of a facility claim or indicator point from what it is and where it was read."""
    key = "|".join(parts).encode()
    return f"{prefix}-{hashlib.sha256(key).hexdigest()[:20]}"


class FacilityClaimKind(StrEnum):
    """What a claim says about a facility."""

    CONTROL = "control"  # who holds or runs it
    POPULATION = "population"  # how many it holds
    CAPACITY = "capacity"  # how many it was built for
    FOREIGN = "foreign_nationals"  # how many foreigners it holds
    INCIDENT = "incident"  # an event reported there (escape, attack, riot, transfer, ...)


@dataclass(frozen=True, slots=True)
class FacilityClaim:
    """One claim about one facility, with its chain, statement kind, evidence and date.

    `actor_id`/`actor_name` are set for control claims, `quantity` for figures, and
    `event_type`/`mention_id` for incidents. `cue` holds the words that made it a claim
    ("under SDF control", "holds", "escaped"); `sentence` the sentence text.
    """

    id: str
    facility_id: str
    kind: FacilityClaimKind
    document_id: str
    outlet: str
    published: datetime | None
    as_of: date | None
    chain: tuple[Source, ...]
    statement: StatementKind
    evidence: Evidence
    sentence: str
    cue: str
    actor_id: str | None = None
    actor_name: str | None = None
    quantity: Quantity | None = None
    event_type: str | None = None
    mention_id: str | None = None

    @property
    def origin(self) -> str:
        """The root of the claim's chain: what independent confirmation counts."""
        return self.chain[-1].key if self.chain else self.outlet


@dataclass(frozen=True, slots=True)
class IndicatorPoint:
    """One figure that feeds an indicator's time series, with who says it and when.

    `place` names the place that put the figure in the indicator's area (or the facility).
    """

    id: str
    indicator_id: str
    document_id: str
    outlet: str
    published: datetime | None
    as_of: date | None
    chain: tuple[Source, ...]
    statement: StatementKind
    quantity: Quantity
    evidence: Evidence
    sentence: str
    place: str | None = None

    @property
    def origin(self) -> str:
        """The root of the point's chain."""
        return self.chain[-1].key if self.chain else self.outlet


@dataclass(frozen=True, slots=True)
class ControlEntry:
    """Who a facility's controller is said to be on one date, and by which claims."""

    as_of: date | None
    actor_id: str | None
    actor_name: str
    claims: tuple[str, ...]
    origins: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FigureDisagreement:
    """Two figures close in time whose ranges do not meet."""

    what: str
    values: tuple[str, ...]
    claims: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FigureSummary:
    """Every figure of one kind for a facility: the latest, the range they span, conflicts.

    `low`/`high` envelope every claim's reading (`Quantity.bounds`); `high` is None when one
    claim gives no upper bound. `latest` is the id of the newest claim.
    """

    latest: str
    latest_low: int
    latest_high: int | None
    latest_as_of: date | None
    low: int
    high: int | None
    claims: tuple[str, ...]
    disagreements: tuple[FigureDisagreement, ...]


@dataclass(frozen=True, slots=True)
class FacilityState:
    """What the sources claim about one facility: control over time, figures, incidents."""

    facility_id: str
    controller: str | None
    controller_id: str | None
    control: tuple[ControlEntry, ...]
    control_disputes: tuple[FigureDisagreement, ...]
    population: FigureSummary | None
    capacity: FigureSummary | None
    foreign: FigureSummary | None
    incidents: tuple[str, ...]
    claims: int


@dataclass(frozen=True, slots=True)
class SeriesEntry:
    """One source's range for an indicator on one date (several figures of it enveloped)."""

    as_of: date | None
    origin: str
    outlets: tuple[str, ...]
    low: int
    high: int | None
    points: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IndicatorFlag:
    """A point that departs from the latest accepted range: a contradiction or a big change.

    `kind` is "contradiction" (the ranges do not meet) or "change" (the floor moved by more
    than the indicator's threshold); `ratio` is the relative change of the floor.
    """

    indicator_id: str
    point: str
    kind: str
    as_of: date | None
    low: int
    high: int | None
    previous_low: int
    previous_high: int | None
    ratio: float
    note: str


@dataclass(frozen=True, slots=True)
class IndicatorSeries:
    """An indicator's time series: ranges per source and date, the latest range, the flags."""

    indicator_id: str
    entries: tuple[SeriesEntry, ...]
    latest_low: int | None
    latest_high: int | None
    latest_as_of: date | None
    flags: tuple[IndicatorFlag, ...]
