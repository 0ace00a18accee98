"""Clustering: units join incidents one at a time, in canonical order, through the block index.

A unit is what one document tells of one happening (`within.document_units`): its claims travel
together. Each unit is compared only with the incidents filed under its block keys, and joins
the one it fits best if the score reaches the threshold (ties go to the earlier-founded
incident), else it founds a new one. Because units are taken in canonical order (first
published first, then by mention id) the clusters are a function of the set of claims, whatever
order they came in, and a report published later never moves an earlier claim.
`stream_clusters` is the same algorithm for very long sorted streams: it retires incidents
that time has left behind, so memory stays bounded by the number of live incidents.
With a sentence encoder (`MergeOptions.encoder`) a unit carries its sentences as a lazy gist:
they are embedded only when a candidate passed every field gate but lacks a second piece of
evidence (`profile.Profile.fit`), or to break a tie between incidents the unit fits equally
well by its fields (together with the tied incidents' gists, in one batch).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby

import numpy as np

from watchfloor.merge.blocking import families_of, family_keys, merge_keys
from watchfloor.merge.claims import canonical_key, claim_interval
from watchfloor.merge.options import MergeOptions
from watchfloor.merge.profile import Profile
from watchfloor.merge.sentences import Gist, cosine, fill, gist_of
from watchfloor.merge.similarity import unit_probe
from watchfloor.merge.within import document_units
from watchfloor.model.incidents import Claim

__all__ = ["Clusterer", "cluster_claims", "stream_clusters"]


@dataclass(slots=True)
class _Cluster:
    claims: list[Claim]
    profile: Profile
    keys: set[str] = field(default_factory=set)
    last_day: date | None = None
    gists: list[Gist] = field(default_factory=list)  # its units' sentences (lazy)


class Clusterer:
    """Greedy sequential clustering over a block index; feed claims in canonical order."""

    def __init__(self, options: MergeOptions) -> None:
        self.options = options
        self._clusters: dict[int, _Cluster] = {}
        self._index: dict[str, set[int]] = {}
        self._next = 0

    def _similarity(self, cluster: _Cluster, gist: Gist) -> float:
        """Cosine of a unit's gist with the mean of an incident's; -1 when either has none."""
        found = [g.vector for g in cluster.gists]
        vectors = [v for v in found if v is not None]
        if gist.vector is None or not vectors:
            return -1.0
        total = np.sum(vectors, axis=0)
        similar = cosine(gist.vector, total / max(float(np.linalg.norm(total)), 1e-9))
        return -1.0 if similar is None else similar

    def add(self, claim: Claim) -> int:
        """File a claim into the best-fitting live incident, or found one; return its number."""
        return self.add_unit([claim])

    def add_unit(self, unit: Sequence[Claim]) -> int:
        """File one document's claims of one happening together; return the incident's number.

        The unit looks up the blocks of its finest place and tightest date (which lie within
        the blocks each of its claims looks up) and is filed under each claim's own blocks, as
        the store files incidents.
        """
        gist = gist_of(unit, self.options.encoder)
        item = unit_probe(unit, self.options, gist)
        keys: set[str] = set()
        for claim in unit:
            if not claim.background:
                keys |= merge_keys(claim, self.options)
        rules = self.options.rules
        families = set().union(*(families_of(t, rules) for t in item.types))
        place = item.site.place if item.site is not None else None
        wanted = family_keys(
            families, place, item.interval, self.options, lookup=True, actor=item.actor_id
        )
        candidates = sorted({n for key in wanted for n in self._index.get(key, ())})
        fits: list[tuple[int, float, float]] = []
        for number in candidates:
            worst, closest = self._clusters[number].profile.fit(item, self.options)
            if worst >= self.options.threshold:
                fits.append((number, closest, worst))
        if item.site is None and len(fits) > 1:
            # A report placed nowhere (or only in a country) that fits several incidents says
            # nothing that picks one ("a raid in Syria" beside raids in two towns): alone.
            fits = []
        best = self._choose(fits, gist)
        if best < 0:
            best = self._next
            self._next += 1
            self._clusters[best] = _Cluster(claims=[], profile=Profile())
        cluster = self._clusters[best]
        cluster.claims.extend(unit)
        cluster.profile.add(item)
        if gist is not None:
            cluster.gists.append(gist)
        for claim in unit:
            interval = claim_interval(claim, self.options)
            last = cluster.last_day
            if interval is not None and (last is None or interval[1] > last):
                cluster.last_day = interval[1]
        for key in keys - cluster.keys:
            self._index.setdefault(key, set()).add(best)
        cluster.keys |= keys
        return best

    def _choose(self, fits: Sequence[tuple[int, float, float]], gist: Gist | None) -> int:
        """The incident to join among those the unit may join (number, closest, worst); -1: none.

        The incident holding the most similar report by its fields wins, then (only among
        those tied on it, embedded together in one batch) the one whose sentences say most
        alike, then the best worst case; on a full tie the earlier-founded (lower number).
        """
        if not fits:
            return -1
        top = max(closest for _, closest, _ in fits)
        tied = [f for f in fits if f[1] == top]
        if len(tied) > 1 and gist is not None:
            fill([gist, *(g for n, _, _ in tied for g in self._clusters[n].gists)])
            alike = {n: self._similarity(self._clusters[n], gist) for n, _, _ in tied}
        else:
            alike = dict.fromkeys((n for n, _, _ in tied), -1.0)
        best, best_rank = -1, (0.0, 0.0)
        for number, _, worst in tied:  # candidates come in founding order
            rank = (alike[number], worst)
            if best < 0 or rank > best_rank:
                best, best_rank = number, rank
        return best

    def retire_before(self, day: date) -> list[list[Claim]]:
        """Remove and return incidents whose latest claimed day is before `day`."""
        done = [n for n, c in self._clusters.items() if c.last_day is not None and c.last_day < day]
        return [self._remove(n) for n in sorted(done)]

    def drain(self) -> list[list[Claim]]:
        """Remove and return every live incident, in founding order."""
        return [self._remove(n) for n in sorted(self._clusters)]

    def _remove(self, number: int) -> list[Claim]:
        cluster = self._clusters.pop(number)
        for key in cluster.keys:
            members = self._index[key]
            members.discard(number)
            if not members:
                del self._index[key]
        return cluster.claims

    def __len__(self) -> int:
        return len(self._clusters)


def cluster_claims(claims: Iterable[Claim], options: MergeOptions) -> list[list[Claim]]:
    """Group claims into incidents; the result does not depend on the input order."""
    # A mention given twice (re-processing) counts once: the last copy given wins.
    unique = {claim.mention_id: claim for claim in claims}
    clusterer = Clusterer(options)
    for unit in document_units(unique.values(), options):
        clusterer.add_unit(unit)
    return clusterer.drain()


def stream_clusters(
    claims: Iterable[Claim], options: MergeOptions, horizon_days: int | None = None
) -> Iterator[list[Claim]]:
    """Cluster a stream of claims already in canonical order, yielding incidents as they close.

    An incident closes when the stream's publication time has moved `horizon_days` (by default
    three windows plus the undated allowance) past its latest claimed day: a report that late
    would mostly start a new incident anyway. Claims must come sorted by `canonical_key`.
    """
    horizon = timedelta(
        days=horizon_days
        if horizon_days is not None
        else 3 * options.window_days + options.undated_days
    )
    clusterer = Clusterer(options)
    seen = swept = 0
    # Claims published at one moment (one document, or several) are grouped into units first.
    for _, batch in groupby(claims, key=lambda c: canonical_key(c)[0]):
        group = list(batch)
        for unit in document_units(group, options):
            clusterer.add_unit(unit)
        seen += len(group)
        # Sweep now and then, not per claim: the sweep walks every live incident.
        if seen - swept >= 2048:
            swept = seen
            now = canonical_key(group[-1])[0].date()
            yield from clusterer.retire_before(now - horizon)
    yield from clusterer.drain()
