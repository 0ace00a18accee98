"""The read side of facilities and indicators: views built from the stored rows.

The CLI, the desk, the report, the exports and watch ask `facility_views` and
`indicator_views` for the register's facilities and the indicators with their states and
series, computed by the pure merge (`watchfloor.merge.facilities`) from the rows that
`watchfloor.pipeline.facilities.update_facilities` wrote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from watchfloor.merge.facilities import facility_state, indicator_series
from watchfloor.model.facilities import (
    FacilityClaim,
    FacilityClaimKind,
    FacilityState,
    IndicatorPoint,
    IndicatorSeries,
)
from watchfloor.model.incidents import Incident
from watchfloor.resolve.facilities import Facility, FacilityRegister, load_register
from watchfloor.resolve.indicators import Indicator, load_indicators
from watchfloor.store.facilities import FacilityStore
from watchfloor.store.repository import Store

__all__ = [
    "FacilityView",
    "IndicatorView",
    "facility_view",
    "facility_views",
    "indicator_view",
    "indicator_views",
]

_PLACE_KM = 3.0  # incidents placed this close to a facility are candidates for its place id


@dataclass(frozen=True, slots=True)
class FacilityView:
    """A facility of the register with its state, its claims and its linked incidents."""

    facility: Facility
    state: FacilityState
    claims: tuple[FacilityClaim, ...]
    incidents: tuple[Incident, ...]


@dataclass(frozen=True, slots=True)
class IndicatorView:
    """An indicator with its series and the points behind it."""

    indicator: Indicator
    series: IndicatorSeries
    points: tuple[IndicatorPoint, ...]


def _incidents(store: Store, facility: Facility, claims: Sequence[FacilityClaim]) -> list[Incident]:
    """Candidate incidents: those holding the facility's event mentions, and those near it."""
    found: dict[str, Incident] = {}
    for claim in claims:
        if claim.kind is FacilityClaimKind.INCIDENT and claim.mention_id:
            incident_id = store.incident_of_mention(claim.mention_id)
            incident = store.get_incident(incident_id) if incident_id else None
            if incident is not None:
                found[incident.id] = incident
    if facility.place_id and facility.lat is not None and facility.lon is not None:
        for incident in store.incidents(near=(facility.lat, facility.lon, _PLACE_KM)):
            found.setdefault(incident.id, incident)
    return list(found.values())


def facility_view(
    store: Store, facility: Facility, claims: Sequence[FacilityClaim] | None = None
) -> FacilityView:
    """One facility's state, claims and linked incidents, from the stored rows."""
    mine = FacilityStore(store).claims(facility.id) if claims is None else list(claims)
    candidates = _incidents(store, facility, mine)
    state = facility_state(facility.id, mine, candidates, facility.place_id)
    by_id = {i.id: i for i in candidates}
    return FacilityView(
        facility, state, tuple(mine), tuple(by_id[i] for i in state.incidents if i in by_id)
    )


def facility_views(store: Store, register: FacilityRegister | None = None) -> list[FacilityView]:
    """Every facility of the register with its state, most claimed first."""
    register = register or load_register()
    claims: dict[str, list[FacilityClaim]] = {}
    for claim in FacilityStore(store).claims():
        claims.setdefault(claim.facility_id, []).append(claim)
    views = [facility_view(store, f, claims.get(f.id, [])) for f in register]
    views.sort(key=lambda v: (-v.state.claims, -len(v.incidents), v.facility.name.casefold()))
    return views


def indicator_view(store: Store, indicator: Indicator) -> IndicatorView:
    """One indicator's series and points, from the stored rows."""
    points = FacilityStore(store).points(indicator.id)
    series = indicator_series(indicator.id, points, indicator.threshold)
    return IndicatorView(indicator, series, tuple(points))


def indicator_views(
    store: Store, indicators: Sequence[Indicator] | None = None, path: Path | None = None
) -> list[IndicatorView]:
    """Every indicator (of the given ones, or of the file at `path`) with its series."""
    chosen = indicators if indicators is not None else load_indicators(path)
    return [indicator_view(store, indicator) for indicator in chosen]
