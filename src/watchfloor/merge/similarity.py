"""Compatibility of a mention with an incident: type, place, time and actors, as one score.

The score is a product of four factors in 0..1. Type, place and time are gates (a factor of 0
forbids the merge); actors only lower the score, because outlets that blame different groups
for one attack are a discrepancy to show, not two attacks. Against an incident each factor is
the worst over the incident's members (complete linkage), so incidents cannot chain out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from watchfloor.merge.blocking import coarse_region, is_point
from watchfloor.merge.claims import claim_interval
from watchfloor.merge.options import MergeOptions, TypeRules
from watchfloor.merge.sentences import SENTENCES_ALIKE, Gist, cosine, fill
from watchfloor.model.events import Figure
from watchfloor.model.geo import EARTH_KM, haversine_km
from watchfloor.model.incidents import Claim
from watchfloor.model.mentions import PlaceMention, Precision

__all__ = [
    "PRECISE_DAYS",
    "PUBLISHED_DAYS",
    "TELLING_FIGURE",
    "UNPLACED",
    "Probe",
    "Profile",
    "Site",
    "actor_factor",
    "compatibility",
    "counts",
    "distance_km",
    "figure_role",
    "figures_agree",
    "figures_conflict",
    "is_precise",
    "pair_score",
    "place_evidence",
    "place_factor",
    "probe",
    "sentences_alike",
    "site",
    "site_factor",
    "sufficient",
    "time_evidence",
    "time_factor",
    "type_factor",
    "unit_probe",
]

_KM_PER_DEGREE_LAT = math.pi * EARTH_KM / 180
_AREAS = frozenset({Precision.DISTRICT, Precision.GOVERNORATE})
_RANK = {p: i for i, p in enumerate(Precision)}
_DISTRICT = Precision.DISTRICT
_FINE = frozenset({Precision.FACILITY, Precision.TOWN, Precision.DISTRICT})
_NESTED = 0.85  # place factor of a place inside another, or of one area told twice
# Dates spanning fewer days than this are precise ("on Thursday", "overnight"); longer ones
# ("last week", "in recent weeks", an undated mention's window) cannot alone make one happening.
PRECISE_DAYS = 3
_PAIRED = 0.9  # type factor of a listed same-incident pair
# Place factor of a mention without a place against a placed one ("the White House condemned
# the attack" and the reports that place it): no gate, but evidence must come from elsewhere.
UNPLACED = 0.75
# Reports published this many days apart or less can tell one happening without a shared place.
PUBLISHED_DAYS = 2
_FAMILY = 0.8  # type factor of one family at one place and time


def figure_role(figure: Figure) -> str:
    """The role a figure counts (escaped, killed...), falling back to its unit, else "count"."""
    return figure.role or figure.quantity.role or figure.quantity.unit or "count"


# A counted figure this large, told the same by two reports, is a sign they tell one happening.
TELLING_FIGURE = 5


def counts(claims: Sequence[Claim]) -> tuple[tuple[str, int, int], ...]:
    """The bounded figures of some claims worth comparing: (role, low, high) readings."""
    found = set()
    for claim in claims:
        for figure in claim.figures:
            low, high = figure.quantity.bounds()
            if high is not None and low >= TELLING_FIGURE:
                found.add((figure_role(figure), low, high))
    return tuple(sorted(found))


def figures_agree(a: tuple[tuple[str, int, int], ...], b: tuple[tuple[str, int, int], ...]) -> bool:
    """Whether two reports give one role a figure whose readings overlap (120 and "about 120")."""
    return any(ra == rb and la <= hb and lb <= ha for ra, la, ha in a for rb, lb, hb in b)


def figures_conflict(
    a: tuple[tuple[str, int, int], ...], b: tuple[tuple[str, int, int], ...]
) -> bool:
    """Whether two reports give one role figures of which no readings overlap (5 and 200)."""
    roles = {r for r, _, _ in a} & {r for r, _, _ in b}
    return any(
        not any(
            la <= hb and lb <= ha
            for ra, la, ha in a
            if ra == role
            for rb, lb, hb in b
            if rb == role
        )
        for role in roles
    )


def distance_km(a: PlaceMention, b: PlaceMention) -> float:
    """Great-circle distance between two geocoded places, in km."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def type_factor(a: str, b: str, rules: TypeRules) -> float:
    """1 for one type; 0.9 for a listed same-incident pair; 0.5 within a family or for a
    listed facet pair; else 0.

    A follow-up pair (recapture after escape) scores 0: it is linked, never merged.
    """
    if a == b:
        return 1.0
    if rules.is_follow_up(a, b) or rules.is_follow_up(b, a):
        return 0.0
    if rules.family(a) != rules.family(b):
        # Facets of one happening across families (a prison attack's clashes) count as one
        # family: they merge only at one place and time.
        return 0.5 if rules.is_facet(a, b) else 0.0
    if frozenset((a, b)) in rules.same_incident:
        return 0.9
    # Same family, different type: too weak to merge on its own (0.5 × anything < 1 is below
    # the default threshold unless everything else matches perfectly).
    return 0.5


@dataclass(frozen=True, slots=True)
class Site:
    """A claimed place with what comparing it needs, computed once."""

    place: PlaceMention
    coarse: str
    is_point: bool


def site(place: PlaceMention | None) -> Site | None:
    """The comparable form of a place."""
    return None if place is None else Site(place, coarse_region(place), is_point(place))


def site_factor(a: Site | None, b: Site | None, options: MergeOptions) -> float:
    """`place_factor` on precomputed sites."""
    if a is None or b is None:
        return 0.8 if a is None and b is None else UNPLACED
    pa, pb = a.place, b.place
    if pa.place_id is not None and pa.place_id == pb.place_id:
        # One town or facility told twice is one place; one governorate told twice is only
        # an area both lie in, no closer than a town inside it.
        return 1.0 if pa.precision in _FINE else _NESTED
    if a.is_point and b.is_point:
        assert pa.lat is not None and pb.lat is not None
        # Latitude alone bounds the distance from below: a cheap early rejection.
        if abs(pa.lat - pb.lat) * _KM_PER_DEGREE_LAT > options.merge_km:
            return 0.0
        km = distance_km(pa, pb)
        return 0.0 if km > options.merge_km else 1.0 - 0.3 * km / options.merge_km
    if a.coarse != b.coarse:
        return 0.0
    if a.is_point or b.is_point:
        return _NESTED
    if pa.precision in _AREAS and pb.precision in _AREAS:
        # Nested area levels fit; two different districts (or governorates) do not.
        return _NESTED if pa.precision != pb.precision else 0.0
    return 0.7


def place_factor(a: PlaceMention | None, b: PlaceMention | None, options: MergeOptions) -> float:
    """How well two claimed places fit one happening, aware of their precision.

    One facility, town or district (same place id): 1. Points (facility, town) closer than
    merge_km: 1 down to 0.7 with distance. A district or governorate and a point inside it
    (same admin1): 0.85. A governorate and a district in it, or one governorate (or country)
    told by both: 0.85, since an area both lie in does not place them closer than that. Two
    different areas of one level, or points too far apart: 0. No place on either side: 0.8; a
    place on one side only: 0.75 (see `_one_placed`).
    """
    return site_factor(site(a), site(b), options)


def time_factor(gap_days: int | None, options: MergeOptions) -> float:
    """1 for overlapping intervals, down to 0.6 at a window's gap, 0 beyond; 0.8 if undated."""
    if gap_days is None:
        return 0.8
    if gap_days > options.window_days:
        return 0.0
    return 1.0 - 0.4 * gap_days / options.window_days


def actor_factor(mine: str | None, theirs: set[str]) -> float:
    """1 when the same canonical actor1 is named; 0.9 when either side names none; else 0.6."""
    if mine is None or not theirs:
        return 0.9
    return 1.0 if theirs == {mine} else 0.6


def _time_class(interval: tuple[date, date] | None, options: MergeOptions) -> str:
    """Undated, vague (longer than max_interval_days) or dated: only like merges with like."""
    if interval is None:
        return "undated"
    return "vague" if (interval[1] - interval[0]).days > options.max_interval_days else "dated"


def _place_key(place: PlaceMention | None) -> tuple[object, ...]:
    if place is None:
        return ()
    return (place.place_id, place.precision, place.lat, place.lon, place.admin1, place.name)


def is_precise(interval: tuple[date, date] | None) -> bool:
    """An interval of at most `PRECISE_DAYS` days: a date the report actually gives."""
    return interval is not None and (interval[1] - interval[0]).days < PRECISE_DAYS


def place_evidence(
    a: Site | None, b: Site | None, options: MergeOptions, factor: float | None = None
) -> int:
    """How much two compatible places say the happening is one: 3 the same facility or town
    (or points within `nested_km`), 2 the same district (or a town of that name in it), 1 the
    same governorate or two points within `merge_km`, 0 nothing finer than a country (or no
    place). `factor`: their `site_factor`, if already known."""
    if a is None or b is None:
        return 0
    pa, pb = a.place, b.place
    coarser = max(_RANK[pa.precision], _RANK[pb.precision])
    if pa.place_id is not None and pa.place_id == pb.place_id:
        levels = {Precision.FACILITY: 3, Precision.TOWN: 3, _DISTRICT: 2, Precision.GOVERNORATE: 1}
        return levels.get(pa.precision if _RANK[pa.precision] == coarser else pb.precision, 0)
    fits = (factor if factor is not None else site_factor(a, b, options)) > 0
    if a.is_point and b.is_point:
        if not fits:
            return 0
        # A prison and its town are one place; two towns of one area are only near each other.
        return 3 if distance_km(pa, pb) <= options.nested_km else 1
    if coarser >= _RANK[Precision.COUNTRY] or a.coarse != b.coarse:
        return 0
    if coarser == _RANK[_DISTRICT] and pa.name.casefold() == pb.name.casefold():
        return 2  # Afrin the town and Afrin the district
    return 1 if fits else 0


def time_evidence(a: tuple[date, date] | None, b: tuple[date, date] | None, gap: int) -> int:
    """2 when both dates are precise and within two days, 1 when one is precise, else 0."""
    precise = is_precise(a) + is_precise(b)
    if precise == 2 and gap <= 2:
        return 2
    return 1 if precise >= 1 else 0


def sufficient(place: int, time: int, same_type: bool, same_actor: bool) -> bool:
    """Whether shared evidence can make two mentions one happening (never a vague date alone).

    The same facility, town or district is enough within the time window; the same governorate
    needs a precise date on one side (or the same type and actor); a country or no place needs
    precise dates on both sides, the same type and the same named actor.
    """
    if place >= 2:
        return True
    if place == 1:
        return time >= 1 or (same_type and same_actor)
    return time == 2 and same_type and same_actor


@dataclass(frozen=True, slots=True)
class Probe:
    """What scoring reads of a claim, or of the claims one document tells of one happening.

    `interval` is the tightest date the claims give together (their intersection), `site` the
    finest place, `actor_id` the first named canonical actor1, `types` every type told.
    """

    claim: Claim
    interval: tuple[date, date] | None
    time_class: str
    site: Site | None
    actor_id: str | None
    types: frozenset[str] = frozenset()
    lo: int = 0  # the interval's first and last day as ordinals (0 when undated)
    hi: int = 0
    counts: tuple[tuple[str, int, int], ...] = ()
    gist: Gist | None = None  # the unit's sentences (`merge.sentences`), embedded on first need


def probe(claim: Claim, options: MergeOptions) -> Probe:
    """The probe of a claim."""
    return unit_probe([claim], options)


def unit_probe(claims: Sequence[Claim], options: MergeOptions, gist: Gist | None = None) -> Probe:
    """The probe of one document's claims of one happening (the first claim leads), with the
    unit's gist (its sentences, embedded only if a comparison needs them) when the merge has a
    sentence encoder."""
    lead = claims[0]
    intervals = [i for c in claims if (i := claim_interval(c, options)) is not None]
    interval = None
    if intervals:
        start, end = max(i[0] for i in intervals), min(i[1] for i in intervals)
        interval = (start, end) if start <= end else intervals[0]
    places = [c.place for c in claims if c.place is not None]
    place = min(places, key=lambda p: (_RANK[p.precision], -p.score)) if places else None
    actors = [c.actor1.actor_id for c in claims if c.actor1 is not None and c.actor1.actor_id]
    return Probe(
        claim=lead,
        interval=interval,
        time_class=_time_class(claim_interval(lead, options), options),
        site=site(place),
        actor_id=actors[0] if actors else None,
        types=frozenset(c.event_type for c in claims),
        lo=interval[0].toordinal() if interval else 0,
        hi=interval[1].toordinal() if interval else 0,
        counts=counts(claims),
        gist=gist,
    )


_KINDS: dict[tuple[int, frozenset[str], frozenset[str]], tuple[TypeRules, float]] = {}


def _kinds(a: frozenset[str], b: frozenset[str], rules: TypeRules) -> float:
    """The best type factor between two sets of types; 0 if any pair is a follow-up.

    Memoised per rules object: a stream meets the same few type sets again and again.
    """
    key = (id(rules), a, b)
    known = _KINDS.get(key)
    if known is not None and known[0] is rules:
        return known[1]
    best = 0.0
    for x in a:
        for y in b:
            if rules.is_follow_up(x, y) or rules.is_follow_up(y, x):
                best = -1.0
                break
            best = max(best, type_factor(x, y, rules))
        if best < 0:
            break
    value = max(best, 0.0)
    if len(_KINDS) > 100_000:
        _KINDS.clear()
    _KINDS[key] = (rules, value)
    return value


def pair_score(a: Probe, b: Probe, options: MergeOptions) -> tuple[float, bool]:
    """The compatibility of two probes and whether their shared evidence suffices."""
    score, ok, alike_would = _pair(a, b, options)
    return score, ok or (alike_would and sentences_alike(a, b))


def _pair(a: Probe, b: Probe, options: MergeOptions) -> tuple[float, bool, bool]:
    """(score, evidence suffices by the fields, sentences told alike would make it suffice).

    The sentences are embedded here only for a pair of one family whose dates say too little,
    where they decide the score; where they could only add evidence, the caller asks
    (`sentences_alike`) once it knows no other member gives that evidence.
    """
    if a.time_class != b.time_class:
        return 0.0, False, False  # undated, vague and dated claims never share a block: never merge
    gap = 0
    if a.interval is None or b.interval is None:
        time = time_factor(None, options)
    else:
        gap = max(0, a.lo - b.hi, b.lo - a.hi)
        if gap > options.window_days:
            return 0.0, False, False
        time = 1.0 - 0.4 * gap / options.window_days  # as `time_factor`
    # Cheapest gates first: places (most candidates lie in a neighbouring town), then types.
    place = site_factor(a.site, b.site, options)
    if place == 0.0:
        return 0.0, False, False
    one = a.types == b.types and len(a.types) == 1
    kind = 1.0 if one else _kinds(a.types, b.types, options.rules)
    if kind == 0.0:
        return 0.0, False, False
    if (a.site is None) != (b.site is None):
        return (*_one_placed(a, b, kind, place * time, options), False)
    where = place_evidence(a.site, b.site, options, place)
    if a.interval is None or b.interval is None:
        when = 0
    else:
        precise = (a.hi - a.lo < PRECISE_DAYS) + (b.hi - b.lo < PRECISE_DAYS)
        when = 2 if precise == 2 and gap <= 2 else 1 if precise else 0  # as `time_evidence`
    agree = when < 2 and bool(a.counts and b.counts and figures_agree(a.counts, b.counts))
    when += agree  # one figure told alike stands for a date told precisely
    # Or (not both) the same thing said in other words or another language does, only where
    # every field gate passed: the sentences may add the step the fields lack.
    said = not agree and when < 2 and a.gist is not None and b.gist is not None
    if kind < _PAIRED:
        # Only of one family (an airstrike and a clash) or facets (a prison attack and the
        # clashes at the prison): one happening only at one place and time, and then almost
        # as good as one type.
        if where < 2:
            return 0.0, False, False
        if when < 1:
            if not (said and sentences_alike(a, b)):
                return 0.0, False, False
            when, said = when + 1, False
        kind = _FAMILY
    if a.actor_id is None or b.actor_id is None:
        actor, same_actor = 0.9, False
    else:
        same_actor = a.actor_id == b.actor_id
        actor = 1.0 if same_actor else 0.6
    shared = one or bool(a.types & b.types)
    ok = sufficient(where, when, shared, same_actor)
    alike_would = said and not ok and sufficient(where, when + 1, shared, same_actor)
    return kind * place * time * actor, ok, alike_would


def sentences_alike(a: Probe, b: Probe) -> bool:
    """Whether two reports' sentences say the same thing (cosine ≥ `SENTENCES_ALIKE`).

    Embeds both reports' gists (one batch) if they are not embedded yet.
    """
    if a.gist is None or b.gist is None:
        return False
    fill([a.gist, b.gist])
    similar = cosine(a.gist.vector, b.gist.vector)
    return similar is not None and similar >= SENTENCES_ALIKE


def published_apart(a: Claim, b: Claim) -> float | None:
    """Days between two claims' publication times, or None when either is unknown."""
    if a.published is None or b.published is None:
        return None
    return abs((a.published - b.published).total_seconds()) / 86_400


def _one_placed(
    a: Probe, b: Probe, kind: float, rest: float, options: MergeOptions
) -> tuple[float, bool]:
    """A mention without a place against a placed one ("the White House condemned the attack").

    Nothing places them together, so other evidence must: the same named actor1, types of one
    happening (one type or a listed pair; of one family only when a figure is told alike),
    publication at most `PUBLISHED_DAYS` apart, and no figure of one role that cannot be the
    same. Without it the score stays but the evidence does not suffice, so such a mention can
    join an incident only through another member it shares evidence with.
    """
    same_actor = a.actor_id is not None and a.actor_id == b.actor_id
    agree = bool(a.counts and b.counts and figures_agree(a.counts, b.counts))
    if kind < _PAIRED:
        if not (same_actor and agree):
            return 0.0, False
        kind = _FAMILY
    actor = 1.0 if same_actor else 0.9 if a.actor_id is None or b.actor_id is None else 0.6
    apart = published_apart(a.claim, b.claim)
    ok = (
        same_actor
        and apart is not None
        and apart <= PUBLISHED_DAYS
        and not (a.counts and b.counts and figures_conflict(a.counts, b.counts))
    )
    return kind * rest * actor, ok


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
        key = (item.types, _place_key(item.site.place if item.site else None), item.interval,
               item.time_class, item.actor_id)  # fmt: skip
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
        if not (item.types == self.types or _kinds(item.types, self.types, options.rules) > 0):
            return 0.0, 0.0
        worst, best, evidence = 1.0, 0.0, False
        alike_would: list[Probe] = []
        for member in self.members.values():
            score, ok, would = _pair(item, member, options)
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
