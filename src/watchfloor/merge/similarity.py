"""Compatibility of a mention with an incident: type, place, time and actors, as one score.

The score is a product of four factors in 0..1. Type, place and time are gates (a factor of 0
forbids the merge); actors only lower the score, because outlets that blame different groups
for one attack are a discrepancy to show, not two attacks. Against an incident each factor is
the worst over the incident's members (complete linkage), so incidents cannot chain out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from watchfloor.merge.blocking import coarse_region, is_point
from watchfloor.merge.claims import claim_interval
from watchfloor.merge.options import MergeOptions, TypeRules
from watchfloor.model.geo import EARTH_KM, haversine_km
from watchfloor.model.incidents import Claim
from watchfloor.model.mentions import PlaceMention, Precision

__all__ = [
    "Probe",
    "Profile",
    "Site",
    "actor_factor",
    "compatibility",
    "distance_km",
    "place_factor",
    "probe",
    "site",
    "site_factor",
    "time_factor",
    "type_factor",
]

_KM_PER_DEGREE_LAT = math.pi * EARTH_KM / 180
_AREAS = frozenset({Precision.DISTRICT, Precision.GOVERNORATE})


def distance_km(a: PlaceMention, b: PlaceMention) -> float:
    """Great-circle distance between two geocoded places, in km."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def type_factor(a: str, b: str, rules: TypeRules) -> float:
    """1 for one type; 0.9 for a listed same-incident pair; 0.5 within a family; else 0.

    A follow-up pair (recapture after escape) scores 0: it is linked, never merged.
    """
    if a == b:
        return 1.0
    if rules.family(a) != rules.family(b) or rules.is_follow_up(a, b) or rules.is_follow_up(b, a):
        return 0.0
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
        return 0.8 if a is None and b is None else 0.0
    pa, pb = a.place, b.place
    if pa.place_id is not None and pa.place_id == pb.place_id:
        return 1.0
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
        return 0.85
    if pa.precision in _AREAS and pb.precision in _AREAS:
        # Nested area levels fit; two different districts (or governorates) do not.
        return 0.85 if pa.precision != pb.precision else 0.0
    return 0.7


def place_factor(a: PlaceMention | None, b: PlaceMention | None, options: MergeOptions) -> float:
    """How well two claimed places fit one happening, aware of their precision.

    Points (facility, town) closer than merge_km: 1 down to 0.7 with distance. A district or
    governorate and a point inside it (same admin1): 0.85. A governorate and a district in it:
    0.85. Two different areas of one level, or points too far apart: 0. No place on either
    side: 0.8; a place on one side only: 0 (they never share a block).
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


@dataclass(frozen=True, slots=True)
class Probe:
    """A claim with what scoring reads computed once, however many incidents it is tried on."""

    claim: Claim
    interval: tuple[date, date] | None
    time_class: str
    site: Site | None
    actor_id: str | None


def probe(claim: Claim, options: MergeOptions) -> Probe:
    """The probe of a claim."""
    interval = claim_interval(claim, options)
    actor_id = claim.actor1.actor_id if claim.actor1 is not None else None
    return Probe(claim, interval, _time_class(interval, options), site(claim.place), actor_id)


@dataclass(slots=True)
class Profile:
    """What an incident under construction looks like to a newcomer: the extremes of each factor."""

    types: set[str] = field(default_factory=set)
    sites: dict[tuple[object, ...], Site | None] = field(default_factory=dict)
    min_end: date | None = None
    max_start: date | None = None
    time_classes: set[str] = field(default_factory=set)
    actor1: set[str] = field(default_factory=set)

    def add(self, item: Probe) -> None:
        """Take a claim into the profile."""
        self.types.add(item.claim.event_type)
        key = _place_key(item.claim.place)
        if key not in self.sites:
            self.sites[key] = item.site
        self.time_classes.add(item.time_class)
        if item.interval is not None:
            start, end = item.interval
            self.min_end = end if self.min_end is None else min(self.min_end, end)
            self.max_start = start if self.max_start is None else max(self.max_start, start)
        if item.actor_id is not None:
            self.actor1.add(item.actor_id)

    def score(self, item: Probe, options: MergeOptions) -> float:
        """Compatibility of a claim with every member at once (worst factor over members)."""
        # Cheapest gates first: time, then type, then place (distances).
        if len(self.time_classes) != 1 or item.time_class not in self.time_classes:
            return 0.0  # undated, vague and dated claims never share a block: never merge
        if item.interval is None or self.min_end is None or self.max_start is None:
            time = time_factor(None, options)
        else:
            start, end = item.interval
            gap = max(0, (start - self.min_end).days, (self.max_start - end).days)
            time = time_factor(gap, options)
        if time == 0.0:
            return 0.0
        event_type = item.claim.event_type
        if len(self.types) == 1 and event_type in self.types:
            kind = 1.0  # the common case, without consulting the rules
        else:
            kind = min(type_factor(event_type, t, options.rules) for t in self.types)
            if kind == 0.0:
                return 0.0
        place = 1.0
        for other in self.sites.values():
            place = min(place, site_factor(item.site, other, options))
            if place == 0.0:
                return 0.0
        return kind * place * time * actor_factor(item.actor_id, self.actor1)


def compatibility(a: Claim, b: Claim, options: MergeOptions) -> float:
    """Compatibility of two claims in 0..1; at least `options.threshold` may merge."""
    profile = Profile()
    profile.add(probe(b, options))
    return profile.score(probe(a, options), options)
