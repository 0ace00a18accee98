"""Places of two reports compared by precision: how well they fit one happening, and how much
their agreement says it is one (the same town, a town inside a district, one governorate...)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from watchfloor.merge.blocking import coarse_region, is_point, is_seat
from watchfloor.merge.options import MergeOptions
from watchfloor.model.geo import EARTH_KM, haversine_km
from watchfloor.model.mentions import PlaceMention, Precision

__all__ = [
    "NESTED",
    "RANK",
    "UNPLACED",
    "Site",
    "distance_km",
    "place_evidence",
    "place_factor",
    "place_key",
    "site",
    "site_factor",
]

_KM_PER_DEGREE_LAT = math.pi * EARTH_KM / 180
_AREAS = frozenset({Precision.DISTRICT, Precision.GOVERNORATE})
RANK = {p: i for i, p in enumerate(Precision)}
_DISTRICT = Precision.DISTRICT
_FINE = frozenset({Precision.FACILITY, Precision.TOWN, Precision.DISTRICT})
NESTED = 0.85  # place factor of a place inside another, or of one area told twice
# Place factor of a mention without a place against a placed one ("the White House condemned
# the attack" and the reports that place it): no gate, but evidence must come from elsewhere.
UNPLACED = 0.75


def distance_km(a: PlaceMention, b: PlaceMention) -> float:
    """Great-circle distance between two geocoded places, in km."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


@dataclass(frozen=True, slots=True)
class Site:
    """A claimed place with what comparing it needs, computed once."""

    place: PlaceMention
    coarse: str
    is_point: bool
    seat: bool = False  # a town bearing its governorate's name (`blocking.is_seat`)


def site(place: PlaceMention | None) -> Site | None:
    """The comparable form of a place."""
    if place is None:
        return None
    return Site(place, coarse_region(place), is_point(place), is_seat(place))


def site_factor(a: Site | None, b: Site | None, options: MergeOptions) -> float:
    """`place_factor` on precomputed sites."""
    if a is None or b is None:
        return 0.8 if a is None and b is None else UNPLACED
    pa, pb = a.place, b.place
    if pa.place_id is not None and pa.place_id == pb.place_id:
        # One town or facility told twice is one place; one governorate told twice is only
        # an area both lie in, no closer than a town inside it.
        return 1.0 if pa.precision in _FINE else NESTED
    if a.is_point and b.is_point:
        assert pa.lat is not None and pb.lat is not None
        # Latitude alone bounds the distance from below: a cheap early rejection.
        # A town bearing its governorate's name may mean the governorate: nested there.
        seat = (a.seat or b.seat) and a.coarse == b.coarse
        if abs(pa.lat - pb.lat) * _KM_PER_DEGREE_LAT > options.merge_km:
            return NESTED if seat else 0.0
        km = distance_km(pa, pb)
        if km > options.merge_km:
            return NESTED if seat else 0.0
        return 1.0 - 0.3 * km / options.merge_km
    if a.coarse != b.coarse:
        return 0.0
    if a.is_point or b.is_point:
        return NESTED
    if pa.precision in _AREAS and pb.precision in _AREAS:
        # Nested area levels fit; two different districts (or governorates) do not.
        return NESTED if pa.precision != pb.precision else 0.0
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


def place_key(place: PlaceMention | None) -> tuple[object, ...]:
    if place is None:
        return ()
    return (place.place_id, place.precision, place.lat, place.lon, place.admin1, place.name)


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
    coarser = max(RANK[pa.precision], RANK[pb.precision])
    if pa.place_id is not None and pa.place_id == pb.place_id:
        levels = {Precision.FACILITY: 3, Precision.TOWN: 3, _DISTRICT: 2, Precision.GOVERNORATE: 1}
        return levels.get(pa.precision if RANK[pa.precision] == coarser else pb.precision, 0)
    fits = (factor if factor is not None else site_factor(a, b, options)) > 0
    if a.is_point and b.is_point:
        if not fits:
            return 0
        # A prison and its town are one place; two towns of one area are only near each other.
        return 3 if distance_km(pa, pb) <= options.nested_km else 1
    if coarser >= RANK[Precision.COUNTRY] or a.coarse != b.coarse:
        return 0
    if coarser == RANK[_DISTRICT] and fits and _town_and_its_district(a, b, options):
        return 2  # Afrin the town and Afrin the district (Jindayris and Jandairis)
    return 1 if fits else 0


def _town_and_its_district(a: Site, b: Site, options: MergeOptions) -> bool:
    """Whether a town and a district are the town and the district named after it: one name,
    or (names spelt two ways) the district's point within `nested_km` of the town."""
    pa, pb = a.place, b.place
    if pa.name.casefold() == pb.name.casefold():
        return True
    town, area = (pa, pb) if a.is_point else (pb, pa) if b.is_point else (None, None)
    if town is None or area is None or area.precision != _DISTRICT or area.lat is None:
        return False
    return distance_km(town, area) <= options.nested_km
