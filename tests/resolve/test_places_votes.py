"""Namesakes read by the document: the area all of a story's names agree on (places_votes),
the small towns it brings in, national capitals and first-level areas, and real LGL stories."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.model import Precision
from watchfloor.resolve.gazetteer import Gazetteer, PlaceContext
from watchfloor.resolve.places_data import Place
from watchfloor.resolve.places_names import distance_km, name_key
from watchfloor.resolve.places_votes import DocumentAreas, document_areas

US = PlaceContext(countries=frozenset({"US"}))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    world = Gazetteer.load()
    world.load_world()
    return world


def _near(match, lat: float, lon: float, km: float) -> bool:
    return match is not None and distance_km(match.lat, match.lon, lat, lon) <= km


# --- the vote, on a toy index -----------------------------------------------------------------


def _town(ident: str, name: str, admin1: str, population: int, lat: float = 0.0) -> Place:
    return Place(
        ident, name, "city", lat, 0.0, "US", admin1, None, "PPL", population, Precision.TOWN,
        (name,), (name_key(name),),
    )  # fmt: skip


class _Toy:
    """An index of a few made-up towns: Alpha only in Ohio, Beta in Ohio and Iowa, Gamma in
    Iowa, Kansas and Texas."""

    dense: frozenset[str] = frozenset()

    def __init__(self) -> None:
        towns = [
            _town("a1", "Alpha", "Ohio", 20_000, 40.0),
            _town("b1", "Beta", "Ohio", 5_000, 40.1),
            _town("b2", "Beta", "Iowa", 5_000, 42.0),
            _town("c1", "Gamma", "Iowa", 9_000, 42.1),
            _town("c2", "Gamma", "Kansas", 9_000, 38.0),
            _town("c3", "Gamma", "Texas", 9_000, 31.0),
        ]
        self.towns: dict[str, list[Place]] = {}
        for town in towns:
            self.towns.setdefault(name_key(town.name), []).append(town)

    def key(self, name: str) -> str:
        return name_key(name)

    def candidates(self, name: str) -> list[Place]:
        return list(self.towns.get(name_key(name), []))

    def small_towns(self, *names: str) -> list[Place]:
        return []


def _areas(*names: str) -> DocumentAreas:
    return document_areas(_Toy(), [(n, n) for n in names])


def test_the_other_names_agree_on_an_area():
    areas = _areas("Alpha", "Beta", "Beta")  # a name votes once however often it is named
    assert areas.area_for("beta") == (("US", "Ohio"), 1.0)


def test_a_name_never_supports_itself():
    # Alpha alone: its own vote does not make Ohio the story's area.
    assert _areas("Alpha").area_for("alpha") is None
    assert _areas("Alpha", "Beta").area_for("alpha") is None  # Beta is split Ohio/Iowa


def test_no_area_without_a_clear_lead():
    # Beta votes half Ohio, half Iowa; Gamma a third Iowa: nothing reaches a whole vote.
    assert _areas("Beta", "Gamma", "Alpha").area_for("alpha") is None


def test_narrowing_names_the_area_and_drops_a_disagreeing_neighbour():
    areas = _areas("Alpha", "Beta", "Gamma")
    ctx = PlaceContext(
        countries=frozenset({"US"}),
        admin1s=frozenset({("US", "Texas")}),
        points=((31.0, 0.0), (40.05, 0.0)),  # one misread neighbour in Texas, one in Ohio
    )
    narrowed = areas.narrow("gamma", ctx)
    assert narrowed.admin1s == frozenset({("US", "Ohio")})
    assert narrowed.points == ((40.05, 0.0),)
    assert areas.narrow("zeta", PlaceContext()).admin1s == frozenset({("US", "Ohio")})


# --- the gazetteer in a document's context ----------------------------------------------------


def _in(state: str) -> PlaceContext:
    return PlaceContext(countries=frozenset({"US"}), admin1s=frozenset({("US", state)}))


def test_a_small_town_of_the_story_area_beats_a_larger_namesake_elsewhere(gaz):
    # Mansfield, Louisiana (5,000 people) against Mansfield, Texas (64,000).
    match = gaz.resolve("Mansfield", _in("Louisiana"))
    assert _near(match, 32.04, -93.70, 25)
    assert "Louisiana" in match.note


def test_a_country_yields_to_the_town_of_a_one_country_story_area(gaz):
    for name, state, lat, lon in (
        ("Jordan", "Minnesota", 44.67, -93.63),
        ("Lebanon", "Indiana", 40.05, -86.47),
        ("Palestine", "Texas", 31.76, -95.63),
    ):
        match = gaz.resolve(name, _in(state))
        assert _near(match, lat, lon, 25), name
        assert "beats a country" in match.note
    # ... but not in a story that names another country too.
    abroad = PlaceContext(
        countries=frozenset({"US", "FR"}), admin1s=frozenset({("US", "Minnesota")})
    )
    match = gaz.resolve("Jordan", abroad)
    assert match is not None and match.country_code == "JO"


def test_a_state_name_is_not_a_small_town_named_after_it(gaz):
    for name in ("Kansas", "California", "Nevada"):
        match = gaz.resolve(name, _in("Illinois"))
        assert match is not None and match.precision is Precision.GOVERNORATE, name


def test_first_level_areas_and_national_capitals_outrank_namesake_cities(gaz):
    ontario = gaz.resolve("Ontario")
    assert ontario is not None and ontario.country_code == "CA"
    washington = gaz.resolve("Washington", _in("Oklahoma"))
    assert _near(washington, 38.90, -77.04, 25)
    assert "national capital" in washington.note


def test_a_regional_story_keeps_its_governorate_reading(gaz):
    # The first-level prior stays out of stories about the densely covered countries.
    match = gaz.resolve("Saida", PlaceContext(countries=frozenset({"SY"})))
    assert match is not None and match.country_code == "SY"


# --- real local news (LGL, development half) ----------------------------------------------------

_LGL = Path(__file__).resolve().parents[3] / "shared" / "data" / "geoparsing_gritta" / "lgl.xml"


@pytest.mark.skipif(not _LGL.exists(), reason="LGL development data (../shared/data) is absent")
def test_a_louisiana_story_keeps_mansfield_in_louisiana():
    import xml.etree.ElementTree as ET

    from watchfloor.extract.geoparse import geoparse_texts

    article = next(
        a
        for a in ET.parse(_LGL).getroot()
        if "Mansfield" in (a.findtext("text") or "") and "Shreveport" in (a.findtext("text") or "")
    )
    (record,) = geoparse_texts([("lgl", article.findtext("text") or "")])
    mansfields = [t for t in record["toponyms"] if t["text"] == "Mansfield" and t["lat"]]
    assert mansfields
    for toponym in mansfields:
        assert toponym["admin1"] == "Louisiana", toponym


def test_names_one_key_apart_keep_their_own_entries_and_spelling_decides(gaz):
    # "Cooke" and "Coke" share a matching key (doubled letters fold); both Texas counties are
    # in the data under their own ids, and the one spelled as written wins.
    cooke = gaz.resolve("Cooke County", PlaceContext(countries=frozenset({"US"})))
    assert _near(cooke, 33.62, -97.18, 30)
    assert "spelled as written" in cooke.note
    coke = gaz.resolve("Coke County", PlaceContext(countries=frozenset({"US"})))
    assert _near(coke, 31.89, -100.48, 30)
