"""An incident as lists show it, stored beside the incident so lists never rebuild whole ones.

The desk's overview list, the API's incident list and the search page show, for each incident,
its type, place, dates, confirmation, origins, claim count, outlets and figure ranges. Rebuilding
whole incidents (every claim, chain and timeline entry) from their JSON for that cost about
5 ms each, most of a page's time at 100k incidents. `Store.save_incidents` writes this summary
in the `summary` column (migration 0009) and `Store.incident_summaries` reads it back; full
incidents are read only for an incident's own page and for exports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from watchfloor.model import PlaceMention, from_plain, to_plain
from watchfloor.model.incidents import Corroboration, FigureRange, Incident

__all__ = ["IncidentSummary", "summarize", "summary_from_plain", "summary_plain"]


@dataclass(frozen=True, slots=True)
class IncidentSummary:
    """What a list row of an incident shows: no claims, chains, origins or timeline.

    The fields an `Incident` also has carry the same names and values, so `incident_headline`
    reads either; `claim_count` and `outlets` stand for what lists count and name of the claims.
    """

    id: str
    event_type: str
    place: PlaceMention | None
    start: date | None
    end: date | None
    corroboration: Corroboration
    independent_origins: int
    claim_count: int
    outlets: tuple[str, ...]  # the outlets that reported it, in first-seen order
    figures: tuple[FigureRange, ...]


def summarize(incident: Incident) -> IncidentSummary:
    """The summary of a whole incident."""
    return IncidentSummary(
        id=incident.id,
        event_type=incident.event_type,
        place=incident.place,
        start=incident.start,
        end=incident.end,
        corroboration=incident.corroboration,
        independent_origins=incident.independent_origins,
        claim_count=len(incident.claims),
        outlets=tuple(dict.fromkeys(c.outlet for c in incident.claims)),
        figures=incident.figures,
    )


def summary_plain(incident: Incident) -> dict[str, Any]:
    """The stored form of an incident's summary."""
    plain: dict[str, Any] = to_plain(summarize(incident))
    return plain


def summary_from_plain(data: Mapping[str, Any]) -> IncidentSummary:
    """A summary from its stored form."""
    return from_plain(IncidentSummary, data)
