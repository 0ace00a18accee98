"""Follow-ups: link an incident to the earlier one it follows (a recapture to the escape).

A follow-up is never merged into its antecedent (its figures count something else: 200
recaptured is not 200 escaped), but the analyst sees them side by side. An incident follows
another when the type rules say so, both lie in one admin1 (or one fits the other's place),
and it starts no earlier than the antecedent and within `follow_up_days` of its end.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from watchfloor.merge.blocking import coarse_region
from watchfloor.merge.claims import claim_interval
from watchfloor.merge.options import MergeOptions
from watchfloor.merge.similarity import place_factor
from watchfloor.model.incidents import Incident, IncidentLink, RelationKind

__all__ = ["attach_links", "find_follow_ups"]


def _span(incident: Incident, options: MergeOptions) -> tuple[date, date] | None:
    if incident.start is not None and incident.end is not None:
        return incident.start, incident.end
    intervals = [i for c in incident.claims if (i := claim_interval(c, options)) is not None]
    if not intervals:
        return None
    return min(i[0] for i in intervals), max(i[1] for i in intervals)


def find_follow_ups(incidents: Sequence[Incident], options: MergeOptions) -> list[IncidentLink]:
    """Links from each follow-up incident to the antecedent it most likely follows, both ways."""
    rules = options.rules
    by_type: dict[str, list[Incident]] = defaultdict(list)
    for incident in incidents:
        by_type[incident.event_type].append(incident)
    links = []
    for later in sorted(incidents, key=lambda i: i.id):
        earlier_types = rules.antecedents(later.event_type)
        later_span = _span(later, options)
        if not earlier_types or later_span is None:
            continue
        best: tuple[int, str, str] | None = None
        for earlier_type in earlier_types:
            for earlier in by_type.get(earlier_type, ()):
                span = _span(earlier, options)
                if span is None or later_span[1] < span[0]:
                    continue
                gap = max(0, (later_span[0] - span[1]).days)
                if gap > options.follow_up_days:
                    continue
                same_area = coarse_region(later.place) == coarse_region(earlier.place)
                if not same_area and place_factor(later.place, earlier.place, options) == 0.0:
                    continue
                # The nearest antecedent in time wins; ids break ties so the choice is stable.
                if best is None or (gap, earlier.id) < best[:2]:
                    best = (gap, earlier.id, earlier_type)
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
