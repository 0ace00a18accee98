"""Places from village to world: spelling variants, cue words, small towns, story focus,
toponyms inside names, reasons, the small-town index and the data digest."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchfloor.model import Precision
from watchfloor.resolve.data_digest import data_files, digest_of
from watchfloor.resolve.gazetteer import Gazetteer, PlaceContext
from watchfloor.resolve.places_names import distance_km, name_key
from watchfloor.resolve.places_towns import TownIndex

SY = PlaceContext(countries=frozenset({"SY"}))
US = PlaceContext(countries=frozenset({"US"}))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _near(match, lat: float, lon: float, km: float) -> bool:
    return match is not None and distance_km(match.lat, match.lon, lat, lon) <= km


# --- the exact key: every variant it claims to absorb maps to the same key and place ---------

_ARTICLES = ["al-", "al ", "el-", "Al ", "AL-", ""]
_APOSTROPHES = ["", "'", "ʿ", "ʾ", "`", "’"]


def _variants(stem: str) -> st.SearchStrategy[str]:
    """Spellings of one name that differ only in what name_key folds: article, case,
    apostrophes, a doubled consonant, a final -ah/-a and hyphen or space."""
    return st.builds(
        lambda art, apo, double, end, upper: (
            (art + stem.replace("#", apo).replace("@", "ss" if double else "s") + end).upper()
            if upper
            else art + stem.replace("#", apo).replace("@", "ss" if double else "s") + end
        ),
        st.sampled_from(_ARTICLES),
        st.sampled_from(_APOSTROPHES),
        st.booleans(),
        st.sampled_from(["ah", "a"]),
        st.booleans(),
    )


@settings(max_examples=60, deadline=None)
@given(_variants("Ha@ak"), _variants("Ha@ak"))
def test_key_absorbs_articles_apostrophes_doubles_and_endings(one, other):
    assert name_key(one) == name_key(other)


@settings(max_examples=40, deadline=None)
@given(_variants("Ha@ak"))
def test_every_absorbed_variant_resolves_to_the_same_place(gaz, spelling):
    reference = gaz.resolve("Hasakah", SY)
    match = gaz.resolve(spelling, SY)
    assert match is not None and reference is not None
    assert match.place_id == reference.place_id


def test_arabic_script_names_are_indexed(gaz):
    match = gaz.resolve("الحسكة", SY)
    assert _near(match, 36.5, 40.75, 40)


# --- cue words narrow candidates to the admin area the text names ----------------------------


def test_cue_inside_admin_area_beats_a_larger_namesake_elsewhere(gaz):
    raqqa = gaz.resolve("Raqqa", SY, hint="admin1")
    assert raqqa is not None and raqqa.admin1
    ctx = PlaceContext(
        countries=frozenset({"SY"}),
        admin1s=frozenset({("SY", raqqa.admin1)}),
        within=("SY", raqqa.admin1),
    )
    match = gaz.resolve("Saida town", ctx)
    assert match is not None and match.country_code == "SY"
    assert match.admin1 == raqqa.admin1
    assert "inside" in match.note


def test_story_focus_keeps_a_syrian_name_in_syria(gaz):
    gaz.load_world()  # with the world's Saïda (Algeria) and its province among the candidates
    match = gaz.resolve("Saida", SY)
    assert match is not None and match.country_code == "SY"


# --- the world: small towns, US states, document context -----------------------------------


def test_small_us_towns_are_in_the_world_layer(gaz):
    for name, lat, lon in (
        ("Mahnomen", 47.32, -95.97),
        ("Perham", 46.59, -95.57),
        ("Pelican Rapids", 46.57, -96.08),
        ("Cottonport", 30.98, -92.05),
    ):
        assert _near(gaz.resolve(name, US), lat, lon, 25), name


def test_document_context_picks_the_namesake_in_the_named_state(gaz):
    ctx = PlaceContext(countries=frozenset({"US"}), admin1s=frozenset({("US", "Louisiana")}))
    alexandria = gaz.resolve("Alexandria", ctx)
    assert _near(alexandria, 31.31, -92.45, 25)
    assert "beat" in alexandria.note
    pineville = gaz.resolve("Pineville", ctx)
    assert _near(pineville, 31.32, -92.43, 25)


def test_georgia_is_the_state_in_a_us_story_and_the_country_otherwise(gaz):
    state = gaz.resolve("Georgia", US)
    assert state is not None and state.country_code == "US"
    assert state.precision is Precision.GOVERNORATE
    country = gaz.resolve("Georgia", PlaceContext(countries=frozenset({"RU"})))
    assert country is not None and country.country_code == "GE"


def test_public_lookup_by_name_and_country(gaz):
    assert _near(gaz.lookup("al-Hol camp"), 36.38, 41.15, 5)
    paris = gaz.lookup("Paris", "fr")
    assert paris is not None and paris.country_code == "FR"


def test_demonym_is_its_country(gaz):
    match = gaz.demonym_of("Russians")
    assert match is not None and match.country_code == "RU"
    assert gaz.demonym_of("Tuesday") is None


# --- the compact town index -------------------------------------------------------------------


def _index(tmp_path: Path, towns: list[str], keys: list[str]) -> TownIndex:
    blob = "\n".join(["#key_version=1", *towns, "#keys", *keys]) + "\n"
    path = tmp_path / "towns.tsv.gz"
    path.write_bytes(gzip.compress(blob.encode()))
    return TownIndex(gzip.decompress(path.read_bytes()))


def test_town_index_finds_every_town_of_a_key_and_nothing_else(tmp_path):
    index = _index(
        tmp_path,
        ["gn1\tAlpha\t1.0\t2.0\tUS\tOhio\t900", "gn2\tAlfa\t3.0\t4.0\tUS\tIowa\t600"],
        ["alfa\t1", "alpha\t0", "alpha\t1"],
    )
    assert len(index) == 2
    assert [p.id for p in index.lookup("alpha")] == ["gn1", "gn2"]
    assert [p.name for p in index.lookup("alfa")] == ["Alfa"]
    assert index.lookup("alp") == [] and index.lookup("zulu") == [] and index.lookup("") == []


# --- the digest stamped on readings ------------------------------------------------------------


def test_editing_any_data_file_changes_the_digest(tmp_path):
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "hedges.txt").write_text("reportedly\n")
    (tmp_path / "place_rules.yaml").write_text("version: 1\n")
    before = digest_of(data_files(tmp_path))
    (tmp_path / "lexicons" / "hedges.txt").write_text("reportedly\nallegedly\n")
    assert digest_of(data_files(tmp_path)) != before
    assert [name for name, _ in data_files(tmp_path)] == ["lexicons/hedges.txt", "place_rules.yaml"]


def test_resources_version_carries_the_data_digest():
    from watchfloor.extract.resources import load_resources
    from watchfloor.resolve.data_digest import data_digest

    assert load_resources().version.endswith(data_digest())
