"""`watchfloor export ...` and `watchfloor import stix` through click."""

from __future__ import annotations

import csv
import io
import json

import click
import pytest
from click.testing import CliRunner

import incident_factory as F
from watchfloor.cli.export import export, import_group
from watchfloor.merge.blocking import incident_keys
from watchfloor.store import open_store


@click.group()
def cli() -> None:
    """The export commands alone, as commands.py will attach them."""


cli.add_command(export)
cli.add_command(import_group)


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "wf.db")
    store = open_store(path)
    far = F.place("Mosul", 36.34, 43.13, "IQ", "Nineveh")
    incidents = [F.make_incident(), F.make_incident(F.seed_claims()[:1], seed="evm-far", where=far)]
    store.save_incidents(incidents, {i.id: incident_keys(i) for i in incidents})
    store.close()
    return path


@pytest.mark.parametrize("fmt", ["acled", "geojson", "jsonl", "stix"])
def test_cli_export_writes_each_format(db, tmp_path, fmt) -> None:
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(cli, ["export", fmt, "--db", db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "exported 2 incidents" in result.output
    assert out.stat().st_size > 0


def test_cli_export_filters_near_a_point(db) -> None:
    result = CliRunner().invoke(
        cli, ["export", "acled", "--db", db, "--near", "36.0,40.7", "--km", "50"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["location"] for r in rows] == ["al-Shaddadi"]


def test_cli_export_then_import_round_trips(db, tmp_path) -> None:
    bundle = tmp_path / "b.json"
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["export", "stix", "--db", db, "--out", str(bundle), "--desk", "Desk A"]
        ).exit_code
        == 0
    )
    other = str(tmp_path / "other.db")
    result = runner.invoke(cli, ["import", "stix", str(bundle), "--db", other])
    assert result.exit_code == 0, result.output
    # Both incidents share their first claim: three distinct claims come in, one incident.
    assert "imported 3 claims" in result.output and "Desk A" in result.output
    store = open_store(other)
    assert len(store.incidents()) == 1
    store.close()


def test_cli_import_rejects_a_non_bundle(tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"type": "report"}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "stix", str(bad), "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0 and "WF-E001" in result.output
