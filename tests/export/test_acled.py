"""ACLED-style CSV export: columns, vocabularies, the conservative fatalities rule."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest

import incident_factory as F
from watchfloor.export.acled import ACLED_COLUMNS, PROVENANCE_COLUMNS, inter_code, write_acled
from watchfloor.export.facts import ActorFacts
from watchfloor.model import Qualifier, SourceKind, StatementKind
from watchfloor.model.incidents import IncidentActor

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


actor, chain, claim, make_incident, place, seed_claims = (
    F.actor,
    F.chain,
    F.claim,
    F.make_incident,
    F.place,
    F.seed_claims,
)


def _rows(*incidents, **kwargs) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    write_acled(incidents, out, **kwargs)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_acled_columns_match_real_acled_header() -> None:
    path = SHARED_DATA / "acled_syria_iraq_2022" / "acled_syria_iraq_2022.csv"
    if not path.exists():
        pytest.skip("../shared/data/acled_syria_iraq_2022 is not present")
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert tuple(header) == ACLED_COLUMNS


def test_acled_row_has_acled_then_provenance_columns() -> None:
    out = io.StringIO(newline="")
    write_acled([make_incident()], out)
    header = next(csv.reader(io.StringIO(out.getvalue())))
    assert header == [*ACLED_COLUMNS, *PROVENANCE_COLUMNS]


def test_acled_row_uses_acled_vocabularies() -> None:
    (row,) = _rows(make_incident())
    assert row["event_type"] == "Strategic developments"
    assert row["disorder_type"] == "Strategic developments"
    assert row["country"] == "Syria" and row["iso"] == "760" and row["region"] == "Middle East"
    assert row["event_id_cnty"].startswith("SYR")
    assert row["event_date"] == "2026-01-20" and row["year"] == "2026"
    assert row["time_precision"] == "1" and row["geo_precision"] == "1"
    assert (row["latitude"], row["longitude"]) == ("36.06", "40.73")
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"]) == ("ISIS", "2", "SDF", "2")
    assert row["interaction"] == "22"
    assert row["source"] == "Rudaw; Al Jazeera; Strategic Council Online"


def test_acled_fatalities_is_lowest_credible_low_bound() -> None:
    # Rudaw (via SDF) says 12, Al Jazeera "at least 20", an opinion piece "two": the opinion is
    # not credible, so the lowest credible figure is 12.
    (row,) = _rows(make_incident())
    assert row["fatalities"] == "12"
    assert row["watchfloor_fatalities_low"] == "2"
    assert row["watchfloor_fatalities_high"] == ""  # "at least 20" has no upper bound


def test_acled_fatalities_vague_range_gives_its_low_bound() -> None:
    dozens = claim(
        1,
        "Rudaw",
        chain(("Rudaw", SourceKind.OUTLET)),
        kind=StatementKind.REPORTED_FACT,
        figures=(("killed", 24, 99, Qualifier.VAGUE, "dozens"),),
    )
    (row,) = _rows(make_incident([dozens]))
    assert row["fatalities"] == "24"


def test_acled_fatalities_zero_without_a_death_figure() -> None:
    only_escape = make_incident([replace(seed_claims()[0], figures=seed_claims()[0].figures[:1])])
    (row,) = _rows(only_escape)
    assert row["fatalities"] == "0" and row["watchfloor_fatalities_low"] == ""


def test_acled_provenance_columns_list_documents_urls_origins() -> None:
    urls = {"doc-0001": "https://rudaw.example/a", "doc-0002": None}
    (row,) = _rows(make_incident(), url_of=urls.get)
    assert row["watchfloor_document_ids"] == "doc-0001|doc-0002|doc-0003"
    assert row["watchfloor_urls"] == "https://rudaw.example/a"
    assert row["watchfloor_origins"] == "SDF|Al Jazeera"
    assert row["watchfloor_incident_id"].startswith("inc-")


@pytest.mark.parametrize(
    ("facts", "country", "expected"),
    [
        (ActorFacts("iraq", "Iraq", "state", "IQ"), "IQ", 1),
        (ActorFacts("turkey", "Turkey", "government_forces", "TR"), "IQ", 8),
        (ActorFacts("isis", "ISIS", "armed_group", None), "SY", 2),
        (ActorFacts("pmf", "PMF", "militia", "IQ"), "IQ", 3),
        (ActorFacts("civilians", "civilians", None, None), "SY", 7),
        (ActorFacts("x", "gunmen", None, None), "SY", 0),
        (None, "SY", 0),
    ],
)
def test_inter_code_maps_actor_types(facts, country, expected) -> None:
    assert inter_code(facts, country) == expected


def test_acled_row_without_place_leaves_geography_blank() -> None:
    lost = [replace(c, place=None) for c in seed_claims()]
    incident = replace(make_incident(lost), place=None, places=())
    (row,) = _rows(incident)
    assert row["latitude"] == "" and row["country"] == "" and row["event_id_cnty"][:3] == "ZZZ"


def test_acled_foreign_state_target_is_external() -> None:
    strike = claim(
        1,
        "Rudaw",
        chain(("Rudaw", SourceKind.OUTLET)),
        kind=StatementKind.REPORTED_FACT,
        event_type="airstrike",
        where=place("Guheriz", 37.07, 43.61, "IQ", "Duhok"),
    )
    strike = replace(strike, actor1=actor("turkey", "Turkey", "state", "TR"), actor2=None)
    incident = make_incident([strike], event_type="airstrike")
    incident = replace(incident, actors=(IncidentActor("turkey", "Turkey", "actor1", 1),))
    (row,) = _rows(incident)
    assert row["event_type"] == "Explosions/Remote violence"
    assert (row["inter1"], row["interaction"]) == ("8", "80")
