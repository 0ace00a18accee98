"""One meaning of --actor, --type and --near in `incidents list` and `export`; honest counts."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

import incident_factory as F
from watchfloor.cli.export import export
from watchfloor.cli.incidents import incidents
from watchfloor.merge.blocking import incident_keys
from watchfloor.resolve.filters import (
    FilterError,
    check_event_type,
    resolve_actor,
    resolve_near,
)
from watchfloor.store import open_store


@click.group()
def cli() -> None:
    """The two commands under test."""


cli.add_command(incidents)
cli.add_command(export)


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "wf.db")
    store = open_store(path)
    far = F.place("Mosul", 36.34, 43.13, "IQ", "Nineveh")
    made = [F.make_incident(), F.make_incident(F.seed_claims()[:1], seed="evm-far", where=far)]
    store.save_incidents(made, {i.id: incident_keys(i) for i in made})
    store.close()
    return path


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_an_alias_finds_what_the_canonical_id_finds(db) -> None:
    by_id = run("incidents", "list", "--db", db, "--actor", "isis")
    by_alias = run("incidents", "list", "--db", db, "--actor", "daesh")
    assert by_id.exit_code == by_alias.exit_code == 0, by_alias.output
    assert "2 incidents" in by_id.output
    assert by_alias.output == by_id.output


def test_export_resolves_aliases_too(db) -> None:
    result = run("export", "jsonl", "--db", db, "--actor", "Islamic State")
    assert result.exit_code == 0, result.output
    assert "exported 2 incidents" in result.output


def test_an_unknown_event_type_is_an_error_naming_the_nearest(db) -> None:
    result = run("incidents", "list", "--db", db, "--type", "prison_escap")
    assert result.exit_code == 2
    assert "unknown event type 'prison_escap'" in result.output
    assert "prison_escape" in result.output
    exported = run("export", "acled", "--db", db, "--type", "escape")
    assert exported.exit_code == 2 and "prison_escape" in exported.output


def test_near_takes_a_gazetteer_name_an_alias_or_lat_lon(db) -> None:
    for where in ("al-Shaddadi", "Shaddadi", "36.06,40.73"):
        result = run("incidents", "list", "--db", db, "--near", where, "--km", "30")
        assert result.exit_code == 0, (where, result.output)
        assert "1 incidents" in result.output, where
    nowhere = run("incidents", "list", "--db", db, "--near", "Qzxwv Nowhere")
    assert nowhere.exit_code == 2 and "LAT,LON" in nowhere.output


def test_list_says_how_many_are_stored_beyond_the_limit(db) -> None:
    result = run("incidents", "list", "--db", db, "--limit", "1")
    assert result.exit_code == 0, result.output
    assert "1 of 2 incidents" in result.output


def test_piped_list_prints_whole_ids_one_line_per_row(db) -> None:
    store = open_store(db)
    ids = {i.id for i in store.incidents()}
    store.close()
    result = CliRunner().invoke(cli, ["incidents", "list", "--db", db])
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[0] == "id"
    assert {line.split("\t")[0] for line in lines[1:]} == ids
    assert all(len(line.split("\t")) == 8 for line in lines)


def test_resolvers_directly() -> None:
    assert resolve_actor("daesh") == resolve_actor("ISIS") == "isis"
    assert resolve_actor("Some Unknown Militia") == "Some Unknown Militia"
    assert check_event_type("prison-escape") == "prison_escape"
    with pytest.raises(FilterError, match="prison_escape"):
        check_event_type("escape")
    hol = resolve_near("al-Hol")
    assert 36.0 < hol.lat < 37.0 and 40.5 < hol.lon < 41.5
    assert resolve_near(" 36.5 , 40.75 ").lon == 40.75
    with pytest.raises(FilterError, match="latitude"):
        resolve_near("95,40")
