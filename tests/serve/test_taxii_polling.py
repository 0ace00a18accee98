"""Polling partners: `watchfloor import taxii` once, `watchfloor watch --partners` each cycle."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

import incident_factory as F
from helpers.serving import desk as _desk
from helpers.serving import serving
from watchfloor.cli.main import _register, cli
from watchfloor.errors import ConfigError, ExportError
from watchfloor.export.taxii_client import PartnerFeed, poll_collection
from watchfloor.store import open_store
from watchfloor.watch.partners import PartnerPoll, poll_partners, read_partner_list

pytestmark = pytest.mark.issue(20)

TOKEN = "watch-reads-a"


@pytest.fixture
def desk_a(tmp_path):
    store, app = _desk(tmp_path, "Desk A", [F.make_incident()], "Desk W", TOKEN)
    with serving(app) as port:
        yield f"http://127.0.0.1:{port}/taxii2/api/"
    store.close()


def _run(*args: str, env: dict[str, str] | None = None):
    if not cli.commands:
        _register()
    return CliRunner().invoke(cli, list(args), env=env)


def test_cli_import_taxii_polls_once_and_remembers(desk_a, tmp_path) -> None:
    db = str(tmp_path / "w.db")
    env = {"A_TOKEN": TOKEN}
    args = ["import", "taxii", desk_a, "--collection", "shared", "--partner", "Desk A"]
    args += ["--token-env", "A_TOKEN", "--allow-private", "--db", db]
    first = _run(*args, env=env)
    assert first.exit_code == 0, first.output
    assert "imported 3 claims" in first.stdout and "since the start" in first.stdout
    second = _run(*args, env=env)
    assert second.exit_code == 0, second.output
    assert "Desk A: 0 objects" in second.stdout and "imported 0 claims" in second.stdout
    store = open_store(db)
    (incident,) = store.incidents()
    assert incident.claims[0].chain[0].name == "Desk A"
    store.close()


def test_cli_import_taxii_refuses_without_the_token_and_loopback_without_the_flag(
    desk_a, tmp_path
) -> None:
    db = str(tmp_path / "w.db")
    base = ["import", "taxii", desk_a, "--collection", "shared", "--partner", "A", "--db", db]
    no_token = _run(*base, "--allow-private")
    assert no_token.exit_code == 1 and "WF-E001" in no_token.output
    assert "401" in no_token.output
    loopback = _run(*base, "--token-env", "T", env={"T": TOKEN})
    assert loopback.exit_code == 1 and "refused" in loopback.output
    unset = _run(*base, "--token-env", "NOT_SET_ANYWHERE")
    assert unset.exit_code == 2 and "NOT_SET_ANYWHERE" in unset.output


def test_cli_watch_polls_partners_and_fires_rules_on_what_they_share(desk_a, tmp_path) -> None:
    db = str(tmp_path / "w.db")
    partners = tmp_path / "partners.yaml"
    partners.write_text(
        "partners:\n"
        f"  - {{name: Desk A, url: '{desk_a}', collection: shared, token_env: A_TOKEN,\n"
        "      allow_private: true}\n",
        encoding="utf-8",
    )
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n  - id: escapes\n    when: {type: prison_escape}\n    actions: [console]\n",
        encoding="utf-8",
    )
    args = ["watch", "--rules", str(rules), "--partners", str(partners), "--once", "--db", db]
    first = _run(*args, env={"A_TOKEN": TOKEN})
    assert first.exit_code == 0, first.output
    assert "[escapes] prison_escape at al-Shaddadi" in first.stdout
    assert "partner Desk A" in first.stderr and "3 claims imported" in first.stderr
    second = _run(*args, env={"A_TOKEN": TOKEN})
    assert second.exit_code == 0 and "0 objects" in second.stderr


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_one_failing_partner_costs_only_its_own_poll(desk_a) -> None:
    store = open_store(":memory:")
    dead = PartnerFeed("Dead", f"http://127.0.0.1:{_closed_port()}/taxii2/api/", "shared")
    alive = PartnerFeed("Desk A", desk_a, "shared", token=TOKEN)
    results = poll_partners(store, [PartnerPoll(dead, True), PartnerPoll(alive, True)])
    assert [r.partner for r in results] == ["Dead", "Desk A"]
    assert results[0].error and "WF-E001" in results[0].error and results[0].report is None
    assert results[1].report is not None and results[1].report.imported.claims == 3
    store.close()


def test_restart_reads_the_whole_collection_again(desk_a) -> None:
    store = open_store(":memory:")
    feed = PartnerFeed("Desk A", desk_a, "shared", token=TOKEN)
    first = poll_collection(feed, store, allow_private=True)
    again = poll_collection(feed, store, allow_private=True, restart=True)
    assert again.objects == first.objects > 0
    assert again.imported.claims == 3 and len(store.incidents()) == 1  # idempotent
    store.close()


def test_poll_caps_the_objects_it_takes(desk_a) -> None:
    from watchfloor.export.stix_check import StixLimits

    store = open_store(":memory:")
    feed = PartnerFeed("Desk A", desk_a, "shared", token=TOKEN)
    with pytest.raises(ExportError, match="stix_max_objects"):
        poll_collection(feed, store, allow_private=True, limits=StixLimits(max_objects=3))
    with pytest.raises(ExportError, match="stix_max_bytes"):
        poll_collection(feed, store, allow_private=True, limits=StixLimits(max_bytes=500))
    assert store.incidents() == []
    store.close()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("partners: []\n", "names no partner"),
        ("partners:\n  - {name: A, url: 'http://x/'}\n", "needs `name`, `url` and `collection`"),
        (
            "partners:\n  - {name: A, url: 'http://x/', collection: c, token_env: NOPE_X}\n",
            "NOPE_X",
        ),
    ],
)
def test_partner_list_errors_name_what_is_wrong(tmp_path, text, message) -> None:
    path = tmp_path / "partners.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        read_partner_list(path, env=lambda name: None)
