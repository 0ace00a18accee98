"""World gazetteer: country points, admin-1 units, US counties, short forms, demonyms, variants."""

from __future__ import annotations

import pytest

from watchfloor.model import Precision
from watchfloor.resolve.gazetteer import Gazetteer, PlaceContext
from watchfloor.resolve.places_names import distance_km, translit_key

US = PlaceContext(countries=frozenset({"US"}))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _near(match, lat: float, lon: float, km: float) -> bool:
    return match is not None and distance_km(match.lat, match.lon, lat, lon) <= km


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [("Russia", 60.0, 100.0), ("Canada", 60.0, -96.0), ("Egypt", 27.0, 30.0)],
)
def test_gazetteer_country_point_is_the_countrys_middle(gaz, name, lat, lon):
    # The middle of a country's cities put Canada on its southern border; the point must lie
    # near the country's geographic middle (GeoNames' own country points within 161 km).
    match = gaz.resolve(name, PlaceContext())
    assert match.precision is Precision.COUNTRY
    assert _near(match, lat, lon, 161)


def test_gazetteer_world_admin1_unit_resolves(gaz):
    match = gaz.resolve("Queensland", PlaceContext())
    assert match.precision is Precision.GOVERNORATE
    assert match.country_code == "AU"
    assert _near(match, -22.5, 144.5, 400)


def test_gazetteer_us_county_resolves_with_its_state(gaz):
    match = gaz.resolve("Laurel County", US)
    assert match.precision is Precision.DISTRICT
    assert match.admin1 == "Kentucky"
    assert _near(match, 37.13, -84.13, 40)


def test_gazetteer_world_city_carries_admin1_name(gaz):
    # Cities carry the admin-1 name (not GeoNames' code), so a named state is context for them.
    gaz.load_world()
    ohio = [p for p in gaz.candidates("Columbus") if p.country == "US" and p.population > 500_000]
    assert ohio and ohio[0].admin1 == "Ohio"


def test_gazetteer_state_abbreviation_disambiguates_town(gaz):
    state = gaz.resolve("Ga.", US)
    assert state is not None and state.name == "Georgia" and state.country_code == "US"
    town = gaz.resolve("Gainesville", US.with_match(state))
    assert town is not None and town.admin1 == "Georgia"
    assert town.precision is Precision.TOWN


def test_gazetteer_abbreviation_alone_needs_context(gaz):
    # "Ga." is two letters once folded: without a country in the document it stays unread.
    assert gaz.resolve("Ga.", PlaceContext()) is None


@pytest.mark.parametrize("surface", ["Russian", "Russians"])
def test_gazetteer_demonym_reads_as_its_country(gaz, surface):
    match = gaz.resolve(surface, PlaceContext())
    assert match.country_code == "RU" and match.precision is Precision.COUNTRY
    assert match.score < 0.7 and "demonym" in match.note


def test_gazetteer_shared_demonym_goes_to_the_largest_country(gaz):
    assert gaz.resolve("American", PlaceContext()).country_code == "US"


@pytest.mark.parametrize(
    ("a", "b"),
    [("qodsaya", "qadsaya"), ("sfuhen", "safuhun"), ("rmelan", "rumaylan")],
)
def test_translit_key_brings_variants_close(a, b):
    from rapidfuzz import fuzz

    assert fuzz.ratio(translit_key(a), translit_key(b)) >= 75


def test_translit_key_keeps_vowel_classes():
    # Basira and Busra share a consonant skeleton; their folded keys must still differ.
    assert translit_key("basira") != translit_key("busra")
    assert translit_key("") == "" and translit_key("قدسيا") == ""


def test_gazetteer_variant_found_within_document_country(gaz):
    match = gaz.resolve("Qodsaya", PlaceContext(countries=frozenset({"SY"})))
    assert match is not None and match.country_code == "SY"
    assert _near(match, 33.54, 36.24, 15)
    assert match.score < 0.95  # a variant is less sure than an exact name


def test_gazetteer_variants_not_guessed_in_sparse_countries(gaz):
    # The US is known by its larger towns only: a missing name is no spelling variant there.
    assert "US" not in gaz.dense and {"SY", "IQ"} <= gaz.dense
    assert gaz.resolve("Sprinfeld", US) is None


def test_gazetteer_small_foreign_town_yields_in_regional_document(gaz):
    # Sedan is a French town of 20,000 and a name of Iraqi villages: a Syrian report means
    # the villages (or stays unsure), never France.
    match = gaz.resolve("Sedan", PlaceContext(countries=frozenset({"SY"})))
    assert match is None or match.country_code != "FR"
    assert gaz.resolve("Sedan", PlaceContext()).country_code == "FR"


def test_gazetteer_town_dash_part_is_the_part(gaz):
    city = gaz.resolve("Baghdad", PlaceContext())
    match = gaz.resolve("Baghdad - Mansour", PlaceContext(countries=frozenset({"IQ"})))
    assert match is not None and match.name != city.name
    assert _near(match, city.lat, city.lon, 30)


def test_gazetteer_town_dash_unknown_part_is_the_town(gaz):
    city = gaz.resolve("Baghdad", PlaceContext())
    match = gaz.resolve("Baghdad - Qwzxq", PlaceContext(countries=frozenset({"IQ"})))
    assert match is not None and match.place_id == city.place_id
