"""Place recognition from cue words, toponyms inside names and demonyms, through the same
resolver geoparse and the events use; plus real ACLED rows when the development data exist."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from watchfloor.extract.geoparse import geoparse_texts
from watchfloor.resolve.places_names import distance_km

ACLED = Path(__file__).resolve().parents[3] / "shared" / "data" / "acled_syria_iraq_2022"


def _toponyms(text: str) -> list[dict]:
    (record,) = geoparse_texts([("t.txt", text)])
    return record["toponyms"]


def _by_text(tops: list[dict], surface: str) -> dict:
    found = [t for t in tops if surface in t["text"]]
    assert found, f"{surface!r} not among {[t['text'] for t in tops]}"
    return found[0]


@pytest.fixture(scope="module")
def village_text() -> list[dict]:
    return _toponyms(
        "Regime forces shelled Fleifel town in Idleb countryside. Militants attacked Nafeaa "
        "town in Dara governorate. Gunmen killed a man in Nawa city, Dara."
    )


def test_cue_word_recognises_villages_the_ner_misses(village_text):
    fleifel = _by_text(village_text, "Fleifel")
    assert fleifel["country_code"] == "SY" and fleifel["admin1"] == "Idlib"
    assert fleifel["precision"] == "town"
    assert "inside Idlib" in fleifel["note"]


def test_admin_area_after_the_name_narrows_the_reading(village_text):
    nafeaa = _by_text(village_text, "Nafeaa")
    assert nafeaa["admin1"] == "Daraa"
    nawa = _by_text(village_text, "Nawa")
    assert nawa["admin1"] == "Daraa" and nawa["country_code"] == "SY"


def test_governorate_named_alone_takes_its_capital_point_and_keeps_its_precision():
    gov = _by_text(_toponyms("A bomb exploded on a highway in Muthanna province."), "Muthanna")
    assert gov["precision"] == "governorate"
    assert distance_km(gov["lat"], gov["lon"], 31.31, 45.28) < 15  # as-Samawah
    assert "capital" in gov["note"]


def test_toponym_inside_a_facility_name_is_the_place():
    tops = _toponyms("Officers met at the Cottonport Fire Station in Avoyelles Parish, Louisiana.")
    town = _by_text(tops, "Cottonport")
    assert town["text"] == "Cottonport"
    assert distance_km(town["lat"], town["lon"], 30.98, -92.05) < 10
    assert "inside a name" in town["note"]


def test_acronym_is_no_town():
    tops = _toponyms("JWS fighters shelled positions in Aleppo countryside.")
    assert all(t["text"] != "JWS" or t["lat"] is None for t in tops)


def test_demonym_is_reported_by_geoparse_as_its_country():
    tops = _toponyms("Russian troops crossed into Georgia from South Ossetia.")
    russian = _by_text(tops, "Russian")
    assert russian["country_code"] == "RU" and russian["precision"] == "country"


def test_names_that_are_not_places_here():
    tops = _toponyms("Witnesses said sarin was used. The Syrian army denied it.")
    assert not any(t["text"].lower() == "sarin" and t["lat"] is not None for t in tops)


@pytest.mark.skipif(not ACLED.is_dir(), reason="development data ../shared/data absent")
def test_acled_rows_with_a_cue_word_resolve_near_the_gold_point():
    """Real ACLED notes that name their village with a cue word ("X village in Y"): the
    cue-word reading must land within 25 km of ACLED's point for most of them."""
    path = next(ACLED.glob("*.csv"))
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("geo_precision") == "1"]
    texts, golds = [], []
    for row in rows:
        location = row["location"].split(" - ")[0]
        for cue in (" town in ", " village in "):
            if f"{location}{cue}" in row["notes"]:
                texts.append((row["event_id_cnty"], row["notes"]))
                golds.append((location, float(row["latitude"]), float(row["longitude"])))
                break
    if len(texts) < 5:
        pytest.skip("too few ACLED rows with a cue word")
    hits = 0
    for record, (name, lat, lon) in zip(geoparse_texts(texts), golds, strict=True):
        near = [
            t
            for t in record["toponyms"]
            if name in t["text"]
            and t["lat"] is not None
            and distance_km(t["lat"], t["lon"], lat, lon) < 25
        ]
        hits += bool(near)
    assert hits / len(texts) >= 0.6


def test_dateline_modifier_and_county_list_name_places():
    tops = _toponyms(
        "MANSFIELD — The council met. An Alexandria man was hurt. The roadway is affecting "
        "Becker, Clay, Mahnomen and Otter Tail counties in Minnesota."
    )
    texts = [t["text"] for t in tops]
    assert "MANSFIELD" in texts and "Alexandria" in texts
    for county in ("Becker", "Clay", "Mahnomen", "Otter Tail"):
        top = _by_text(tops, county)
        assert top["country_code"] == "US" and top["precision"] == "district"
        assert top["admin1"] == "Minnesota"
