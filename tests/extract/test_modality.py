"""Modality: failed, attempted, planned, feared, hypothetical, habitual and generic mentions are
kept with their modality, never as happenings; negated ones are no events at all."""

from __future__ import annotations

import pytest

from helpers.reading import make, resources
from watchfloor.extract.anchoring import anchor_events
from watchfloor.extract.attribution import find_attributions
from watchfloor.extract.events import find_events
from watchfloor.extract.reading import reading_of
from watchfloor.extract.statements import find_statements
from watchfloor.model import Modality


def _read(text: str):
    doc, context = make(text)
    doc = find_statements(find_attributions(doc, context), context)
    return anchor_events(find_events(doc, context), context)


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        ("ISIS failed on Sunday to conduct a prison break in Hasakah.", "break", Modality.FAILED),
        ("The army thwarted a series of attacks by ISIS on the airport.", "attacks",
         Modality.FAILED),
        ("Militants tried to storm the prison.", "storm", Modality.ATTEMPTED),
        ("The SDF is in talks to transfer the detainees to Iraq.", "transfer", Modality.PLANNED),
        ("ISIS will attack the prison in Hasakah next week.", "attack", Modality.PLANNED),
        ("There were fears of a mass escape from the prison.", "escape", Modality.FEARED),
        ("Prisoners could escape from the jail in Hasakah.", "escape", Modality.HYPOTHETICAL),
        ("If the guards leave, prisoners escape from the jail.", "escape",
         Modality.HYPOTHETICAL),
        ("ISIS often attacks army checkpoints with car bombs.", "attacks", Modality.HABITUAL),
        ("Oftentimes the tactic is to attack the prison guards with car bombs.", "attack",
         Modality.GENERIC),
        ("ISIS fighters attacked the prison in Hasakah.", "attacked", Modality.ASSERTED),
        ("Iraqi airstrikes killed 4 IS militants.", "airstrikes", Modality.ASSERTED),
    ],
)  # fmt: skip
def test_modality_of_each_kind(text: str, trigger: str, modality: Modality) -> None:
    doc = _read(text)
    found = {e.trigger: e for e in doc.events}
    assert trigger in found, [(e.trigger, e.modality) for e in doc.events]
    event = found[trigger]
    assert event.modality is modality
    assert event.is_incident is (modality is Modality.ASSERTED)
    if modality is not Modality.ASSERTED:
        assert any(r.startswith(modality.value) for r in event.reasons)  # the reason is kept


@pytest.mark.parametrize(
    "text",
    [
        "The militants did not attack the base.",
        "ISIS militants did not launch an attack on the prison.",
        "No attacks on the prison were reported.",
    ],
)
def test_modality_negated_triggers_are_no_events(text: str) -> None:
    assert [e for e in _read(text).events if e.modality is Modality.ASSERTED] == []


def test_modality_non_happenings_are_shown_apart_in_the_reading() -> None:
    doc = _read("ISIS failed to conduct a prison break in Hasakah. Guards killed two fighters.")
    reading = reading_of(doc, resources().ontology)
    assert all(e["modality"] == "asserted" for e in reading["events"])
    background = {e["trigger"]: e for e in reading["background"]}
    assert background["break"]["modality"] == "failed"


def test_modality_a_failed_and_a_real_escape_do_not_merge() -> None:
    doc = _read(
        "Prisoners failed to escape from the jail in Hasakah on Monday. "
        "On Tuesday, 20 prisoners escaped from the jail in Hasakah."
    )
    kinds = sorted(e.modality.value for e in doc.events if e.event_type == "prison_escape")
    assert kinds == ["asserted", "failed"]
