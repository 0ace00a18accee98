"""Pure merging of facility claims and indicator points into states and time series.

A facility's state: the control timeline (claims grouped by date and actor), the controller
of the latest date, control disputes (different actors named within a week of each other),
and for population, capacity and foreign nationals the latest figure, the range every claim
spans, and disagreements (figures within a month of each other whose ranges do not meet).
Linked incidents are the incidents holding an event mention that was read at the facility,
or whose place is the facility's gazetteer place.

An indicator's series: one entry per source (origin) and date, enveloping that source's
figures of the day. Each date is compared with the latest earlier date ("the latest accepted
range"): a range that does not meet it is a contradiction; a floor that moved by more than the
indicator's threshold is a change. Nothing here reads the store or the clock.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from watchfloor.model.facilities import (
    ControlEntry,
    FacilityClaim,
    FacilityClaimKind,
    FacilityState,
    FigureDisagreement,
    FigureSummary,
    IndicatorFlag,
    IndicatorPoint,
    IndicatorSeries,
    SeriesEntry,
)
from watchfloor.model.incidents import Incident
from watchfloor.model.mentions import Qualifier, Quantity

__all__ = [
    "CONTROL_WINDOW",
    "FIGURE_WINDOW",
    "facility_state",
    "indicator_series",
    "linked_incidents",
    "range_label",
    "summarise_figures",
]

CONTROL_WINDOW = timedelta(days=7)  # two controllers named this close in time disagree
FIGURE_WINDOW = timedelta(days=31)  # figures farther apart may both be right (numbers move)


def range_label(low: int, high: int | None) -> str:
    """A range as text: "1,500", "1,500–3,000" or "12,000+"."""
    if high is None:
        return f"{low:,}+"
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def _envelope(ranges: Iterable[tuple[int, int | None]]) -> tuple[int, int | None]:
    """The range that spans all the given ranges (None as high means unbounded)."""
    items = list(ranges)
    low = min(r[0] for r in items)
    high = None if any(r[1] is None for r in items) else max(r[1] or 0 for r in items)
    return low, high


def _meet(a: tuple[int, int | None], b: tuple[int, int | None]) -> bool:
    """True when two ranges share at least one value."""
    return (a[1] is None or b[0] <= a[1]) and (b[1] is None or a[0] <= b[1])


def _close(a: date | None, b: date | None, window: timedelta) -> bool:
    """Dates within the window of each other (an unknown date is close to anything)."""
    return a is None or b is None or abs(a - b) <= window


def _order(claim: FacilityClaim) -> tuple[date, str, str]:
    return (
        claim.as_of or date.min,
        claim.published.isoformat() if claim.published else "",
        claim.id,
    )


def _control(
    claims: Sequence[FacilityClaim],
) -> tuple[tuple[ControlEntry, ...], tuple[FigureDisagreement, ...]]:
    groups: dict[tuple[date | None, str], list[FacilityClaim]] = defaultdict(list)
    for claim in sorted(claims, key=_order):
        groups[(claim.as_of, claim.actor_id or (claim.actor_name or "").casefold())].append(claim)
    entries = tuple(
        ControlEntry(
            as_of=when,
            actor_id=group[0].actor_id,
            actor_name=group[0].actor_name or group[0].actor_id or "?",
            claims=tuple(c.id for c in group),
            origins=tuple(dict.fromkeys(c.origin for c in group)),
        )
        for (when, _), group in groups.items()
    )
    disputes = []
    for i, first in enumerate(entries):
        for second in entries[i + 1 :]:
            if first.actor_name == second.actor_name:
                continue
            if _close(first.as_of, second.as_of, CONTROL_WINDOW):
                disputes.append(
                    FigureDisagreement(
                        what="controller",
                        values=(first.actor_name, second.actor_name),
                        claims=(*first.claims, *second.claims),
                    )
                )
    return entries, tuple(disputes)


def _controller(entries: Sequence[ControlEntry]) -> ControlEntry | None:
    """The latest date's controller; on that date, the one most origins name."""
    if not entries:
        return None
    latest = max(e.as_of or date.min for e in entries)
    today = [e for e in entries if (e.as_of or date.min) == latest]
    return max(today, key=lambda e: (len(e.origins), e.actor_name))


def _bounds(quantity: Quantity | None) -> tuple[int, int | None]:
    if quantity is None:
        return 0, None
    return quantity.bounds()


def summarise_figures(claims: Sequence[FacilityClaim], what: str) -> FigureSummary | None:
    """The latest figure, the range of all, and disagreements among claims close in time."""
    ordered = sorted((c for c in claims if c.quantity is not None), key=_order)
    if not ordered:
        return None
    latest = ordered[-1]
    low, high = _envelope(_bounds(c.quantity) for c in ordered)
    disagreements = []
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            if not _close(first.as_of, second.as_of, FIGURE_WINDOW):
                continue
            if _meet(_bounds(first.quantity), _bounds(second.quantity)):
                continue
            disagreements.append(
                FigureDisagreement(
                    what=what,
                    values=(
                        first.quantity.text if first.quantity else "",
                        second.quantity.text if second.quantity else "",
                    ),
                    claims=(first.id, second.id),
                )
            )
    assert latest.quantity is not None
    return FigureSummary(
        latest=latest.id,
        latest_low=latest.quantity.low,
        latest_high=latest.quantity.high,
        latest_as_of=latest.as_of,
        low=low,
        high=high,
        claims=tuple(c.id for c in ordered),
        disagreements=tuple(disagreements),
    )


def linked_incidents(
    claims: Sequence[FacilityClaim], incidents: Iterable[Incident], place_id: str | None
) -> tuple[str, ...]:
    """Incidents holding an event mention read at the facility, or placed at it; latest first."""
    mentions = {c.mention_id for c in claims if c.kind is FacilityClaimKind.INCIDENT}
    found = []
    for incident in incidents:
        placed = place_id is not None and (
            (incident.place is not None and incident.place.place_id == place_id)
            or any(p.place_id == place_id for p in incident.places)
        )
        if placed or mentions.intersection(incident.mention_ids):
            found.append(incident)
    found.sort(key=lambda i: (i.end or date.min, i.id), reverse=True)
    return tuple(i.id for i in found)


def facility_state(
    facility_id: str,
    claims: Sequence[FacilityClaim],
    incidents: Iterable[Incident] = (),
    place_id: str | None = None,
) -> FacilityState:
    """What the claims say about one facility: controller over time, figures, incidents."""
    mine = [c for c in claims if c.facility_id == facility_id]
    by_kind: dict[FacilityClaimKind, list[FacilityClaim]] = defaultdict(list)
    for claim in mine:
        by_kind[claim.kind].append(claim)
    entries, disputes = _control(by_kind[FacilityClaimKind.CONTROL])
    current = _controller(entries)
    return FacilityState(
        facility_id=facility_id,
        controller=current.actor_name if current else None,
        controller_id=current.actor_id if current else None,
        control=entries,
        control_disputes=disputes,
        population=summarise_figures(by_kind[FacilityClaimKind.POPULATION], "population"),
        capacity=summarise_figures(by_kind[FacilityClaimKind.CAPACITY], "capacity"),
        foreign=summarise_figures(by_kind[FacilityClaimKind.FOREIGN], "foreign nationals"),
        incidents=linked_incidents(mine, incidents, place_id),
        claims=len(mine),
    )


# How specific a figure's wording is, most specific first: a stated number (hedged or not),
# then a bounded one ("at least 12,000", "between 1,500 and 3,000"), then a vague quantity.
_SPECIFICITY = {
    Qualifier.EXACT: 0,
    Qualifier.APPROXIMATELY: 0,
    Qualifier.AT_LEAST: 1,
    Qualifier.MORE_THAN: 1,
    Qualifier.AT_MOST: 1,
    Qualifier.LESS_THAN: 1,
    Qualifier.RANGE: 1,
    Qualifier.VAGUE: 2,
}


def _most_specific(group: Sequence[IndicatorPoint]) -> IndicatorPoint:
    """The point whose figure says most: "at least 12,000" over "thousands" the same day."""

    def rank(point: IndicatorPoint) -> tuple[int, float]:
        low, high = point.quantity.bounds()
        width = float("inf") if high is None else high - low
        return _SPECIFICITY.get(point.quantity.qualifier, 2), width

    return min(group, key=rank)


def _entries(points: Sequence[IndicatorPoint]) -> list[SeriesEntry]:
    """One entry per (date, origin): the most specific of that origin's figures of the day
    (issue 12: a day's value is its most specific sourced figure, not a blend)."""
    groups: dict[tuple[date | None, str], list[IndicatorPoint]] = defaultdict(list)
    for point in points:
        groups[(point.as_of, point.origin)].append(point)
    entries = []
    for (when, origin), group in groups.items():
        low, high = _most_specific(group).quantity.bounds()
        entries.append(
            SeriesEntry(
                as_of=when,
                origin=origin,
                outlets=tuple(dict.fromkeys(p.outlet for p in group)),
                low=low,
                high=high,
                points=tuple(sorted(p.id for p in group)),
            )
        )
    entries.sort(key=lambda e: (e.as_of or date.min, e.origin))
    return entries


def _flag(
    indicator_id: str,
    entry: SeriesEntry,
    accepted: tuple[int, int | None],
    threshold: float,
) -> IndicatorFlag | None:
    """A flag when the entry contradicts the accepted range or moves its floor too far."""
    prev_low, prev_high = accepted
    ratio = (entry.low - prev_low) / max(prev_low, 1)
    if not _meet((entry.low, entry.high), accepted):
        kind = "contradiction"
        note = (
            f"{range_label(entry.low, entry.high)} does not meet the accepted "
            f"{range_label(prev_low, prev_high)}"
        )
    elif abs(ratio) > threshold:
        kind = "change"
        note = f"floor {'rose' if ratio > 0 else 'fell'} {abs(ratio):.0%} from {prev_low:,}"
    else:
        return None
    return IndicatorFlag(
        indicator_id=indicator_id,
        point=entry.points[0],
        kind=kind,
        as_of=entry.as_of,
        low=entry.low,
        high=entry.high,
        previous_low=prev_low,
        previous_high=prev_high,
        ratio=round(ratio, 3),
        note=note,
    )


def indicator_series(
    indicator_id: str, points: Sequence[IndicatorPoint], threshold: float = 0.3
) -> IndicatorSeries:
    """The indicator's ranges per source and date, its latest range, and flagged departures."""
    mine = [p for p in points if p.indicator_id == indicator_id]
    entries = _entries(mine)
    by_date: dict[date | None, list[SeriesEntry]] = defaultdict(list)
    for entry in entries:
        by_date[entry.as_of].append(entry)
    dates = sorted(by_date, key=lambda d: d or date.min)
    flags: list[IndicatorFlag] = []
    for previous, current in itertools.pairwise(dates):
        accepted = _envelope((e.low, e.high) for e in by_date[previous])
        for entry in by_date[current]:
            flag = _flag(indicator_id, entry, accepted, threshold)
            if flag is not None:
                flags.append(flag)
    latest = _envelope((e.low, e.high) for e in by_date[dates[-1]]) if dates else None
    return IndicatorSeries(
        indicator_id=indicator_id,
        entries=tuple(entries),
        latest_low=latest[0] if latest else None,
        latest_high=latest[1] if latest else None,
        latest_as_of=dates[-1] if dates else None,
        flags=tuple(flags),
    )
