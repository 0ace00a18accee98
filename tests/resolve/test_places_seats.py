"""Districts named alone point at their seat town; "X badia" is the steppe around X (issue 13).

ACLED codes an event placed only in a district at the district's seat (geo_precision 2), as it
codes a governorate at its capital; the area keeps its precision. "Badia" (the Syrian steppe)
after a name widens the name to its surroundings like "desert" or "countryside".
"""

from __future__ import annotations

import csv
import re

import pytest

from helpers.data import shared_path
from watchfloor.model import Precision
from watchfloor.resolve.gazetteer import Gazetteer, PlaceContext
from watchfloor.resolve.places_names import distance_km, name_key

pytestmark = pytest.mark.issue(13)

REGION = PlaceContext(countries=frozenset({"SY", "IQ"}))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _seat_of(gaz: Gazetteer, district: str):
    match = gaz.resolve(district, REGION)
    assert match is not None and match.place_id is not None
    unit = gaz.get(match.place_id)
    assert unit is not None
    return match, unit


@pytest.mark.parametrize("text", ["Mergasur district", "Tell Abiad district"])
def test_a_district_named_alone_points_at_its_seat_at_district_precision(gaz, text):
    match, unit = _seat_of(gaz, text)
    assert unit.kind == "admin2"
    assert match.precision is Precision.DISTRICT
    seat = gaz.district_seat(unit)
    assert seat is not None and seat.is_seat and seat.admin1 == unit.admin1
    assert match.lat == seat.lat and match.lon == seat.lon
    assert "its seat" in match.note
    # the seat is a different point from the district's own (the area's centre)
    assert distance_km(unit.lat, unit.lon, seat.lat, seat.lon) > 5


def test_district_seats_are_admin_seats_of_its_name_nearby_and_towns_never_move(gaz):
    for unit in gaz.places.values():
        if unit.kind != "admin2" or unit.country not in gaz.dense:
            continue
        seat = gaz.district_seat(unit)
        if seat is None:
            continue
        # every seat found is an admin seat of the district's governorate sharing its name
        assert seat.is_seat and seat.admin1 == unit.admin1 and set(seat.keys) & set(unit.keys)
        assert distance_km(unit.lat, unit.lon, seat.lat, seat.lon) <= 60
    # a town is never moved to a seat
    town = gaz.resolve("Tall Abyad", REGION)
    assert town is not None and town.precision is Precision.TOWN and "its seat" not in town.note


def test_badia_after_a_name_is_the_steppe_around_it(gaz):
    bare = gaz.resolve("Quriyeh", REGION)
    steppe = gaz.resolve("Quriyeh badia", REGION)
    assert bare is not None and steppe is not None
    assert steppe.place_id == bare.place_id  # the name, not the "Badia" region
    assert steppe.precision is Precision.DISTRICT
    assert "surroundings" in steppe.note
    desert = gaz.resolve("Quriyeh desert", REGION)
    assert desert is not None and (desert.lat, desert.lon) == (steppe.lat, steppe.lon)


_DISTRICT = re.compile(r"\b([A-Z][\w'`-]*(?: [A-Z][\w'`-]*){0,2}) district\b")


def test_real_acled_districts_named_as_the_location_lie_at_acleds_point(gaz):
    """Development rows whose note names "X district" where X is ACLED's coded location (its
    seat): the district read alone lies within 25 km of ACLED's point."""
    path = shared_path("data", "acled_syria_iraq_2022", "acled_syria_iraq_2022.csv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    checked = near = 0
    for row in rows:
        location = name_key(row["location"])
        for found in _DISTRICT.finditer(row["notes"]):
            if name_key(found.group(1)) != location:
                continue
            match = gaz.resolve(found.group(0), REGION)
            if match is None or match.lat is None or match.lon is None:
                continue
            checked += 1
            km = distance_km(match.lat, match.lon, float(row["latitude"]), float(row["longitude"]))
            near += km <= 25
    assert checked >= 3
    assert near / checked >= 0.75
