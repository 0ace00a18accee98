"""Assembly: an `Incident` from its claims — place, span, actors, figures, origins, timeline."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

from watchfloor.merge.chains import claim_origin
from watchfloor.merge.claims import canonical_key, is_unstated
from watchfloor.merge.discrepancies import figure_role, find_discrepancies
from watchfloor.merge.options import MergeOptions
from watchfloor.merge.origins import collect_origins, corroboration_level
from watchfloor.model.incidents import (
    Claim,
    FigureRange,
    Incident,
    IncidentActor,
    PlaceCount,
    SourceRange,
    TimelineEntry,
    TimelineKind,
    incident_id,
)
from watchfloor.model.mentions import PlaceMention, Precision, Qualifier, Quantity

__all__ = ["build_incident", "collect_figures", "collect_timeline", "pick_place"]

_PRECISION_RANK = {p: i for i, p in enumerate(Precision)}
_LATEST = datetime.max.replace(tzinfo=UTC)


def _place_name(place: PlaceMention) -> str:
    return place.place_id or place.name.casefold()


def pick_place(claims: Sequence[Claim]) -> tuple[PlaceMention | None, tuple[PlaceCount, ...]]:
    """The best-precision claimed place (most claimed, then best scored) and the spread."""
    counts: Counter[str] = Counter()
    first: dict[str, PlaceMention] = {}
    for claim in claims:
        if claim.place is not None:
            key = _place_name(claim.place)
            counts[key] += 1
            best = first.get(key)
            if best is None or claim.place.score > best.score:
                first[key] = claim.place
    if not counts:
        return None, ()

    def order(key: str) -> tuple[int, int, float, str]:
        place = first[key]
        return _PRECISION_RANK[place.precision], -counts[key], -place.score, key

    keys = sorted(counts, key=order)
    spread = tuple(
        PlaceCount(
            name=first[k].name,
            place_id=first[k].place_id,
            precision=first[k].precision,
            admin1=first[k].admin1,
            country_code=first[k].country_code,
            count=counts[k],
        )
        for k in sorted(counts, key=lambda k: (-counts[k], _PRECISION_RANK[first[k].precision], k))
    )
    return first[keys[0]], spread


def _actors(claims: Sequence[Claim]) -> tuple[IncidentActor, ...]:
    counts: Counter[tuple[str, str | None, str]] = Counter()
    for claim in claims:
        for role in ("actor1", "actor2", "target"):
            actor = getattr(claim, role)
            if actor is not None:
                counts[(role, actor.actor_id, actor.name)] += 1
    ordered = sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][2], kv[0][1] or ""))
    return tuple(IncidentActor(actor_id=a, name=n, role=r, count=c) for (r, a, n), c in ordered)


def _envelope(quantities: Sequence[Quantity]) -> tuple[int, int | None]:
    # "A large number" (vague, no upper bound) says less than any counted figure beside it:
    # it joins the combined range only when no source gives a bounded figure.
    bounded = [q for q in quantities if not (q.qualifier is Qualifier.VAGUE and q.high is None)]
    bounds = [q.bounds() for q in (bounded or quantities)]
    low = min(b[0] for b in bounds)
    highs = [b[1] for b in bounds]
    return low, None if any(h is None for h in highs) else max(h for h in highs if h is not None)


def collect_figures(claims: Sequence[Claim]) -> tuple[FigureRange, ...]:
    """Figures per role: each source's range side by side, and the envelope of them all."""
    by_role: dict[str, list[SourceRange]] = defaultdict(list)
    quantities: dict[str, list[Quantity]] = defaultdict(list)
    for claim in claims:
        for figure in claim.figures:
            q = figure.quantity
            role = figure_role(figure)
            quantities[role].append(q)
            by_role[role].append(
                SourceRange(
                    mention_id=claim.mention_id,
                    document_id=claim.document_id,
                    outlet=claim.outlet,
                    # A figure may carry its own chain, which can differ from the event's.
                    origin=claim_origin(figure.chain) if figure.chain else claim.origin,
                    chain=figure.chain or claim.chain,
                    text=q.text,
                    low=q.low,
                    high=q.high,
                    qualifier=q.qualifier,
                    evidence=q.evidence,
                )
            )
    ranges = []
    for role in sorted(by_role):
        low, high = _envelope(quantities[role])
        sources = tuple(sorted(by_role[role], key=lambda s: (s.low, s.mention_id, s.text)))
        ranges.append(FigureRange(role=role, sources=sources, low=low, high=high))
    return tuple(ranges)


def _readings(claims: Sequence[Claim]) -> tuple[dict[str, list[Quantity]], set[str]]:
    figures: dict[str, list[Quantity]] = defaultdict(list)
    places: set[str] = set()
    for claim in claims:
        for figure in claim.figures:
            figures[figure_role(figure)].append(figure.quantity)
        if claim.place is not None and not claim.background:  # a passenger's may be borrowed
            places.add(_place_name(claim.place))
    return figures, places


def _changes(now: dict[str, list[Quantity]], before: dict[str, list[Quantity]]) -> list[str]:
    """Roles whose figures in `now` overlap none of the figures `before` gave for the role."""
    return [
        role
        for role in sorted(now)
        if before.get(role) and any(not any(q.overlaps(p) for p in before[role]) for q in now[role])
    ]


def collect_timeline(claims: Sequence[Claim]) -> tuple[TimelineEntry, ...]:
    """The account over time: first report, then confirmations, revisions and corrections.

    A report is a correction when its outlet gave a figure for a role before and now gives
    one that does not overlap its own earlier figures; a revision when it brings a figure that
    overlaps nothing reported before, or a new place; otherwise a confirmation.
    """
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_doc[claim.document_id].append(claim)

    def when(doc: str) -> tuple[datetime, str]:
        published = [c.published for c in by_doc[doc] if c.published is not None]
        return (min(published) if published else _LATEST), doc

    entries: list[TimelineEntry] = []
    seen_figures: dict[str, list[Quantity]] = defaultdict(list)
    seen_places: set[str] = set()
    outlet_figures: dict[str, dict[str, list[Quantity]]] = defaultdict(lambda: defaultdict(list))
    for doc in sorted(by_doc, key=when):
        members = by_doc[doc]
        outlet = members[0].outlet
        figures, places = _readings(members)
        if not entries:
            kind, what = TimelineKind.FIRST_REPORT, "first report"
        elif corrected := _changes(figures, outlet_figures[outlet]):
            kind, what = TimelineKind.CORRECTION, f"{outlet} changes its figures: {corrected}"
        elif revised := _changes(figures, seen_figures):
            kind, what = TimelineKind.REVISION, f"new figures for {revised}"
        elif places - seen_places:
            kind, what = TimelineKind.REVISION, f"new place: {sorted(places - seen_places)}"
        else:
            kind, what = TimelineKind.CONFIRMATION, "repeats what was reported"
        published = [c.published for c in members if c.published is not None]
        entries.append(
            TimelineEntry(
                published=min(published) if published else None,
                document_id=doc,
                outlet=outlet,
                kind=kind,
                what=what,
                claims=tuple(sorted(c.mention_id for c in members)),
            )
        )
        for role, qs in figures.items():
            seen_figures[role].extend(qs)
            outlet_figures[outlet][role].extend(qs)
        seen_places |= places
    return tuple(entries)


def build_incident(claims: Sequence[Claim], options: MergeOptions) -> Incident:
    """An incident from its claims; its id comes from the claim that first reported it.

    Background told again (`Claim.background`) is listed among the claims and adds its figures
    (the toll a later paragraph gives, "121 of its fighters had been killed") to the figures,
    their discrepancies and the timeline, but says nothing of the incident's type, place, span,
    actors or origins: those may be borrowed from its report's other sentences.
    """
    everything = sorted(claims, key=canonical_key)
    ordered = [c for c in everything if not c.background] or everything
    types = Counter(c.event_type for c in ordered)
    event_type = min(types, key=lambda t: (-types[t], t))
    place, places = pick_place(ordered)
    # The span the reports state; the windows before publication of reports that date
    # nothing only when no report states a date.
    found = [c.date for c in ordered if c.date is not None]
    dated = [d for d in found if not is_unstated(d)] or found
    origins = collect_origins(ordered)
    discrepancies = find_discrepancies(ordered, options, figures_of=everything)
    return Incident(
        id=incident_id(ordered[0].mention_id),
        event_type=event_type,
        family=options.rules.family(event_type),
        place=place,
        places=places,
        start=min(d.start for d in dated) if dated else None,
        end=max(d.end for d in dated) if dated else None,
        actors=_actors(ordered),
        claims=tuple(everything),
        figures=collect_figures(everything),
        origins=origins,
        corroboration=corroboration_level(origins, ordered, options),
        discrepancies=discrepancies,
        timeline=collect_timeline(everything),
        related=(),
        mention_ids=tuple(sorted(c.mention_id for c in everything)),
    )
