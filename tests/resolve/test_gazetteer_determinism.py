"""Place resolution is the same in every process, whatever PYTHONHASHSEED is."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SCRIPT = """
from watchfloor.resolve.gazetteer import Gazetteer, PlaceContext
g = Gazetteer.load()
ctx = PlaceContext(countries=frozenset({"IQ", "SY"}))
for name in ("Kirkuk", "Hasakah", "Qamishlo", "Deir al-Zour", "Kobani", "Raqqa", "Mosul"):
    match = g.resolve(name, ctx)
    print(name, match.place_id if match else None)
"""


def _resolve_with_seed(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.mark.issue(3)
def test_gazetteer_resolution_does_not_depend_on_hash_seed():
    outputs = {_resolve_with_seed(seed) for seed in ("3", "5", "7")}
    assert len(outputs) == 1, outputs
