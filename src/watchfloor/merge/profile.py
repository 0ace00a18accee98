"""An incident under construction as a newcomer sees it: its distinct members, complete linkage."""

from __future__ import annotations

from dataclasses import dataclass, field

from watchfloor.merge.options import MergeOptions
from watchfloor.merge.sentences import fill
from watchfloor.merge.similarity import Probe, kinds, pair, probe, sentences_alike
from watchfloor.merge.sites import place_key
from watchfloor.model.incidents import Claim

__all__ = ["Profile", "compatibility"]


@dataclass(slots=True)
class Profile:
    """What an incident under construction looks like to a newcomer: its distinct members.

    A newcomer must fit every member (complete linkage: no factor of 0, the worst score counts)
    and share sufficient evidence with at least one of them. The union of types, the time
    classes and the extremes of the members' intervals reject most newcomers before any
    member is looked at.
    """

    members: dict[tuple[object, ...], Probe] = field(default_factory=dict)
    types: frozenset[str] = frozenset()
    time_classes: set[str] = field(default_factory=set)
    min_end: int | None = None  # ordinals
    max_start: int | None = None

    def add(self, item: Probe) -> None:
        """Take a claim (or a document's group of claims) into the profile."""
        key = (item.types, place_key(item.site.place if item.site else None), item.interval,
               item.time_class, item.actor_id, item.country, item.stated)  # fmt: skip
        self.members.setdefault(key, item)
        self.types = self.types | item.types
        self.time_classes.add(item.time_class)
        if item.interval is not None:
            self.min_end = item.hi if self.min_end is None else min(self.min_end, item.hi)
            self.max_start = item.lo if self.max_start is None else max(self.max_start, item.lo)

    def score(self, item: Probe, options: MergeOptions) -> float:
        """Compatibility of a newcomer with the incident; 0 without sufficient evidence."""
        return self.fit(item, options)[0]

    def fit(self, item: Probe, options: MergeOptions) -> tuple[float, float]:
        """(worst, best) score of a newcomer over the members; (0, 0) when it may not join.

        The worst decides whether it may join (complete linkage); the best, among the
        incidents it may join, which one it joins: the incident holding the report most like
        it, not the one with the fewest members to disagree with.
        """
        if len(self.time_classes) != 1 or item.time_class not in self.time_classes:
            return 0.0, 0.0
        low, high = self.max_start, self.min_end
        dated = item.interval is not None and low is not None and high is not None
        # Too far from some member: the window counts from the members' extremes.
        if dated and max(item.lo - (high or 0), (low or 0) - item.hi) > options.window_days:
            return 0.0, 0.0
        if not (item.types == self.types or kinds(item.types, self.types, options.rules) > 0):
            return 0.0, 0.0
        worst, best, evidence = 1.0, 0.0, False
        alike_would: list[Probe] = []
        for member in self.members.values():
            score, ok, would = pair(item, member, options)
            if score == 0.0:
                return 0.0, 0.0
            worst = min(worst, score)
            best = max(best, score)
            evidence = evidence or ok
            if would:
                alike_would.append(member)
        if not evidence and alike_would:
            # Fields fit but lack a second piece of evidence: only now are sentences embedded,
            # the newcomer's and those of the members they could help with, in one batch.
            fill([item.gist, *(m.gist for m in alike_would)])
            evidence = any(sentences_alike(item, m) for m in alike_would)
        return (worst, best) if evidence else (0.0, 0.0)


def compatibility(a: Claim, b: Claim, options: MergeOptions) -> float:
    """Compatibility of two claims in 0..1; at least `options.threshold` may merge."""
    profile = Profile()
    profile.add(probe(b, options))
    return profile.score(probe(a, options), options)
