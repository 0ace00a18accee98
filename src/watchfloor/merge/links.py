"""Follow-ups: link an incident to the earlier one it follows (a recapture to the escape).

A follow-up is never merged into its antecedent (its figures count something else: 200
recaptured is not 200 escaped), but the analyst sees them side by side. An incident follows
another when the type rules say so, both lie in one admin1 (or one country, when coarse), and it
ends no earlier than the antecedent starts and begins within `follow_up_days` of its end.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from watchfloor.merge.blocking import coarse_region
from watchfloor.merge.claims import claim_interval
from watchfloor.merge.options import MergeOptions
from watchfloor.model.incidents import Incident, IncidentLink, RelationKind

__all__ = ["attach_links", "find_follow_ups"]


def _span(incident: Incident, options: MergeOptions) -> tuple[date, date] | None:
    if incident.start is not None and incident.end is not None:
        return incident.start, incident.end
    intervals = [i for c in incident.claims if (i := claim_interval(c, options)) is not None]
    if not intervals:
        return None
    return min(i[0] for i in intervals), max(i[1] for i in intervals)


def _types(incident: Incident) -> list[str]:
    """The incident's own type first, then the other types its claims tell."""
    others = sorted({c.event_type for c in incident.claims} - {incident.event_type})
    return [incident.event_type, *others]


def find_follow_ups(incidents: Sequence[Incident], options: MergeOptions) -> list[IncidentLink]:
    """Links from each follow-up incident to the antecedent it most likely follows, both ways.

    Antecedents are indexed by (type, admin1) and sorted by start, so each follow-up scans
    only the antecedents of its area that started in the reachable period: no all pairs.
    """
    rules = options.rules
    index: dict[tuple[str, str], list[tuple[date, date, str]]] = defaultdict(list)
    longest = 0
    for incident in incidents:
        span = _span(incident, options)
        if span is None:
            continue
        # Every type told of the incident counts: an attack on a prison merged with the
        # escape it caused is still the escape a recapture follows.
        for event_type in _types(incident):
            if rules.successors(event_type):
                region = coarse_region(incident.place)
                index[(event_type, region)].append((*span, incident.id))
                longest = max(longest, (span[1] - span[0]).days)
    for entries in index.values():
        entries.sort()
    links = []
    for later in sorted(incidents, key=lambda i: i.id):
        later_span = _span(later, options)
        if later_span is None:
            continue
        region = coarse_region(later.place)
        # Starting before this, an antecedent cannot end within reach of the follow-up.
        earliest = later_span[0] - timedelta(days=options.follow_up_days + longest)
        best: tuple[int, str, str] | None = None
        wanted = sorted({t for own in _types(later) for t in rules.antecedents(own)})
        for earlier_type in wanted:
            entries = index.get((earlier_type, region), [])
            lo = bisect_left(entries, (earliest,))
            hi = bisect_right(entries, (later_span[1], date.max, "\uffff"))
            for _start, end, target in entries[lo:hi]:
                if target == later.id:
                    continue
                gap = max(0, (later_span[0] - end).days)
                if gap > options.follow_up_days:
                    continue
                # The nearest antecedent in time wins; ids break ties so the choice is stable.
                if best is None or (gap, target) < best[:2]:
                    best = (gap, target, earlier_type)
        if best is not None:
            gap, target, earlier_type = best
            reason = f"{later.event_type} {gap} days after the {earlier_type}"
            links.append(IncidentLink(later.id, target, RelationKind.FOLLOW_UP_OF, reason))
            links.append(IncidentLink(target, later.id, RelationKind.FOLLOWED_BY, reason))
    return links


def attach_links(incidents: Sequence[Incident], links: Sequence[IncidentLink]) -> list[Incident]:
    """The incidents with their `related` field filled from the links that start at them."""
    by_source: dict[str, list[IncidentLink]] = defaultdict(list)
    for link in links:
        by_source[link.source].append(link)
    return [
        dataclasses.replace(
            i, related=tuple(sorted(by_source.get(i.id, ()), key=lambda k: (k.kind, k.target)))
        )
        for i in incidents
    ]
