"""Response schemas of the API's facility and indicator endpoints (Pydantic, `extra="forbid"`).

They describe `watchfloor.export.facility_json`'s plain form, the same JSON that `watchfloor
facilities show --json` and `watchfloor indicators show --json` print. Timestamps stay the
ISO 8601 strings that form gives (`published`), so the API and the CLI print the same bytes.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from watchfloor.serve.schemas import Schema, SourceOut

__all__ = [
    "FacilityDetailOut",
    "FacilityListOut",
    "IndicatorDetailOut",
    "IndicatorListOut",
]


class EvidenceOut(Schema):
    """Where a claim or figure was read: document, sentence, character span, reader."""

    document_id: str
    sentence: int
    start: int
    end: int
    extractor: str


class QuantityOut(Schema):
    """A figure as read, with its range, qualifier, counted noun and role."""

    text: str
    low: int
    high: int | None
    qualifier: str
    unit: str | None
    role: str | None
    evidence: EvidenceOut


class FacilityOut(Schema):
    """A facility of the register."""

    id: str
    name: str
    type: str
    place_id: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    aliases: list[str]
    note: str


class ControlEntryOut(Schema):
    """Who held the facility as of a date, by which claims and origins."""

    as_of: date | None
    actor_id: str | None
    actor_name: str
    claims: list[str]
    origins: list[str]


class DisagreementOut(Schema):
    """Sources that disagree on a figure or on control."""

    what: str
    values: list[str]
    claims: list[str]


class FigureSummaryOut(Schema):
    """A facility figure: the latest reading and the range of all readings."""

    latest: str
    latest_low: int
    latest_high: int | None
    latest_as_of: date | None
    low: int
    high: int | None
    claims: list[str]
    disagreements: list[DisagreementOut]


class FacilityStateOut(Schema):
    """What the claims say of a facility: controller, figures, incidents."""

    facility_id: str
    controller: str | None
    controller_id: str | None
    control: list[ControlEntryOut]
    control_disputes: list[DisagreementOut]
    population: FigureSummaryOut | None
    capacity: FigureSummaryOut | None
    foreign: FigureSummaryOut | None
    incidents: list[str]
    claims: int


class FacilityClaimOut(Schema):
    """One thing a sentence says about a facility, with its chain and evidence."""

    id: str
    facility_id: str
    kind: str
    document_id: str
    outlet: str
    published: str | None
    as_of: date | None
    chain: list[SourceOut]
    statement: str
    evidence: EvidenceOut
    sentence: str
    cue: str
    actor_id: str | None
    actor_name: str | None
    quantity: QuantityOut | None
    event_type: str | None
    mention_id: str | None


class FacilityIncidentOut(Schema):
    """An incident linked to a facility."""

    id: str
    event_type: str
    start: date | None
    end: date | None
    corroboration: str


class FacilitySummaryOut(Schema):
    """A facility with its state."""

    facility: FacilityOut
    state: FacilityStateOut


class FacilityListOut(Schema):
    """Every facility of the register with its state."""

    ok: Literal[True] = True
    facilities: list[FacilitySummaryOut]


class FacilityDetailOut(Schema):
    """A facility with its state, claims and linked incidents."""

    ok: Literal[True] = True
    facility: FacilityOut
    state: FacilityStateOut
    claims: list[FacilityClaimOut]
    incidents: list[FacilityIncidentOut]


class PatternOut(Schema):
    """Counted nouns and roles that feed an indicator."""

    nouns: list[str]
    roles: list[str | None]
    near: list[str]


class AreaOut(Schema):
    """Where an indicator's figures must lie."""

    countries: list[str]
    admin1: list[str]
    words: list[str]


class IndicatorOut(Schema):
    """An indicator's definition."""

    id: str
    name: str
    unit: str
    patterns: list[PatternOut]
    actor: str | None
    actor_words: list[str]
    words: list[str]
    facility: str | None
    facility_type: str | None
    area: AreaOut | None
    threshold: float
    exclude: list[str]
    minimum: int


class SeriesEntryOut(Schema):
    """One origin's range on one date."""

    as_of: date | None
    origin: str
    outlets: list[str]
    low: int
    high: int | None
    points: list[str]


class IndicatorFlagOut(Schema):
    """A contradiction or a change beyond the indicator's threshold."""

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


class SeriesOut(Schema):
    """An indicator's series: entries, the latest range, and flags."""

    indicator_id: str
    entries: list[SeriesEntryOut]
    latest_low: int | None
    latest_high: int | None
    latest_as_of: date | None
    flags: list[IndicatorFlagOut]


class IndicatorPointOut(Schema):
    """One figure that feeds an indicator, with its chain and evidence."""

    id: str
    indicator_id: str
    document_id: str
    outlet: str
    published: str | None
    as_of: date | None
    chain: list[SourceOut]
    statement: str
    quantity: QuantityOut
    evidence: EvidenceOut
    sentence: str
    place: str | None


class IndicatorSummaryOut(Schema):
    """An indicator with its series."""

    indicator: IndicatorOut
    series: SeriesOut


class IndicatorListOut(Schema):
    """Every indicator with its series and flags."""

    ok: Literal[True] = True
    indicators: list[IndicatorSummaryOut]


class IndicatorDetailOut(Schema):
    """An indicator with its series, flags and every point."""

    ok: Literal[True] = True
    indicator: IndicatorOut
    series: SeriesOut
    points: list[IndicatorPointOut]
