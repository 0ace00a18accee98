"""The README's short tour works as written on a fresh clone: every file it names is in the
repository, and its CSV example ingests with the options the tour gives."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from watchfloor.cli.main import cli
from watchfloor.store import open_store

pytestmark = pytest.mark.issue(16)

ROOT = Path(__file__).resolve().parents[2]


def _tour() -> list[list[str]]:
    """The tour's `watchfloor ...` commands, split as a shell would (comments dropped)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## A short tour", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = []
    for line in block.splitlines():
        line = line.strip()
        if line.startswith("watchfloor "):
            commands.append(shlex.split(line, comments=True))
    return commands


def test_every_file_the_tour_names_is_in_the_repository() -> None:
    commands = _tour()
    assert [c[1] for c in commands][:3] == ["ingest", "ingest", "rejections"]
    named = [
        word
        for command in commands
        for word in command
        if re.match(r"^(src|examples)/", word)  # inputs; outputs (--out FILE) are written
    ]
    assert named and all((ROOT / word).exists() for word in named), named


def test_the_tour_csv_ingests_one_report_per_row(tmp_path: Path) -> None:
    csv_ingest = next(c for c in _tour() if c[1] == "ingest" and c[2].endswith(".csv"))
    db = tmp_path / "tour.db"
    args = [*csv_ingest[1:], "--no-extract", "--db", str(db)]
    args[1] = str(ROOT / args[1])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "2 inputs: 2 stored" in result.output
    store = open_store(str(db))
    try:
        rows = store.list_documents(limit=10)
        assert {r.outlet for r in rows} == {"Sample Wire"}
        assert all(r.title for r in rows)
    finally:
        store.close()
