"""The reading's floors (bench/floors.json) against the recorded scores (bench/scores.json).

A figure more than the tolerance below its recorded best fails: reading got worse. A floor never
met is an xfail naming the gap, never a failure. `make score` records the figures.
"""

from __future__ import annotations

import json

import pytest

import floors as F
from helpers.data import SHARED_DATA

pytestmark = pytest.mark.issue(19)

FLOORS = json.loads(F.FLOORS.read_text(encoding="utf-8"))
CASES = [(task, metric) for task, metrics in FLOORS["floors"].items() for metric in metrics]


def test_floors_are_figures_between_zero_and_one():
    assert 0 <= FLOORS["tolerance"] < 0.1
    assert {"acled", "geoparse", "subjectivity", "fakes", "events"} <= set(FLOORS["floors"])
    assert all(
        0 < floor <= 1 for _, metrics in FLOORS["floors"].items() for floor in metrics.values()
    )


@pytest.mark.parametrize(("task", "metric"), CASES)
def test_reading_holds_its_best_and_meets_its_floor(task, metric):
    if not SHARED_DATA.exists():
        pytest.skip(f"development data not present: {SHARED_DATA}")
    if not F.SCORES.exists():
        pytest.skip("no recorded scores: run `make score` (bench/scores.json)")
    scores = json.loads(F.SCORES.read_text(encoding="utf-8"))
    sub = {**FLOORS, "floors": {task: {metric: FLOORS["floors"][task][metric]}}}
    (verdict,) = F.judge(sub, scores)
    if verdict.state == "missing":
        pytest.skip(verdict.words())
    assert verdict.state != "worse", verdict.words()
    if verdict.state == "below_floor":
        pytest.xfail(verdict.words())


FLOOR = {"tolerance": 0.02, "floors": {"acled": {"event_type_acc": 0.88}}}


def _state(latest, best):
    scores = F.merge_scores({"best": {"acled": {"event_type_acc": best}}}, {}, "t")
    scores["latest"] = {"acled": {"event_type_acc": latest}}
    return F.judge(FLOOR, scores)[0].state


@pytest.mark.parametrize(
    ("latest", "best", "state"),
    [
        (0.90, 0.90, "ok"),
        (0.84, 0.84, "below_floor"),  # never met: not a failure
        (0.83, 0.84, "below_floor"),  # within the tolerance of the best
        (0.81, 0.84, "worse"),  # more than the tolerance below the best
        (0.86, 0.91, "worse"),  # a met floor lost
    ],
)
def test_judge_tells_worse_from_not_yet_met(latest, best, state):
    assert _state(latest, best) == state


def test_merge_scores_keeps_the_best_and_the_latest():
    first = F.merge_scores({}, {"acled": {"event_type_acc": 0.85}}, "1")
    second = F.merge_scores(first, {"acled": {"event_type_acc": 0.80}}, "2")
    assert second["latest"]["acled"]["event_type_acc"] == 0.80
    assert second["best"]["acled"]["event_type_acc"] == 0.85
    assert F.judge(FLOOR, second)[0].state == "worse"
    assert F.judge(FLOOR, {"latest": {}, "best": {}})[0].state == "missing"
