"""`watchfloor export facilities|indicators` as CSV and as a STIX 2.1 bundle."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from helpers.facilities import store_camp_and_fighters
from watchfloor.cli.export import export
from watchfloor.export.facilities import FACILITY_COLUMNS, INDICATOR_COLUMNS
from watchfloor.store import open_store

pytestmark = pytest.mark.issue(9)


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "e.db")
    store = open_store(path)
    store_camp_and_fighters(
        store,
        'al-Hol camp, under SDF control, is home to 56,000 "people". '
        "In Syria, ISIS has between 1,500 and 3,000 fighters.",
    )
    store.close()
    return path


def _run(*args):
    result = CliRunner().invoke(export, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_export_facilities_csv(db):
    rows = list(csv.DictReader(io.StringIO(_run("facilities", "--db", db))))
    assert tuple(rows[0]) == FACILITY_COLUMNS
    assert sorted((r["facility_id"], r["kind"], r["value"]) for r in rows) == [
        ("al-hol-camp", "control", "SDF"),
        ("al-hol-camp", "population", "56,000"),
    ]
    population = next(r for r in rows if r["kind"] == "population")
    assert population["low"] == "56000" and '"people"' in population["sentence"]


def test_export_indicators_csv(db):
    rows = list(csv.DictReader(io.StringIO(_run("indicators", "--db", db))))
    assert tuple(rows[0]) == INDICATOR_COLUMNS
    by_id = {r["indicator_id"]: r for r in rows}
    assert (by_id["isis-fighters-syria"]["low"], by_id["isis-fighters-syria"]["high"]) == (
        "1500",
        "3000",
    )


def test_export_facilities_stix_validates(db):
    validator = pytest.importorskip("stix2validator", reason="stix2-validator (dev extra)")
    ValidationOptions, validate_string = validator.ValidationOptions, validator.validate_string

    text = _run("facilities", "--db", db, "--format", "stix")
    bundle = json.loads(text)
    types = [o["type"] for o in bundle["objects"]]
    assert types.count("note") == 2
    location = next(o for o in bundle["objects"] if o["type"] == "location")
    assert location["name"] == "al-Hol camp"
    result = validate_string(text, ValidationOptions(strict=True))
    assert result.is_valid, result.as_dict()
    assert _run("facilities", "--db", db, "--format", "stix") == text  # deterministic


def test_export_indicators_stix_validates(db):
    validator = pytest.importorskip("stix2validator", reason="stix2-validator (dev extra)")
    ValidationOptions, validate_string = validator.ValidationOptions, validator.validate_string

    text = _run("indicators", "--db", db, "--format", "stix")
    notes = [o for o in json.loads(text)["objects"] if o["type"] == "note"]
    assert len(notes) == 2
    assert validate_string(text, ValidationOptions(strict=True)).is_valid
