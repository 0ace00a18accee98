"""Words for incidents: labels, ranges, headlines and how significant an incident is.

Shared by the situation report and the desk (serve), so an incident reads the same wherever
an analyst meets it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from math import log10
from typing import Protocol

from watchfloor.model.incidents import Corroboration, DiscrepancyKind, FigureRange, Incident
from watchfloor.model.mentions import PlaceMention

__all__ = [
    "CORROBORATION_LABELS",
    "Headlined",
    "biggest_figure",
    "by_significance",
    "event_label",
    "incident_headline",
    "incident_outlets",
    "range_text",
    "significance",
    "when_text",
]

CORROBORATION_LABELS = {
    Corroboration.SINGLE_SOURCE: "single source",
    Corroboration.SINGLE_ORIGIN: "one origin, several outlets",
    Corroboration.CORROBORATED: "corroborated",
    Corroboration.CONTESTED: "contested",
}

# Weight of each corroboration level in significance: confirmed or disputed incidents deserve
# an analyst's attention before a single outlet's claim does.
_CONFIRMATION_WEIGHT = {
    Corroboration.SINGLE_SOURCE: 0.0,
    Corroboration.SINGLE_ORIGIN: 0.5,
    Corroboration.CORROBORATED: 1.5,
    Corroboration.CONTESTED: 1.5,
}


class Headlined(Protocol):
    """What a headline reads: a whole `Incident`, or a list's `IncidentSummary`."""

    @property
    def event_type(self) -> str: ...
    @property
    def place(self) -> PlaceMention | None: ...
    @property
    def start(self) -> date | None: ...
    @property
    def end(self) -> date | None: ...
    @property
    def figures(self) -> Sequence[FigureRange]: ...


def event_label(event_type: str) -> str:
    """A readable label for an ontology code: "prison_escape" -> "Prison escape"."""
    words = event_type.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def range_text(low: int, high: int | None) -> str:
    """A figure range as text: "1,500", "100–999", "12,000+"."""
    if high is None:
        return f"{low:,}+"
    if high == low:
        return f"{low:,}"
    return f"{low:,}–{high:,}"


def biggest_figure(incident: Incident) -> int:
    """The largest number any source gives for the incident (0 when none)."""
    best = 0
    for figure in incident.figures:
        for source in figure.sources:
            best = max(best, source.high if source.high is not None else source.low)
    return best


def when_text(incident: Headlined) -> str:
    """The incident's dates as text: one day, a span, or "date unknown"."""
    if incident.start is None:
        return "date unknown"
    if incident.end is None or incident.end == incident.start:
        return incident.start.isoformat()
    return f"{incident.start.isoformat()} – {incident.end.isoformat()}"


def incident_headline(incident: Headlined) -> str:
    """One line: type, place, dates and the figures as ranges."""
    parts = [event_label(incident.event_type)]
    place = incident.place
    if place is not None:
        where = place.name + (f" ({place.admin1})" if place.admin1 else "")
        parts.append(f"at {where}")
    parts.append(f"· {when_text(incident)}")
    figures = [f"{f.role} {range_text(f.low, f.high)}" for f in incident.figures]
    if figures:
        parts.append("· " + ", ".join(figures))
    return " ".join(parts)


def incident_outlets(incident: Incident) -> list[str]:
    """The outlets that reported the incident, in first-seen order."""
    seen: dict[str, None] = {}
    for claim in incident.claims:
        seen.setdefault(claim.outlet, None)
    return list(seen)


def significance(incident: Incident) -> float:
    """A score to order incidents in a report: origins, scale, reach and disagreement.

    Independent origins count most (confirmation is by origin, not outlet); the scale of the
    figures counts by order of magnitude, so 1,500 escapees outrank 3 casualties without
    swamping everything else; the number of outlets adds reach; a disagreement on figures
    adds a little, since contested numbers need an analyst's eye.
    """
    score = 2.0 * incident.independent_origins
    score += 1.5 * log10(1 + biggest_figure(incident))
    score += 0.5 * len(incident_outlets(incident))
    score += _CONFIRMATION_WEIGHT[incident.corroboration]
    if any(d.kind is DiscrepancyKind.FIGURES for d in incident.discrepancies):
        score += 0.5
    return round(score, 3)


def by_significance(incidents: Iterable[Incident]) -> list[Incident]:
    """Incidents ordered most significant first (ties by latest end date, then id)."""
    return sorted(
        incidents,
        key=lambda i: (-significance(i), -(i.end.toordinal() if i.end else 0), i.id),
    )
