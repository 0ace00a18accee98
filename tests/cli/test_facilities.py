"""`watchfloor facilities` and `watchfloor indicators` over a hand-filled store."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from helpers.facilities import store_camp_and_fighters
from watchfloor.cli.facilities import facilities, indicators
from watchfloor.store import open_store

pytestmark = pytest.mark.issue(9)


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "f.db")
    store = open_store(path)
    store_camp_and_fighters(
        store,
        "al-Hol camp, under SDF control, is home to 56,000 people. "
        "In Syria, ISIS has between 1,500 and 3,000 fighters.",
    )
    store.close()
    return path


def test_cli_facilities_list_json(db):
    result = CliRunner().invoke(facilities, ["list", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["facility"]["id"]: r for r in json.loads(result.output)}
    hol = rows["al-hol-camp"]["state"]
    assert hol["controller"] == "SDF"
    assert hol["population"]["latest_low"] == 56000


def test_cli_facilities_show_prints_claims_with_sentences(db):
    result = CliRunner().invoke(facilities, ["show", "al-hol-camp", "--db", db])
    assert result.exit_code == 0, result.output
    assert "controller: SDF" in result.output
    assert "population: 56,000" in result.output
    assert "is home to 56,000 people" in result.output


def test_cli_facilities_show_unknown_is_usage_error(db):
    result = CliRunner().invoke(facilities, ["show", "nowhere", "--db", db])
    assert result.exit_code == 2
    assert "no facility 'nowhere'" in result.output


def test_cli_indicators_list_and_show(db):
    listed = CliRunner().invoke(indicators, ["list", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    rows = {r["indicator"]["id"]: r["series"] for r in json.loads(listed.output)}
    assert (
        rows["isis-fighters-syria"]["latest_low"],
        rows["isis-fighters-syria"]["latest_high"],
    ) == (
        1500,
        3000,
    )
    assert rows["al-hol-population"]["latest_low"] == 56000
    shown = CliRunner().invoke(indicators, ["show", "isis-fighters-syria", "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "1,500–3,000" in shown.output


def test_cli_facilities_update_counts(db):
    result = CliRunner().invoke(facilities, ["update", "--db", db])
    assert result.exit_code == 0, result.output
    assert "read 1 documents: 2 facility claims, 2 indicator points" in result.output
