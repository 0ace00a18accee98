"""Places, round three: country and continent points, ambiguous namesakes abroad, endings the
exact key keeps apart, gh/j in spelling variants, conflict regions, and lazy world layers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchfloor.model import Precision
from watchfloor.resolve.gazetteer import Gazetteer, PlaceContext
from watchfloor.resolve.places_data import read_facilities, read_places, read_rules
from watchfloor.resolve.places_match import PlaceIndex
from watchfloor.resolve.places_names import distance_km, ending_variants, name_key, translit_key

SY = PlaceContext(countries=frozenset({"SY"}))
US = PlaceContext(countries=frozenset({"US"}))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _km(match, lat: float, lon: float) -> float:
    assert match is not None and match.lat is not None and match.lon is not None
    return distance_km(match.lat, match.lon, lat, lon)


# --- points ---------------------------------------------------------------------------------


def test_a_country_with_a_surveyed_centre_takes_it_over_the_rounded_factbook_point(gaz):
    us = gaz.lookup("United States")
    assert us is not None and us.precision is Precision.COUNTRY
    assert _km(us, 39.83, -98.58) < 5  # the centre of the contiguous states, near Lebanon KS
    assert _km(us, 38.0, -97.0) > 200  # the Factbook's point
    # every country without a curated centre keeps its packaged point
    france = gaz.lookup("France")
    assert france is not None and _km(france, 46.0, 2.0) < 1


def test_every_curated_centre_lies_among_the_countrys_own_towns(gaz):
    gaz.load_world()
    for code, (lat, lon) in gaz.rules.country_centres.items():
        towns = gaz.places_in(code)
        assert towns, code
        assert min(p.lat for p in towns) < lat < max(p.lat for p in towns), code
        assert min(p.lon for p in towns) < lon < max(p.lon for p in towns), code


def test_continents_are_at_geonames_points(gaz):
    africa = gaz.lookup("Africa")
    assert africa is not None and africa.precision is Precision.REGION
    assert _km(africa, 7.19, 21.09) < 5


# --- ambiguous namesakes --------------------------------------------------------------------


def test_an_ambiguous_town_abroad_is_its_best_reading_at_a_low_score_not_a_country(gaz):
    match = gaz.resolve("Springfield", US)
    assert match is not None and match.precision is Precision.TOWN
    assert "ambiguous: also" in match.note
    assert match.score < 0.7  # too unsure to become the context of the document's other names


def test_ambiguous_villages_of_the_dense_countries_still_fall_back(gaz):
    # Villages sharing a name across Syrian governorates: no village is guessed.
    shared = [
        places[0].name
        for places in gaz._by_key.values()
        if len(places) == 2
        and all(p.country == "SY" and p.kind == "locality" and not p.population for p in places)
        and places[0].admin1 != places[1].admin1
        and distance_km(places[0].lat, places[0].lon, places[1].lat, places[1].lon) > 100
    ][:8]
    assert shared
    for name in shared:
        match = gaz.resolve(name, SY)
        assert match is None or "best-ranked" not in match.note, name


def test_small_towns_are_consulted_when_the_namesakes_lie_far_from_the_story(gaz):
    # An Ohio story (points in Holmes County): "Berlin" is the village there, not the capital.
    ctx = PlaceContext(
        countries=frozenset({"US"}),
        admin1s=frozenset({("US", "Ohio")}),
        points=((40.55, -81.92), (40.66, -81.84)),
    )
    match = gaz.resolve("Berlin", ctx)
    assert match is not None and match.country_code == "US"
    assert _km(match, 40.56, -81.79) < 50


# --- endings the exact key keeps apart ------------------------------------------------------


_STEMS = st.sampled_from(["Hasak", "Raqq", "Malik", "Qahtan", "Shaddad"])


@settings(max_examples=50, deadline=None)
@given(_STEMS, st.sampled_from(["ah", "eh", "a"]), st.sampled_from(["ah", "eh", "a"]))
def test_eh_and_ah_endings_reach_each_other(stem, one, other):
    first, second = name_key(stem + one), name_key(stem + other)
    assert first == second or second in ending_variants(first) or first == name_key(stem + "a")


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["iyah", "iyeh", "eyyeh", "iyya", "iyyeh", "eya"]))
def test_nisba_endings_reach_the_iya_form(ending):
    key = name_key("Malik" + ending)
    assert key == "malikiya" or "malikiya" in ending_variants(key)


def test_an_eh_spelling_finds_the_place_the_data_spell_with_ah(gaz):
    for spelling in ("Hasakeh", "Malikeyyeh", "Qahtaniyeh", "Shaddadeh"):
        match = gaz.resolve(spelling, SY)
        assert match is not None and match.country_code == "SY", spelling
        assert match.admin1 == "Al-Hasakah", spelling


def test_the_exact_key_still_wins_over_an_ending_variant(gaz):
    # "Raqqa" has exact entries: the -e form is never tried for it.
    assert gaz.candidates("Raqqa") == list(gaz._by_key[name_key("Raqqa")])


# --- gh is not j -----------------------------------------------------------------------------


def test_gh_and_j_stay_apart_in_the_spelling_variant_key():
    assert translit_key(name_key("Ghouta")) != translit_key(name_key("Jawta"))
    assert translit_key(name_key("Jisr")) == translit_key(name_key("Gisr"))


def test_eastern_ghouta_is_the_area_by_damascus_not_jawta_in_aleppo(gaz):
    for name in ("Eastern Ghouta", "East Ghouta", "Ghouta", "eastern Ghouta countryside"):
        match = gaz.resolve(name, SY)
        assert match is not None and match.admin1 == "Rif Dimashq", name
        assert _km(match, 33.55, 36.4) < 40, name


def test_conflict_regions_are_areas(gaz):
    qalamoun = gaz.resolve("Qalamoun", SY)
    assert qalamoun is not None and qalamoun.country_code == "SY"
    assert qalamoun.precision is Precision.DISTRICT
    darfur = gaz.lookup("Darfur")
    assert darfur is not None and darfur.country_code == "SD"
    assert darfur.precision is Precision.REGION


# --- lazy world layers ----------------------------------------------------------------------


def test_knows_a_regional_name_without_loading_the_world():
    rules = read_rules()
    places = [
        *read_facilities(rules.articles),
        *read_places("gazetteer_places.tsv.gz"),
        *read_places("gazetteer_countries.tsv.gz"),
    ]
    fresh = Gazetteer(places, rules, "test")
    assert fresh.knows("Raqqa") and fresh.knows("Syria")
    assert not fresh._has_world and fresh._towns is None
    assert fresh.knows("Pelican Rapids")  # a small Minnesota town: now the layers load
    assert fresh._has_world


def test_the_gazetteer_is_what_its_helpers_expect():
    index: PlaceIndex = Gazetteer.load()  # mypy checks the protocol; this checks at run time
    assert index.resolve("Raqqa", SY) is not None


# --- one capital per country ----------------------------------------------------------------


def test_a_country_has_one_capital_not_every_namesake_of_it(gaz):
    gaz.load_world()
    capitals: dict[str, list[str]] = {}
    for place in gaz.places.values():
        if place.feature == "PPLC" and place.country:
            capitals.setdefault(place.country, []).append(place.name)
    assert capitals["US"] == ["Washington"]
    assert all(len(names) == 1 for names in capitals.values())
    washington = gaz.resolve("Washington", US)
    assert washington is not None and washington.admin1 == "Washington, D.C."
