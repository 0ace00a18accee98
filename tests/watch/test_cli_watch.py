"""`watchfloor watch --once` through click: rules fire once, state survives restarts."""

from __future__ import annotations

import json

from click.testing import CliRunner

import incident_factory as F
from watchfloor.cli.watch import watch
from watchfloor.merge.blocking import incident_keys
from watchfloor.store import open_store
from watchfloor.watch.runner import read_feed_list


def test_cli_watch_once_fires_then_stays_quiet(tmp_path) -> None:
    db = str(tmp_path / "wf.db")
    store = open_store(db)
    incident = F.make_incident()
    store.save_incidents([incident], {incident.id: incident_keys(incident)})
    store.close()
    alerts = tmp_path / "alerts.jsonl"
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n"
        "  - id: escape-near-border\n"
        "    when: {type: prison_escape, within: {border: Syria–Iraq, km: 100}}\n"
        f"    actions: [console, {{type: jsonl, path: '{alerts}'}}]\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    first = runner.invoke(watch, ["--rules", str(rules), "--once", "--db", db])
    assert first.exit_code == 0, first.output
    assert "[escape-near-border] prison_escape at al-Shaddadi" in first.stdout
    second = runner.invoke(watch, ["--rules", str(rules), "--once", "--db", db])
    assert second.exit_code == 0 and "escape-near-border" not in second.stdout
    (line,) = alerts.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["incident"]["id"] == incident.id


def test_cli_watch_bad_rules_is_usage_error(tmp_path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: x\n    when: {type: not_a_type}\n", encoding="utf-8")
    result = CliRunner().invoke(
        watch, ["--rules", str(rules), "--once", "--db", str(tmp_path / "w.db")]
    )
    assert result.exit_code == 2 and "WF-C001" in result.output


def test_read_feed_list_accepts_yaml_and_text(tmp_path) -> None:
    as_yaml = tmp_path / "feeds.yaml"
    as_yaml.write_text("feeds:\n  - https://example.org/rss\n  - local/feed.xml\n")
    as_text = tmp_path / "feeds.txt"
    as_text.write_text("# desk feeds\nhttps://example.org/rss\n\nlocal/feed.xml  # mirror\n")
    expected = ["https://example.org/rss", "local/feed.xml"]
    assert read_feed_list(as_yaml) == expected == read_feed_list(as_text)
