"""The document's own area, read from all of its names at once (spatial coherence).

A local story names a few places; most of their names are shared by towns across a country
("Mansfield", "Athens", "DeSoto"), but the readings they have in common are few: Shreveport,
DeSoto Parish and Mansfield all have a reading in Louisiana, and only there. Each distinct name
casts one vote, split among the first-level areas of its readings in proportion to how likely
each reading is alone (the square root of its population; a country takes its share but votes
for no area, so "Jordan" votes little for Minnesota). The area with the most votes from the
*other* names (a name never supports itself) becomes context for a name, when it leads its
runner-up clearly. A town named with a county holding one of its namesakes ("Paris" and
"Henry County") votes for that state as an unambiguous name would, when they agree in one state
only. Villages of the densely covered countries do not vote: there every area has
namesakes by the dozen and the regional rules decide.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from watchfloor.resolve.places_data import Place
from watchfloor.resolve.places_match import PlaceContext
from watchfloor.resolve.places_names import distance_km

__all__ = ["DocumentAreas", "document_areas"]

Area = tuple[str, str]  # (country code, admin1 name)

# How likely a reading is alone, as an equivalent population: an admin area named is about as
# telling as a large city; a country outweighs the small towns that share its name.
_AREA_WEIGHT = {"admin1": 1_000_000, "admin2": 100_000, "admin3": 30_000}
_COUNTRY_WEIGHT = 10_000_000
_MIN_VOTES = 0.9  # about one unambiguous name of the area besides the one being read
_LEAD = 1.5  # ... and clearly ahead of the next area
_MEMBER_KM = 150.0  # a point this near a reading in the area agrees with it
_SEAT_KM = 35.0  # a town this near a county's point of the same state lies in or by it
_PAIR_VOTE = 1.0  # a town and its county named together count as an unambiguous name each


class _Index(Protocol):
    dense: frozenset[str]

    def key(self, name: str) -> str:
        """The matching key of a name."""

    def candidates(self, name: str) -> list[Place]:
        """Exact-key readings of a name."""

    def small_towns(self, *names: str) -> list[Place]:
        """Small-town readings of a name."""


def _strength(place: Place) -> float:
    """How likely a reading is without context (square root of an equivalent population)."""
    if place.kind == "country":
        return math.sqrt(_COUNTRY_WEIGHT)
    if place.kind in _AREA_WEIGHT:
        return math.sqrt(_AREA_WEIGHT[place.kind])
    return math.sqrt(place.population + 1_000)


@dataclass(frozen=True, slots=True)
class DocumentAreas:
    """Votes of each distinct name for the first-level areas of its readings."""

    by_key: dict[str, dict[Area, float]] = field(default_factory=dict)
    total: dict[Area, float] = field(default_factory=dict)
    # Names that are themselves a first-level area keep their own reading.
    areas_named: frozenset[str] = frozenset()
    # The points of the readings that voted for each area.
    members: dict[Area, tuple[tuple[float, float], ...]] = field(default_factory=dict)

    def area_for(self, key: str) -> tuple[Area, float] | None:
        """The area the other names of the document agree on, with their votes; None when
        they agree on none clearly."""
        own = self.by_key.get(key, {})
        scores = sorted(
            ((votes - own.get(area, 0.0), area) for area, votes in self.total.items()),
            key=lambda va: (-round(va[0], 9), va[1]),
        )
        if not scores or scores[0][0] < _MIN_VOTES:
            return None
        best, area = scores[0]
        runner = scores[1][0] if len(scores) > 1 else 0.0
        if best < _LEAD * runner:
            return None
        return area, best

    def narrow(self, key: str, ctx: PlaceContext) -> PlaceContext:
        """The context of one name with the area the document's other names agree on: that
        area is named, and single readings of other names that disagree with it (another
        state of the same country, a point far from every reading in the area) are dropped,
        since one misread neighbour must not outvote the whole document."""
        found = None if key in self.areas_named else self.area_for(key)
        if found is None:
            return ctx
        area, _ = found
        members = self.members.get(area, ())
        return replace(
            ctx,
            countries=ctx.countries | {area[0]},
            admin1s=frozenset({a for a in ctx.admin1s if a[0] != area[0]} | {area}),
            points=tuple(
                p
                for p in ctx.points
                if any(distance_km(p[0], p[1], a, b) < _MEMBER_KM for a, b in members)
            ),
        )


def document_areas(index: _Index, names: Iterable[tuple[str, str]]) -> DocumentAreas:
    """Each distinct name's votes for the areas of its readings, and their totals.

    `names` are (surface, query) pairs: votes are kept under the surface's key, readings are
    those of the query ("Boone County" for "Boone County Solid Waste District").
    """
    by_key: dict[str, dict[Area, float]] = {}
    areas_named: set[str] = set()
    members: dict[Area, list[tuple[float, float]]] = defaultdict(list)
    total: dict[Area, float] = defaultdict(float)
    readings_of: dict[str, list[Place]] = {}
    for surface, query in names:
        key = index.key(surface)
        if not key or key in by_key:
            continue
        readings = {p.id: p for p in (*index.candidates(query), *index.small_towns(query))}
        places = [p for p in readings.values() if p.kind != "facility"]
        if any(p.kind == "admin1" for p in places):
            areas_named.add(key)
        if any(p.country in index.dense for p in places):
            by_key[key] = {}
            continue  # the regional rules read names of the densely covered countries
        weight = sum(_strength(p) for p in places)
        votes: dict[Area, float] = defaultdict(float)
        for place in places:
            if place.kind != "country" and place.country and place.admin1:
                votes[place.country, place.admin1] += _strength(place) / weight
                members[place.country, place.admin1].append((place.lat, place.lon))
        by_key[key] = dict(votes)
        readings_of[key] = places
    _pair_towns_with_counties(readings_of, by_key)
    for votes in by_key.values():
        for area, share in votes.items():
            total[area] += share
    return DocumentAreas(
        by_key, dict(total), frozenset(areas_named), {a: tuple(m) for a, m in members.items()}
    )


def _pair_towns_with_counties(
    readings_of: dict[str, list[Place]], by_key: dict[str, dict[Area, float]]
) -> None:
    """A town named with a county that holds one of its namesakes ("Paris" and "Henry
    County": Paris, Tennessee, is Henry County's seat) votes for that state as if unambiguous,
    and so does the county, when the two agree in one state only (a coincidence of two
    common names in several states decides nothing)."""
    counties: dict[Area, list[tuple[str, Place]]] = defaultdict(list)
    towns: dict[Area, list[tuple[str, Place]]] = defaultdict(list)
    for key, places in readings_of.items():
        for place in places:
            if place.country and place.admin1:
                area = (place.country, place.admin1)
                if place.kind == "admin2":
                    counties[area].append((key, place))
                elif place.is_town:
                    towns[area].append((key, place))
    pairs: dict[tuple[str, str], set[Area]] = defaultdict(set)
    for area, units in counties.items():
        for county_key, county in units:
            for town_key, town in towns.get(area, ()):
                near = distance_km(county.lat, county.lon, town.lat, town.lon) < _SEAT_KM
                if town_key != county_key and near:
                    pairs[county_key, town_key].add(area)
    for (county_key, town_key), areas in pairs.items():
        if len(areas) != 1:
            continue
        (area,) = areas
        for key in (county_key, town_key):
            by_key[key][area] = max(by_key[key].get(area, 0.0), _PAIR_VOTE)
