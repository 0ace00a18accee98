"""Quality floors of the reading: record what the scorer measured, judge it against floors.

    python bench/floors.py record          # run ../shared/tools/score_reading.py all, update scores
    python bench/floors.py record acled    # one task

`record` writes bench/scores.json: the latest figure of every task and metric and the best ever
recorded (a full run, never `--limit`). `judge` (used by tests/meta/test_floors.py) compares
them with bench/floors.json: a figure more than the tolerance below its best is a regression;
below its floor it is a floor not yet met, with the gap.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "bench" / "floors.json"
SCORES = ROOT / "bench" / "scores.json"
SCORER = ROOT.parent / "shared" / "tools" / "score_reading.py"

Figures = dict[str, dict[str, float]]


@dataclass(frozen=True)
class Verdict:
    """One metric of one task: its floor, latest and best figures, and what that means."""

    task: str
    metric: str
    floor: float
    latest: float | None
    best: float | None
    state: str  # "missing", "worse", "below_floor" or "ok"

    def words(self) -> str:
        """The verdict as a sentence for a test report."""
        name = f"{self.task} {self.metric}"
        if self.state == "missing":
            return f"{name}: no recorded figure (run `make score`)"
        if self.state == "worse":
            return f"{name}: reading got worse, {self.latest} against a best of {self.best}"
        if self.state == "below_floor":
            gap = self.floor - (self.latest or 0.0)
            return f"{name}: floor {self.floor} not yet met, {self.latest} (gap {gap:.3f})"
        return f"{name}: {self.latest} meets its floor {self.floor}"


def judge(floors: dict[str, Any], scores: dict[str, Any]) -> list[Verdict]:
    """Every floor's verdict against the latest and best recorded figures."""
    tolerance = float(floors.get("tolerance", 0.0))
    latest: Figures = scores.get("latest", {})
    best: Figures = scores.get("best", {})
    verdicts = []
    for task, metrics in floors["floors"].items():
        for metric, floor in metrics.items():
            now = latest.get(task, {}).get(metric)
            top = best.get(task, {}).get(metric)
            if now is None:
                state = "missing"
            elif top is not None and now < top - tolerance:
                state = "worse"
            elif now < floor:
                state = "below_floor"
            else:
                state = "ok"
            verdicts.append(Verdict(task, metric, float(floor), now, top, state))
    return verdicts


def merge_scores(previous: dict[str, Any], measured: Figures, when: str) -> dict[str, Any]:
    """The scores file after a run: `measured` becomes the latest; the best keeps the highest."""
    latest: Figures = {**previous.get("latest", {})}
    best: Figures = {task: dict(m) for task, m in previous.get("best", {}).items()}
    for task, metrics in measured.items():
        latest[task] = dict(metrics)
        kept = best.setdefault(task, {})
        for metric, value in metrics.items():
            kept[metric] = max(value, kept.get(metric, value))
    return {"recorded": when, "latest": latest, "best": best}


def _numeric(line: dict[str, Any]) -> dict[str, float]:
    return {
        k: float(v)
        for k, v in line.items()
        if isinstance(v, int | float) and not isinstance(v, bool) and k not in ("n", "seconds")
    }


def record(tasks: list[str]) -> None:
    """Run the scorer on each task (a full run) and update bench/scores.json."""
    if not SCORER.exists():
        sys.exit(f"the scorer is not here: {SCORER}")
    measured: Figures = {}
    for task in tasks:
        run = subprocess.run(
            [sys.executable, str(SCORER), task],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        for text in run.stdout.splitlines():
            if text.startswith("{"):
                line = json.loads(text)
                measured[str(line["task"])] = _numeric(line)
                print(text)
    previous = json.loads(SCORES.read_text(encoding="utf-8")) if SCORES.exists() else {}
    scores = merge_scores(previous, measured, datetime.now(UTC).isoformat(timespec="seconds"))
    SCORES.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    for verdict in judge(floors, scores):
        print(verdict.words())


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] != "record":
        sys.exit(__doc__)
    record(sys.argv[2:] or ["all"])
