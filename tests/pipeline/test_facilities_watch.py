"""Watch rules on indicators: a contradicting figure fires once, and unknown ids are refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from helpers.facilities import build_reading
from watchfloor.errors import ConfigError
from watchfloor.model import Qualifier
from watchfloor.pipeline.facilities import update_facilities
from watchfloor.watch.engine import evaluate_rules
from watchfloor.watch.rules import parse_rules

pytestmark = pytest.mark.issue(9)


class Collect:
    """A notifier that keeps what it is sent."""

    def __init__(self) -> None:
        self.sent: list[dict] = []

    def send(self, alert: dict) -> None:
        self.sent.append(alert)


def _write(store, text, published, quantity):
    reading = build_reading(text, published=published, quantities=[quantity])
    store.write_document(reading.document, reading, "test")


def test_indicator_rule_fires_once_per_flag(memory_store):
    fighters = ("fighters", "fighters")
    _write(
        memory_store,
        "In Syria, ISIS has between 1,500 and 3,000 fighters.",
        date(2025, 1, 1),
        ("between 1,500 and 3,000", 1500, 3000, Qualifier.RANGE, *fighters),
    )
    _write(
        memory_store,
        "In Syria, ISIS has 10,000 fighters.",
        date(2025, 6, 1),
        ("10,000", 10000, 10000, Qualifier.EXACT, *fighters),
    )
    update_facilities(memory_store)
    rules = parse_rules(
        {"rules": [{"id": "fighters-jump", "when": {"indicator": {"id": "isis-fighters-syria"}}}]}
    )
    sink = Collect()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    report = evaluate_rules(memory_store, rules, lambda rule: [sink], now=now)
    assert len(report.fired) == 1
    alert = sink.sent[0]
    assert alert["facts"]["flag"]["kind"] == "contradiction"
    assert alert["indicator"]["point"]["range"] == "10,000"
    assert "In Syria, ISIS has 10,000 fighters." in alert["indicator"]["point"]["sentence"]
    again = evaluate_rules(memory_store, rules, lambda rule: [sink], now=now)
    assert again.fired == [] and len(sink.sent) == 1


def test_indicator_rule_change_only_ignores_contradictions(memory_store):
    _write(
        memory_store,
        "In Syria, ISIS has 1,000 fighters.",
        date(2025, 1, 1),
        ("1,000", 1000, 1000, Qualifier.EXACT, "fighters", "fighters"),
    )
    _write(
        memory_store,
        "In Syria, ISIS has 9,000 fighters.",
        date(2025, 2, 1),
        ("9,000", 9000, 9000, Qualifier.EXACT, "fighters", "fighters"),
    )
    update_facilities(memory_store)
    spec = {"id": "isis-fighters-syria", "on": ["change"]}
    rules = parse_rules({"rules": [{"id": "r", "when": {"indicator": spec}}]})
    report = evaluate_rules(memory_store, rules, lambda rule: [], now=datetime.now(UTC))
    assert report.fired == []


def test_indicator_rule_unknown_indicator_is_refused():
    with pytest.raises(ConfigError, match="unknown indicator"):
        parse_rules({"rules": [{"id": "r", "when": {"indicator": {"id": "nope"}}}]})
