"""Clustering: units join incidents one at a time, in canonical order, through the block index.

A unit is what one document tells of one happening (`within.document_units`): its claims travel
together. Each unit is compared only with the incidents filed under its block keys, and joins
the one it fits best if the score reaches the threshold (ties go to the earlier-founded
incident), else it founds a new one. Because units are taken in canonical order (first
published first, then by mention id) the clusters are a function of the set of claims, whatever
order they came in, and a report published later never moves an earlier claim.
`stream_clusters` is the same algorithm for very long sorted streams: it retires incidents
that time has left behind, so memory stays bounded by the number of live incidents.
With a sentence encoder (`MergeOptions.encoder`) every claim's sentence is embedded once, in
batches, before its unit is filed; a unit's vector then counts as evidence where the fields
allow (`similarity.pair_score`), and breaks ties between incidents it fits equally well.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby

from watchfloor.merge.blocking import families_of, family_keys, merge_keys
from watchfloor.merge.claims import canonical_key, claim_interval
from watchfloor.merge.options import MergeOptions
from watchfloor.merge.sentences import Vector, cosine, embed_claims, unit_vector
from watchfloor.merge.similarity import Profile, unit_probe
from watchfloor.merge.within import document_units
from watchfloor.model.incidents import Claim

__all__ = ["Clusterer", "cluster_claims", "stream_clusters"]


@dataclass(slots=True)
class _Cluster:
    claims: list[Claim]
    profile: Profile
    keys: set[str] = field(default_factory=set)
    last_day: date | None = None
    gist: Vector | None = None  # the sum of its units' sentence vectors, when embedded


class Clusterer:
    """Greedy sequential clustering over a block index; feed claims in canonical order."""

    def __init__(self, options: MergeOptions) -> None:
        self.options = options
        self._clusters: dict[int, _Cluster] = {}
        self._index: dict[str, set[int]] = {}
        self._next = 0
        self._vectors: dict[str, Vector] = {}

    def embed(self, claims: Iterable[Claim]) -> None:
        """Embed the sentences of claims about to be added (one batch), if there is an encoder."""
        if self.options.encoder is not None:
            self._vectors.update(embed_claims(claims, self.options.encoder))

    def _similarity(self, cluster: _Cluster, vector: Vector | None) -> float:
        """Cosine of a unit's vector with an incident's gist; -1 when either has none."""
        if vector is None or cluster.gist is None:
            return -1.0
        similar = cosine(vector, cluster.gist / max(float((cluster.gist**2).sum()) ** 0.5, 1e-9))
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
        vector = unit_vector(unit, self._vectors) if self._vectors else None
        item = unit_probe(unit, self.options, vector)
        keys: set[str] = set()
        for claim in unit:
            keys |= merge_keys(claim, self.options)
        rules = self.options.rules
        families = set().union(*(families_of(t, rules) for t in item.types))
        place = item.site.place if item.site is not None else None
        wanted = family_keys(
            families, place, item.interval, self.options, lookup=True, actor=item.actor_id
        )
        candidates = sorted({n for key in wanted for n in self._index.get(key, ())})
        best, best_rank = -1, (0.0, 0.0, 0.0)
        for number in candidates:
            worst, closest = self._clusters[number].profile.fit(item, self.options)
            if worst < self.options.threshold:
                continue
            # The incident holding the most similar report by its fields wins, then the one
            # whose sentences say most alike, then the best worst case; strictly better only:
            # on a tie the earlier-founded incident (lower number) wins.
            rank = (closest, self._similarity(self._clusters[number], vector), worst)
            if best < 0 or rank > best_rank:
                best, best_rank = number, rank
        if best < 0:
            best = self._next
            self._next += 1
            self._clusters[best] = _Cluster(claims=[], profile=Profile())
        cluster = self._clusters[best]
        cluster.claims.extend(unit)
        cluster.profile.add(item)
        if vector is not None:
            cluster.gist = vector.copy() if cluster.gist is None else cluster.gist + vector
        for claim in unit:
            self._vectors.pop(claim.mention_id, None)  # read once: memory stays bounded
        for claim in unit:
            interval = claim_interval(claim, self.options)
            last = cluster.last_day
            if interval is not None and (last is None or interval[1] > last):
                cluster.last_day = interval[1]
        for key in keys - cluster.keys:
            self._index.setdefault(key, set()).add(best)
        cluster.keys |= keys
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
    clusterer.embed(unique.values())
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
    for group in _embedded(clusterer, groupby(claims, key=lambda c: canonical_key(c)[0])):
        for unit in document_units(group, options):
            clusterer.add_unit(unit)
        seen += len(group)
        # Sweep now and then, not per claim: the sweep walks every live incident.
        if seen - swept >= 2048:
            swept = seen
            now = canonical_key(group[-1])[0].date()
            yield from clusterer.retire_before(now - horizon)
    yield from clusterer.drain()


EMBED_BATCH = 256  # claims embedded together in a stream: the encoder is fastest in batches


def _embedded(
    clusterer: Clusterer, moments: Iterable[tuple[object, Iterable[Claim]]]
) -> Iterator[list[Claim]]:
    """The stream's groups of claims, each embedded (in batches) before it is clustered."""
    if clusterer.options.encoder is None:
        for _, batch in moments:
            yield list(batch)
        return
    pending: list[list[Claim]] = []
    size = 0
    for _, batch in moments:
        pending.append(list(batch))
        size += len(pending[-1])
        if size >= EMBED_BATCH:
            clusterer.embed(c for group in pending for c in group)
            yield from pending
            pending, size = [], 0
    clusterer.embed(c for group in pending for c in group)
    yield from pending
