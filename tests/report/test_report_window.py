"""A second report is not silently empty: the default is the current picture, the window is
stated, and --since-last keeps only what was revised since the previous report."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from helpers.desk import escape_story, fill_store
from watchfloor.cli.report import report as report_command
from watchfloor.store import open_store


def _db(tmp_path: Path) -> Path:
    db = tmp_path / "desk.db"
    store = open_store(str(db))
    readings, incidents = escape_story()
    fill_store(store, readings, incidents)
    store.close()
    return db


def test_second_report_shows_the_current_picture_and_says_so(tmp_path) -> None:
    db = _db(tmp_path)
    runner = CliRunner()
    first = runner.invoke(report_command, ["--db", str(db), "--out", str(tmp_path / "a.md")])
    second = runner.invoke(report_command, ["--db", str(db), "--out", str(tmp_path / "b.md")])
    assert first.exit_code == second.exit_code == 0, second.output
    assert "2 incident(s)" in second.output
    assert "the current picture" in second.output
    text = (tmp_path / "b.md").read_text(encoding="utf-8")
    assert "the current picture" in text and "Nothing changed" in text


def test_since_last_keeps_only_revisions_and_never_claims_confirmation(tmp_path) -> None:
    db = _db(tmp_path)
    runner = CliRunner()
    runner.invoke(report_command, ["--db", str(db), "--out", str(tmp_path / "a.md")])
    later = runner.invoke(
        report_command, ["--db", str(db), "--since-last", "--out", str(tmp_path / "b.md")]
    )
    assert later.exit_code == 0, later.output
    assert "0 incident(s)" in later.output and "revised since the previous report" in later.output
    text = (tmp_path / "b.md").read_text(encoding="utf-8")
    assert "Every claim has independent confirmation" not in text
    assert "No incident in this report's window" in text


def test_bounded_period_is_stated(tmp_path) -> None:
    db = _db(tmp_path)
    result = CliRunner().invoke(
        report_command,
        [
            "--db",
            str(db),
            "--since",
            "2026-01-01",
            "--until",
            "2026-12-31",
            "--out",
            str(tmp_path / "r.html"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "incidents active from 2026-01-01 to 2026-12-31" in result.output
