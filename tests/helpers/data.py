"""Where the development data lives, and a clean skip when it is absent."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"development data not present: {path.relative_to(ROOT.parent)}")
    return path


def guardian_text(row: int) -> str:
    """The text of one development Guardian article by its row id, or a skip with the reason."""
    path = shared_path("data", "guardian_syria_isis_2017_2019", "guardian_syria_sample.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            if int(record[""]) == row:
                return record["text"]
    pytest.skip(f"row {row} is not in the Guardian sample")
