"""Typed event mentions: triggers, roles, place, figures, coreference, non-events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from helpers.reading import make, seed_text
from watchfloor.extract.attribution import find_attributions
from watchfloor.extract.events import find_events
from watchfloor.extract.reading import find_discrepancies
from watchfloor.extract.statements import find_statements
from watchfloor.model import DatePrecision, Modality, Precision, Qualifier

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "events.yaml").read_text())


def _read(text: str, **kwargs):
    doc, context = make(text, **kwargs)
    doc = find_statements(find_attributions(doc, context), context)
    return find_events(doc, context)


def _case_inputs(case) -> dict:
    places = {
        name: (lat, lon, Precision(precision))
        for name, (lat, lon, precision) in (case.get("places") or {}).items()
    }
    quantities = [
        (text, low, high, Qualifier(qualifier), None)
        for text, low, high, qualifier in case.get("quantities") or ()
    ]
    return {"places": places, "quantities": quantities}


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_events_cases(case) -> None:
    doc = _read(case["text"], **_case_inputs(case))
    # Only happenings count; failed, planned or feared ones keep their modality (test_modality).
    found = {e.event_type: e for e in doc.events if e.modality is Modality.ASSERTED}
    for expected in case["expect"]:
        event = found.get(expected["type"])
        assert event is not None, list(found)
        if "actor1" in expected:
            assert event.actor1 and event.actor1.actor_id == expected["actor1"]
        if "actor2" in expected:
            assert event.actor2 and event.actor2.actor_id == expected["actor2"]
        if "place" in expected:
            assert event.place and event.place.name == expected["place"]
        if "figures" in expected:
            assert [f.quantity.text for f in event.figures] == expected["figures"]
            assert all(f.role == expected["role"] for f in event.figures)
        if "mentions" in expected:
            assert 1 + len(event.support) == expected["mentions"]
    for code in case.get("absent", ()):
        assert code not in found


def test_events_undated_event_gets_window_before_publication() -> None:
    doc = _read("Clashes between the SDF and ISIS broke out near the dam.")
    (event,) = doc.events
    assert event.date is not None and event.date.precision is DatePrecision.VAGUE
    assert event.date.end == date(2026, 1, 25) and event.date.start < event.date.end


def test_events_salience_puts_repeated_event_first() -> None:
    text = (
        "Iraq closed a border crossing. Dozens of prisoners escaped from the jail in Hasakah. "
        "The escape was the largest this year. Guards said the escapees fled at night."
    )
    doc = _read(text)
    assert doc.events[0].event_type == "prison_escape"
    assert doc.events[0].salience > doc.events[-1].salience


@pytest.fixture(scope="module")
def seed():
    places = {
        "al-Shaddadi prison": (36.056, 40.731, Precision.FACILITY),
        "al-Hasakah": (36.502, 40.748, Precision.TOWN),
        "Raqqa": (35.959, 39.008, Precision.TOWN),
        "Deir ez-Zor": (35.336, 40.141, Precision.TOWN),
    }
    quantities = [
        ("hundreds", 100, 999, Qualifier.VAGUE, None),
        # The role the quantity reader gives it ("1,500 ... had escaped"); an event never
        # changes a figure's role (test_events_figure_role_never_changes).
        ("approximately 1,500", 1500, 1500, Qualifier.APPROXIMATELY, "escaped"),
        ("between 1,500 and 3,000", 1500, 3000, Qualifier.RANGE, "fighters"),
    ]
    return _read(
        seed_text(), outlet="Strategic Council Online", places=places, quantities=quantities
    )


def test_events_seed_escape_is_one_event_with_both_voices(seed) -> None:
    escapes = [e for e in seed.events if e.event_type == "prison_escape"]
    assert len(escapes) == 1
    escape = escapes[0]
    assert seed.events[0] is escape  # the main event
    assert escape.actor1 and escape.actor1.actor_id == "isis"
    assert escape.place and escape.place.name == "al-Shaddadi prison"
    figures = {f.quantity.text: f for f in escape.figures}
    assert [s.name for s in figures["approximately 1,500"].chain[1:]] == ["Rudaw", "SDF"]
    assert [s.name for s in figures["hundreds"].chain[1:]] == []
    assert {f.role for f in escape.figures} == {"escaped"}
    assert len(escape.support) >= 4
    pairs = [{f.quantity.text for f in pair} for pair in find_discrepancies(seed.events)]
    assert {"hundreds", "approximately 1,500"} in pairs


@pytest.mark.parametrize(
    ("code", "actors", "places"),
    [
        ("agreement", {"sdf", "syrian_government_transitional"}, None),
        ("armed_clash", {"sdf"}, None),
        ("withdrawal", {"sdf"}, {"Raqqa", "Deir ez-Zor"}),
        ("border_fortification", {"iraq"}, None),
    ],
)
def test_events_seed_golden_events(seed, code, actors, places) -> None:
    events = [e for e in seed.events if e.event_type == code]
    assert events, [e.event_type for e in seed.events]
    ids = {a.actor_id for e in events for a in (e.actor1, e.actor2) if a}
    assert actors <= ids
    if places:
        assert {e.place.name for e in events if e.place} & places


def test_events_seed_fortification_is_not_a_fire_event(seed) -> None:
    types = {e.event_type for e in seed.events}
    assert not types & {"shelling", "armed_attack", "protest"}
