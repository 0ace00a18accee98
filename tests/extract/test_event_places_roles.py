"""What a name does in its sentence decides whether it places an event (issue 12 item 2).

Sentences written for these tests: a place another mention of the event names outside its
own clause lends nothing before the event's own paragraph; the events component's place in
another clause ("surrendered ..., placing a burden on the Hawl camp") is no clause place; a
"where" clause happens at its place; a country described by a copula ("Syria is now the
battlefield") is a place, not an actor; a lower-case common word the gazetteer knows ("a
hole") is no place; where someone came from ("a pharmacist from Birmingham") is no place,
unless a verb moved its object from there; an agreement's name on the subject of "signed"
places nothing. The places are given by hand, so these tests do not depend on the gazetteer.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from helpers.reading import make, nlp
from watchfloor.extract.anchoring import anchor_events
from watchfloor.extract.attribution import find_attributions
from watchfloor.extract.events import find_events
from watchfloor.extract.place_choice import is_origin
from watchfloor.extract.place_roles import common_word
from watchfloor.extract.statements import find_statements
from watchfloor.model import Anchor, AnnotatedDocument, EventMention, Precision

pytestmark = pytest.mark.issue(12)

TOWN, COUNTRY, DISTRICT = Precision.TOWN, Precision.COUNTRY, Precision.DISTRICT
# name -> (lat, lon, precision, country, admin1, place_id)
PLACES: dict[str, tuple[float, float, Precision, str, str | None, str]] = {
    "Baghuz": (34.45, 40.94, TOWN, "SY", "Deir ez-Zor", "baghuz"),
    "Hawl camp": (36.38, 41.15, TOWN, "SY", "Al-Hasakah", "hawl"),
    "Anbar province": (33.0, 42.0, Precision.GOVERNORATE, "IQ", "Anbar", "iq-anbar"),
    "Idlib": (35.93, 36.63, TOWN, "SY", "Idlib", "idlib"),
    "Homs": (34.73, 36.71, TOWN, "SY", "Homs", "homs"),
    "Syria": (35.0, 38.0, COUNTRY, "SY", None, "cc-sy"),
    "Lebanon": (40.34, -76.41, TOWN, "US", "Pennsylvania", "lebanon-pa"),
    "hole": (36.0, 38.0, DISTRICT, "SY", "Raqqa", "hole"),
    "Raqqa": (35.95, 39.01, TOWN, "SY", "Raqqa", "raqqa"),
    "Birmingham": (52.48, -1.89, TOWN, "GB", "England", "birmingham"),
    "Qamishli": (37.05, 41.22, TOWN, "SY", "Al-Hasakah", "qamishli"),
    "Afrin": (36.51, 36.87, TOWN, "SY", "Aleppo", "afrin"),
    "Iraq": (33.0, 44.0, COUNTRY, "IQ", None, "cc-iq"),
}


def _doc(text: str) -> AnnotatedDocument:
    names = {name for name in PLACES if name in text}
    doc, context = make(text, places={n: PLACES[n][:3] for n in names})
    fixed = []
    for place in doc.places:
        _, _, _, country, admin1, place_id = PLACES[place.name]
        fixed.append(replace(place, country_code=country, admin1=admin1, place_id=place_id))
    doc = replace(doc, places=tuple(fixed))
    doc = find_statements(find_attributions(doc, context), context)
    return anchor_events(find_events(doc, context), context)


def _event(text: str, trigger: str) -> EventMention:
    doc = _doc(text)
    found = [e for e in doc.events if e.trigger == trigger]
    assert found, [e.trigger for e in doc.events]
    return found[0]


def test_the_events_place_in_another_clause_is_no_clause_place() -> None:
    text = "Fighters surrendered to the SDF on Tuesday, placing a fresh burden on the Hawl camp."
    event = _event(text, "surrendered")
    assert event.place_anchor is not Anchor.CLAUSE
    assert not any("place from the clause" in r for r in event.reasons)


def test_a_where_clause_happens_at_its_place() -> None:
    text = "After the fall of Homs, the fighters fled to Idlib, where they were arrested."
    event = _event(text, "arrested")
    assert event.place is not None and event.place.text == "Idlib"
    assert event.place_anchor is Anchor.CLAUSE


def test_another_mention_lends_only_its_clause_before_the_paragraph() -> None:
    text = (
        "Kurdish-led forces retook Baghuz on Saturday. Hundreds of militants emerged from "
        "tunnels, surrendering to the forces.\n"
        "In Anbar province, tribesmen armed to fight refuse to surrender their weapons."
    )
    doc = _doc(text)
    surrenders = [e for e in doc.events if e.event_type == "surrender"]
    assert surrenders
    assert all(e.place is None or e.place.text != "Anbar province" for e in surrenders)


def test_a_country_described_by_a_copula_is_a_place_not_an_actor() -> None:
    text = (
        "Syria is now the battlefield for many conflicts. The overnight airstrikes only "
        "sharpen the rivalry. Many people once lived in Lebanon."
    )
    event = _event(text, "airstrikes")
    assert event.place is not None and event.place.text == "Syria"
    assert event.place_anchor is Anchor.COUNTRY


def test_a_lower_case_word_is_no_place() -> None:
    text = (
        "We had gathered in one of the Raqqa houses. The light came in through a hole in the "
        "wall. The battles had drawn closer to our street."
    )
    event = _event(text, "battles")
    assert event.place is not None and event.place.text == "Raqqa"
    hole = next(p for p in _doc(text).places if p.text == "hole")
    assert common_word(hole)


def test_an_agreements_name_on_the_subject_of_signed_places_nothing() -> None:
    text = "The Idlib agreement to end the fighting was signed in Homs on Monday."
    doc = _doc(text)
    agreements = [e for e in doc.events if e.event_type == "agreement"]
    assert agreements
    assert all(e.place is not None and e.place.text == "Homs" for e in agreements)


def test_where_someone_came_from_is_no_place_of_the_event() -> None:
    text = (
        "Kurdish officials in Qamishli spoke on Sunday. The SDF captured three foreigners, "
        "among them a pharmacist from Birmingham."
    )
    event = _event(text, "captured")
    assert event.place is not None and event.place.text == "Qamishli"
    assert event.place_anchor is Anchor.PARAGRAPH


def test_from_on_the_object_of_a_verb_of_moving_is_the_events_place() -> None:
    doc = _doc("Moscow moved personnel from Afrin on Friday.")
    parsed = nlp()(doc.document.text)
    (afrin,) = [p for p in doc.places if p.text == "Afrin"]
    assert not is_origin(parsed, afrin)
    moved = _doc("Gunmen shot displaced people from Afrin in Raqqa.")
    (origin,) = [p for p in moved.places if p.text == "Afrin"]
    assert is_origin(nlp()(moved.document.text), origin)


def test_an_adverbial_mention_lends_the_place_of_the_clause_it_qualifies() -> None:
    text = (
        "Jets carried out airstrikes on Monday. Many families fled to Iraq.\n"
        "Idlib has seen an increase in bloodshed as jets have bombed rebel areas."
    )
    doc = _doc(text)
    strikes = [e for e in doc.events if e.event_type == "airstrike"]
    assert strikes and strikes[0].support, [(e.trigger, e.support) for e in doc.events]
    assert strikes[0].place is not None and strikes[0].place.text == "Idlib"
    assert strikes[0].place_anchor is Anchor.SENTENCE


def test_a_sentence_turning_to_another_incident_borrows_no_place() -> None:
    text = "Rebels shelled Idlib on Monday. Meanwhile, a car bomb exploded near a market."
    doc = _doc(text)
    bombs = [e for e in doc.events if e.event_type != "shelling"]
    assert bombs, [e.event_type for e in doc.events]
    assert all(e.place is None or e.place.text != "Idlib" for e in bombs)
    plain = _doc("Rebels shelled Idlib on Monday. A car bomb exploded near a market.")
    assert any(
        e.place is not None and e.place.text == "Idlib"
        for e in plain.events
        if e.event_type != "shelling"
    )


def test_a_capital_as_a_partner_or_an_aware_subject_is_an_actor() -> None:
    for text in (
        "The earlier chemical attack weakened its relationship with Syria.",
        "Syria is aware of the earlier chemical attack.",
    ):
        attacks = [e for e in _doc(text).events if e.event_type == "chemical_attack"]
        assert attacks, text
        assert all(e.place is None for e in attacks), text
