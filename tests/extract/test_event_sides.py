"""Sides, frames and context of event triggers (issue 12; found by reading the wave-4 change).

Sentences written for these tests:

- a verb whose sides may be armed (a clash) is a battle unless every side named is a state or
  government: a state against a named group the catalogue types as armed is fighting;
- a group the catalogue types as armed is an armed side that can be expelled from a place;
- a fear, plan or risk frames only its copula's complement, not an adverbial clause that tells
  its own happening;
- a convoy is a deployment only where its sentence says it is armed, not where it merely holds
  "vehicles" or another side's "forces";
- the main event's reason names the pool it came from.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from helpers.reading import read_news
from watchfloor.extract import Extractor
from watchfloor.model import AnnotatedDocument, Modality

pytestmark = [pytest.mark.issue(12), pytest.mark.slow]


def _read(extractor: Extractor, text: str) -> AnnotatedDocument:
    return read_news(
        extractor, text, datetime(2018, 3, 7, tzinfo=UTC), datetime(2018, 3, 8, tzinfo=UTC)
    )


def _asserted(doc: AnnotatedDocument) -> list[str]:
    return [e.event_type for e in doc.events if e.modality is Modality.ASSERTED]


@pytest.mark.parametrize(
    "text",
    [
        "Turkey clashed with Hurras al-Din in Idlib on Monday.",
        "Russia clashed with Jaysh al-Islam near Douma on Monday.",
        "Turkey clashed with the Islamic State group near al-Bab on Monday.",
    ],
)
def test_a_state_clashing_with_a_named_armed_group_fights(extractor: Extractor, text: str) -> None:
    assert _asserted(_read(extractor, text)) == ["armed_clash"]


def test_states_that_clash_with_states_quarrel(extractor: Extractor) -> None:
    doc = _read(extractor, "Qatar has clashed with other Arab states over the blockade.")
    assert "armed_clash" not in _asserted(doc)


def test_a_catalogue_armed_group_expelled_from_a_place_loses_territory(
    extractor: Extractor,
) -> None:
    doc = _read(extractor, "Jaysh al-Islam was expelled from Douma on Monday.")
    assert _asserted(doc) == ["territory_seized"]
    assert doc.events[0].place is not None and doc.events[0].place.name == "Douma"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The risk was high after Russian jets bombed Idlib on Monday.", "airstrike"),
        ("The fear was real as Isis fighters attacked Hajin on Monday.", "armed_clash"),
    ],
)
def test_a_copula_frames_its_complement_not_an_adverbial_clause(
    extractor: Extractor, text: str, kind: str
) -> None:
    assert _asserted(_read(extractor, text)) == [kind]


def test_a_fear_still_frames_its_complement(extractor: Extractor) -> None:
    doc = _read(extractor, "My big fear was of stepping on a landmine near Raqqa on Monday.")
    assert doc.events and all(e.modality is not Modality.ASSERTED for e in doc.events)


@pytest.mark.parametrize(
    "text",
    [
        "A convoy of vehicles carrying food and medical aid entered eastern Ghouta on Tuesday.",
        "Government forces blocked a convoy carrying food and medical aid to Douma on Tuesday.",
    ],
)
def test_an_aid_convoy_is_no_deployment(extractor: Extractor, text: str) -> None:
    assert "deployment" not in _asserted(_read(extractor, text))


def test_an_armed_convoy_is_a_deployment(extractor: Extractor) -> None:
    doc = _read(extractor, "An armed convoy of Turkish troops entered Idlib on Tuesday.")
    assert _asserted(doc) == ["deployment"]


def test_a_lead_of_old_history_lets_the_news_peg_lead(extractor: Extractor) -> None:
    text = (
        "Syria's long war.\n\n"
        "In 2014 Isis seized Mosul and declared a caliphate. The group held much of the east. "
        "Its rule was brutal. Many fled abroad.\n\n"
        "By Friday Syria's military had arrived at the frontline in Manbij, officials said."
    )
    doc = _read(extractor, text)
    main = doc.events[0]
    assert main.event_type == "deployment"
    assert "main event: the news peg: dated to a day of the last week by its own words" in (
        main.reasons
    )
