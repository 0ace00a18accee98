"""Gazetteer lookups: facilities, spelling variants, fallbacks, context and descriptions."""

from __future__ import annotations

import pytest

from watchfloor.model import Precision
from watchfloor.resolve.gazetteer import Gazetteer, PlaceContext
from watchfloor.resolve.places_names import distance_km, name_key, skeleton_key


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _near(match, lat: float, lon: float, km: float) -> bool:
    return match is not None and distance_km(match.lat, match.lon, lat, lon) <= km


def test_gazetteer_al_hol_is_the_camp(gaz):
    match = gaz.resolve("al-Hol", PlaceContext())
    assert match.precision is Precision.FACILITY
    assert match.feature == "camp"
    assert _near(match, 36.38, 41.15, 5)


def test_gazetteer_al_shaddadi_town_and_prison(gaz):
    town = gaz.resolve("al-Shaddadi", PlaceContext())
    prison = gaz.resolve("al-Shaddadi prison", PlaceContext())
    assert town.precision is Precision.TOWN and _near(town, 36.056, 40.731, 10)
    assert prison.precision is Precision.FACILITY and prison.feature == "prison"


def test_gazetteer_type_word_as_hint_prefers_facility(gaz):
    assert gaz.resolve("Tabqa", PlaceContext()).precision is Precision.TOWN
    assert gaz.resolve("Tabqa", PlaceContext(), hint="airbase").feature == "airbase"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Qamishlo", "Qamishli"),
        ("Deir al-Zour", "Deir ez-Zor"),
        ("Dayr az-Zawr", "Deir ez-Zor"),
        ("Kobani", "Ayn al-Arab"),
        ("Hasaka", "al-Hasakah"),
        ("al-Hasakeh", "Hasakah"),
        ("ar-Raqqah", "Raqqa"),
    ],
)
def test_gazetteer_spelling_variants_resolve_alike(gaz, a, b):
    first, second = gaz.resolve(a, PlaceContext()), gaz.resolve(b, PlaceContext())
    assert first is not None and second is not None
    assert first.place_id == second.place_id


def test_gazetteer_unknown_village_is_none(gaz):
    assert gaz.resolve("Qaryat Zzyzx al-Mukhtalaqa", PlaceContext()) is None


def test_gazetteer_ambiguous_name_falls_back_to_shared_governorate(gaz):
    # Find a name shared by distant villages of one governorate and check the fallback.
    for places in gaz._by_key.values():
        villages = [p for p in places if p.kind == "locality" and p.population == 0]
        if len(villages) != len(places) or len(villages) < 3:
            continue
        if len({(p.country, p.admin1) for p in villages}) != 1 or not villages[0].admin1:
            continue
        if max(distance_km(villages[0].lat, villages[0].lon, p.lat, p.lon) for p in villages) < 80:
            continue
        match = gaz.resolve(villages[0].name, PlaceContext())
        if match is None:
            continue
        assert match.precision is Precision.GOVERNORATE
        assert match.admin1 == villages[0].admin1
        assert match.score < 0.6
        return
    pytest.fail("no ambiguous village name found in the gazetteer")


def test_gazetteer_context_disambiguates_same_name(gaz):
    # "Sinjar" is a district town in Iraq and a village seat in Idlib, Syria.
    plain = gaz.resolve("Sinjar", PlaceContext())
    idlib = gaz.resolve(
        "Sinjar",
        PlaceContext(
            countries=frozenset({"SY"}),
            admin1s=frozenset({("SY", "Idlib")}),
            points=((35.64, 36.67),),
        ),  # Maarat al-Numan
    )
    assert plain.country_code == "IQ"
    assert idlib.country_code == "SY" and idlib.admin1 == "Idlib"


def test_gazetteer_stop_listed_name_needs_context(gaz):
    assert gaz.resolve("Hit", PlaceContext()) is None
    hit = gaz.resolve("Hit", PlaceContext(countries=frozenset({"IQ"})))
    assert hit is not None and hit.country_code == "IQ" and hit.admin1 == "Anbar"


def test_gazetteer_countries_and_world_cities(gaz):
    assert gaz.resolve("Iraq", PlaceContext()).precision is Precision.COUNTRY
    assert gaz.resolve("US", PlaceContext()).country_code == "US"
    assert _near(gaz.resolve("Paris", PlaceContext()), 48.85, 2.35, 20)


def test_gazetteer_skeleton_needs_document_country(gaz):
    assert gaz.candidates("Qamishlee") == []
    assert gaz.resolve("Qamishlee", PlaceContext()) is None
    match = gaz.resolve("Qamishlee", PlaceContext(countries=frozenset({"SY"})))
    assert _near(match, 37.05, 41.23, 25)


def test_gazetteer_descriptive_locations(gaz):
    road = gaz.resolve("the road between Raqqa and Tabqa", PlaceContext())
    assert road.precision is Precision.DISTRICT and "midpoint" in road.note
    border = gaz.resolve("the Syria–Iraq border", PlaceContext())
    assert border.precision is Precision.REGION and border.country_code is None
    east = gaz.resolve("eastern Deir ez-Zor countryside", PlaceContext())
    gov = gaz.resolve("Deir ez-Zor governorate", PlaceContext())
    assert east.precision is Precision.DISTRICT and east.lon > gov.lon


def test_gazetteer_scores_in_unit_interval(gaz):
    for name in ("Mosul", "al-Hol", "Tripoli", "northern Syria", "Anbar", "Rumaylan"):
        match = gaz.resolve(name, PlaceContext())
        assert match is None or 0.0 <= match.score <= 1.0


def test_gazetteer_ruler_patterns_are_few_and_skip_words(gaz):
    patterns = gaz.ruler_patterns()
    assert 1000 < len(patterns) < 20000
    surfaces = {p["pattern"].lower() for p in patterns}
    assert {"hit", "ana", "tal", "us"}.isdisjoint(surfaces)
    assert {"al-hol", "syria", "iraq", "raqqa"} <= surfaces
    assert {p["label"] for p in patterns} <= {"GPE", "LOC", "FAC"}
    assert all(gaz.get(p["id"]) is not None for p in patterns[:500])


def test_gazetteer_get_and_version(gaz):
    assert gaz.get("fac-al-hol-camp").country == "SY"
    assert gaz.get("nope") is None
    assert gaz.version.startswith("places-")
    assert Gazetteer.load() is gaz


def test_name_key_folds_articles_doubles_and_endings():
    assert name_key("al-Hasakah") == name_key("Hasaka") == name_key("Al Ḩasakah")
    assert name_key("Raqqa") == name_key("ar-Raqqah")
    assert skeleton_key(name_key("Deir ez-Zor")) == skeleton_key(name_key("Dayr az-Zawr"))
