"""Watch rules: parsing, each condition, fire-once across restarts, quiet periods."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import incident_factory as F
from watchfloor.errors import ConfigError
from watchfloor.merge.blocking import incident_keys
from watchfloor.model import Precision
from watchfloor.store import open_store
from watchfloor.watch.borders import border_geometry
from watchfloor.watch.engine import evaluate_rules, match_rule, snapshot
from watchfloor.watch.geofence import distance_km
from watchfloor.watch.rules import load_rules, parse_duration, parse_rules

NOW = datetime(2026, 1, 22, 12, tzinfo=UTC)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "watch-rules.yaml"


PLACES = {"al-Hol": (36.38, 41.15)}


def _rule(**when):
    (rule,) = parse_rules({"rules": [{"id": "r", "when": when}]}, resolve_place=PLACES.get)
    return rule


def _with_figure(incident, role, low):
    figures = tuple(replace(f, low=low) if f.role == role else f for f in incident.figures)
    return replace(incident, figures=figures)


class _Collect:
    def __init__(self) -> None:
        self.sent: list[dict] = []

    def send(self, alert) -> None:
        self.sent.append(alert)


def _save(store, *incidents) -> None:
    store.save_incidents(list(incidents), {i.id: incident_keys(i) for i in incidents})


@pytest.mark.parametrize(
    ("when", "hit"),
    [
        ({"type": "prison_escape"}, True),
        ({"type": ["airstrike", "prison_escape"]}, True),
        ({"type": "airstrike"}, False),
        ({"actors": ["isis"]}, True),
        ({"actors": "Hezbollah"}, False),
        ({"within": {"border": "Syria–Iraq", "km": 100}}, True),  # al-Shaddadi ~45 km away
        ({"within": {"border": "syria-iraq", "km": 30}}, False),
        ({"within": {"place": "al-Hol", "km": 60}}, True),  # ~52 km
        ({"within": {"lat": 33.51, "lon": 36.29, "km": 50}}, False),  # Damascus
        (
            {
                "within": {
                    "polygon": {
                        "type": "Polygon",
                        "coordinates": [
                            [[40, 35.5], [41, 35.5], [41, 36.5], [40, 36.5], [40, 35.5]]
                        ],
                    }
                }
            },
            True,
        ),
        ({"figures": [{"role": "escaped", "at_least": 100}]}, True),
        ({"figures": [{"role": "escaped", "at_least": 1000}]}, False),  # combined low is 100
        ({"figures": [{"role": "escaped", "at_least": 1000, "by": "any_source"}]}, True),
        ({"figures": [{"role": "wounded", "at_least": 1}]}, False),
        ({"min_origins": 2}, True),
        ({"min_origins": 3}, False),
    ],
)
def test_match_rule_condition(when, hit) -> None:
    assert (match_rule(_rule(**when), F.make_incident(), None) is not None) is hit


def test_match_rule_geofence_ignores_coarse_places() -> None:
    coarse = F.place("Al-Hasakah", 36.5, 40.75, precision=Precision.GOVERNORATE)
    incident = F.make_incident(where=coarse)
    assert match_rule(_rule(within={"border": "syria-iraq", "km": 100}), incident, None) is None
    loose = _rule(within={"border": "syria-iraq", "km": 100}, precision="governorate")
    assert match_rule(loose, incident, None) is not None


def test_match_rule_figure_rising_needs_a_higher_low_than_last_seen() -> None:
    rule = _rule(figure_rising="escaped")
    incident = F.make_incident()
    assert match_rule(rule, incident, None) is None  # never seen: nothing to rise from
    assert match_rule(rule, incident, snapshot(incident)) is None
    risen = _with_figure(incident, "escaped", 1200)
    match = match_rule(rule, risen, snapshot(incident))
    assert match is not None and match.reasons == ("escaped rose from 100 to 1200",)


def test_match_rule_new_incident_only_first_time() -> None:
    rule = _rule(new_incident=True)
    incident = F.make_incident()
    assert match_rule(rule, incident, None) is not None
    assert match_rule(rule, incident, snapshot(incident)) is None


def test_border_distance_is_geographic() -> None:
    line = border_geometry("Iraq–Syria")
    assert 35 < distance_km(line, 36.06, 40.73) < 60  # al-Shaddadi
    assert distance_km(line, 34.45, 40.92) < 10  # Abu Kamal, by the border (coarse line)


def test_evaluate_fires_once_and_not_again_after_restart(tmp_path) -> None:
    path = str(tmp_path / "w.db")
    store = open_store(path)
    _save(store, F.make_incident())
    rules = parse_rules({"rules": [{"id": "escape", "when": {"type": "prison_escape"}}]})
    sink = _Collect()
    report = evaluate_rules(store, rules, lambda rule: [sink], now=NOW)
    assert len(report.fired) == 1 and len(sink.sent) == 1
    store.close()
    again = open_store(path)  # a restart: the state lives in the store
    report = evaluate_rules(again, rules, lambda rule: [sink], now=NOW + timedelta(hours=1))
    assert report.fired == [] and len(sink.sent) == 1
    again.close()


def test_evaluate_fires_again_when_what_fired_changes(memory_store) -> None:
    rules = parse_rules(
        {"rules": [{"id": "big", "when": {"figures": [{"role": "escaped", "at_least": 50}]}}]}
    )
    sink = _Collect()
    _save(memory_store, F.make_incident())
    evaluate_rules(memory_store, rules, lambda rule: [sink], now=NOW)
    _save(memory_store, _with_figure(F.make_incident(), "escaped", 1200))
    evaluate_rules(memory_store, rules, lambda rule: [sink], now=NOW + timedelta(hours=1))
    assert [a["facts"]["figures"]["escaped"] for a in sink.sent] == [100, 1200]


def test_evaluate_quiet_period_holds_then_releases(memory_store) -> None:
    rules = parse_rules(
        {"rules": [{"id": "rise", "quiet": "6h", "when": {"figure_rising": "escaped"}}]}
    )
    sink = _Collect()
    incident = F.make_incident()
    _save(memory_store, incident)
    evaluate_rules(memory_store, rules, lambda r: [sink], now=NOW)  # first sight: baseline
    for hour, low in ((1, 500), (2, 900)):
        _save(memory_store, _with_figure(incident, "escaped", low))
        evaluate_rules(memory_store, rules, lambda r: [sink], now=NOW + timedelta(hours=hour))
    assert [a["facts"]["rising"]["escaped"] for a in sink.sent] == [500]  # 900 held: quiet
    report = evaluate_rules(memory_store, rules, lambda r: [sink], now=NOW + timedelta(hours=8))
    assert [a["facts"]["rising"]["escaped"] for a in report.fired] == [900]


def test_evaluate_undelivered_alert_is_retried(memory_store) -> None:
    from watchfloor.watch.notifiers import NotifyError

    class Down:
        def send(self, alert):
            raise NotifyError("down")

    rules = parse_rules({"rules": [{"id": "any"}]})
    _save(memory_store, F.make_incident())
    report = evaluate_rules(memory_store, rules, lambda r: [Down()], now=NOW)
    assert report.fired == [] and len(report.failed) == 1
    sink = _Collect()
    report = evaluate_rules(memory_store, rules, lambda r: [sink], now=NOW)
    assert len(report.fired) == 1


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"rules": [{"id": "a", "when": {"type": "no_such_type"}}]}, "unknown event type"),
        ({"rules": [{"id": "a", "when": {"colour": "red"}}]}, "when.colour"),
        ({"rules": [{"id": "a", "quiet": "soon"}]}, "not a duration"),
        (
            {"rules": [{"id": "a", "when": {"within": {"border": "mars-venus", "km": 5}}}]},
            "unknown border",
        ),
        (
            {"rules": [{"id": "a", "when": {"within": {"place": "Atlantis", "km": 5}}}]},
            "not in the gazetteer",
        ),
        ({"rules": [{"id": "a", "actions": [{"type": "pager"}]}]}, "actions"),
        ({"rules": [{"id": "a"}, {"id": "a"}]}, "used twice"),
        ({"rule": []}, "rules:"),
    ],
)
def test_parse_rules_reports_coded_errors(rules, message) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        parse_rules(rules, resolve_place=PLACES.get)
    assert str(info.value).startswith("[WF-C001]")


@pytest.mark.parametrize(
    ("text", "seconds"), [("30s", 30), ("10m", 600), ("6h", 21600), ("2d", 172800), (45, 45)]
)
def test_parse_duration(text, seconds) -> None:
    assert parse_duration(text).total_seconds() == seconds


def test_example_rules_file_is_valid() -> None:
    if not EXAMPLES.exists():
        pytest.skip("examples/watch-rules.yaml not present")
    rules = load_rules(EXAMPLES, resolve_place=lambda name: (36.38, 41.15))
    assert {r.id for r in rules} >= {"escape-near-iraq-border", "escapee-estimate-rises"}


def test_gazetteer_point_resolves_a_named_place() -> None:
    from watchfloor.watch.geofence import gazetteer_point, haversine_km

    point = gazetteer_point("al-Hol")
    assert point is not None and haversine_km(*point, 36.38, 41.15) < 15
