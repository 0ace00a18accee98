"""Villages named in a coordination before a plural cue ("between A and B villages") and
villages whose Arabic name carries its qualifier after the name ("Western Maliha" is Mulayhah
al Gharbiyah, "Upper Shyookh" is Shuyukh Fawqani) (issue 13)."""

from __future__ import annotations

import pytest

from watchfloor.extract.geoparse import geoparse_texts

pytestmark = pytest.mark.issue(13)


def _toponyms(text: str) -> list[dict]:
    (record,) = geoparse_texts([("t.txt", text)])
    return record["toponyms"]


def _by_text(tops: list[dict], surface: str) -> dict:
    found = [t for t in tops if surface in t["text"]]
    assert found, f"{surface!r} not among {[t['text'] for t in tops]}"
    return found[0]


def test_a_plural_cue_names_both_villages_of_a_coordination():
    tops = _toponyms(
        "Artillery shells fell between Dabiq and Sandaf villages in Aleppo governorate."
    )
    dabiq = _by_text(tops, "Dabiq")
    assert dabiq["precision"] == "town" and dabiq["admin1"] == "Aleppo"
    assert "Sandaf" in [t["text"] for t in tops]  # recognised, even where the data lack it
    # a singular cue word names only the name right before it
    single = _toponyms("Forces entered Dabiq and Sandaf village on Monday.")
    assert "Dabiq" not in [t["text"] for t in single]


def test_an_english_qualifier_before_a_village_is_the_arabic_one_after_it():
    tops = _toponyms(
        "Gunmen killed two men in Western Maliha town in Dara countryside. "
        "Turkish artillery shelled Upper Shyookh village, Aleppo."
    )
    maliha = _by_text(tops, "Western Maliha")
    assert maliha["precision"] == "town" and maliha["admin1"] == "Daraa"
    assert "Gharbiyah" in maliha["note"]
    shyookh = _by_text(tops, "Upper Shyookh")
    assert shyookh["precision"] == "town" and shyookh["admin1"] == "Aleppo"
    assert "Fawqani" in shyookh["note"]


def test_a_compass_word_before_a_governorate_or_country_stays_a_part_of_it():
    tops = _toponyms("Fighting went on in eastern Deir ez-Zor and in northern Syria.")
    east = _by_text(tops, "eastern Deir ez-Zor")
    assert east["precision"] == "district" and "part of" in east["note"]
    north = _by_text(tops, "northern Syria")
    assert "qualified" not in north["note"]


def test_real_acled_qualified_locations_resolve_near_acleds_point():
    """Development rows whose ACLED location carries an English qualifier ("Upper X",
    "Western X"): when the resolver reads it as a village, the village is ACLED's."""
    import csv

    from helpers.data import shared_path
    from watchfloor.resolve.gazetteer import Gazetteer, PlaceContext
    from watchfloor.resolve.places_names import distance_km

    path = shared_path("data", "acled_syria_iraq_2022", "acled_syria_iraq_2022.csv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    gaz = Gazetteer.load()
    qualifiers = ("western ", "eastern ", "northern ", "southern ", "upper ", "lower ")
    read = near = 0
    for row in rows:
        if not row["location"].lower().startswith(qualifiers):
            continue
        ctx = PlaceContext(countries=frozenset({"IQ" if row["iso"] == "368" else "SY"}))
        match = gaz.resolve(row["location"], ctx, hint="town")
        if match is None or match.precision.value != "town":
            continue
        if match.lat is None or match.lon is None:
            continue
        read += 1
        km = distance_km(match.lat, match.lon, float(row["latitude"]), float(row["longitude"]))
        near += km <= 25
    assert read >= 1
    assert near == read
