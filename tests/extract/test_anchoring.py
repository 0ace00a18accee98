"""Anchoring: an event's place and date come from its clause, sentence, paragraph, title or
dateline (and say which); capitals acting for governments are not places; the main event comes
from the title and lead; unanchored later events are background, not incidents."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from helpers.reading import make
from watchfloor.extract.anchoring import anchor_events
from watchfloor.extract.attribution import find_attributions
from watchfloor.extract.events import find_events
from watchfloor.extract.statements import find_statements
from watchfloor.model import Anchor, EventMention, Precision

TOWN, GOV, COUNTRY = Precision.TOWN, Precision.GOVERNORATE, Precision.COUNTRY
PLACES = {
    "Hasakah": (36.5, 40.75, TOWN),
    "Baghuz": (34.46, 40.95, TOWN),
    "Afrin": (36.51, 36.87, TOWN),
    "Idlib": (35.93, 36.63, GOV),
    "Syria": (35.0, 38.5, COUNTRY),
    "Ankara": (39.93, 32.86, TOWN),
    "Washington": (38.9, -77.04, TOWN),
    "Damascus": (33.51, 36.29, TOWN),
    "Homs": (34.73, 36.71, TOWN),
    "BEIRUT": (33.89, 35.5, TOWN),
    "Britain": (54.0, -2.0, COUNTRY),
}
CAPITALS = {"Ankara": "TR", "Washington": "US", "BEIRUT": "LB", "Damascus": "SY"}


def _read(text: str, dates: dict[str, tuple[date, date]] | None = None):
    places = {name: spec for name, spec in PLACES.items() if name in text}
    doc, context = make(text, places=places, dates=dates)
    fixed = []
    for place in doc.places:  # capitals as the gazetteer gives them: PPLC, their country
        if place.name in CAPITALS:
            place = replace(place, feature="PPLC", country_code=CAPITALS[place.name])
        fixed.append(place)
    doc = replace(doc, places=tuple(fixed))
    doc = find_statements(find_attributions(doc, context), context)
    return anchor_events(find_events(doc, context), context)


def _event(doc, trigger: str) -> EventMention:
    found = [e for e in doc.events if e.trigger == trigger]
    assert found, [(e.trigger, e.event_type) for e in doc.events]
    return found[0]


def test_anchoring_place_of_the_clause() -> None:
    doc = _read("ISIS fighters attacked the prison in Hasakah on Thursday.")
    event = _event(doc, "attacked")
    assert event.place is not None and event.place.name == "Hasakah"
    assert event.place_anchor is Anchor.CLAUSE
    assert any("place from the clause" in r for r in event.reasons)


def test_anchoring_place_of_the_sentence_before() -> None:
    doc = _read(
        "SDF fighters surrounded the last ISIS pocket in Baghuz on Saturday. "
        "Dozens of militants were killed in the clashes."
    )
    event = _event(doc, "killed")  # "killed in the clashes": one event
    assert event.place is not None and event.place.name == "Baghuz"
    assert event.place_anchor is Anchor.PARAGRAPH


def test_anchoring_place_from_the_title() -> None:
    doc = _read(
        "Car bomb kills 12 in Hasakah\n\n"
        "A car bomb exploded on Sunday near a checkpoint, killing 12 people, police said."
    )
    event = doc.events[0]
    assert event.place is not None and event.place.name == "Hasakah"
    assert event.place_anchor in (Anchor.TITLE, Anchor.CLAUSE, Anchor.SENTENCE)


def test_anchoring_dateline_place_is_a_last_resort() -> None:
    doc = _read("BEIRUT - A car bomb exploded on Sunday near a checkpoint, killing 12 people.")
    event = doc.events[0]
    assert event.place is not None and event.place.name == "BEIRUT"
    assert event.place_anchor is Anchor.DATELINE


def test_anchoring_capital_acting_for_its_government_is_not_the_place() -> None:
    doc = _read("Ankara shelled Afrin on Saturday.")
    event = _event(doc, "shelled")
    assert event.place is not None and event.place.name == "Afrin"
    doc = _read("Washington said airstrikes hit ISIS positions in Idlib.")
    event = doc.events[0]
    assert event.place is not None and event.place.name == "Idlib"


def test_anchoring_capital_that_undergoes_the_event_is_its_place() -> None:
    doc = _read("On Tuesday night Damascus experienced a wave of missile attacks.")
    event = doc.events[0]
    assert event.place is not None and event.place.name == "Damascus"
    assert event.place_anchor is Anchor.CLAUSE
    # the same capital as the subject of an act stays its government
    doc = _read("Damascus shelled Homs on Saturday.")
    assert doc.events[0].place is not None and doc.events[0].place.name == "Homs"


def test_anchoring_capital_used_for_its_government_is_so_in_the_whole_report() -> None:
    # "Ankara" acts for Turkey in the first sentence: elsewhere it is not borrowed as a place,
    # neither from the clause ("in the face of warnings from Ankara") nor from the sentence.
    doc = _read(
        "Ankara has moved more troops to the border.\n\n"
        "Despite warnings from Ankara, militants attacked a checkpoint on Friday."
    )
    event = _event(doc, "attacked")
    assert event.place is None or event.place.name != "Ankara"
    # Governed by a preposition of place it is still a place: "fighting near Ankara".
    doc = _read("Ankara has moved more troops to the border. Fighters attacked a base near Ankara.")
    event = _event(doc, "attacked")
    assert event.place is not None and event.place.name == "Ankara"
    # A report where the capital never acts keeps it as a place from the sentence.
    doc = _read("A car bomb exploded on Sunday, police in Ankara said.")
    assert doc.events[0].place is not None and doc.events[0].place.name == "Ankara"


def test_anchoring_name_modifying_an_actor_places_nothing() -> None:
    doc = _read("An airstrike killed 12 civilians, the Britain-based monitor said.")
    assert doc.events and doc.events[0].place is None


def test_anchoring_country_is_refined_by_a_place_inside_it() -> None:
    doc = _read(
        "An airstrike killed 12 civilians in Syria on Monday. "
        "The strike hit a market in Idlib, the monitor said."
    )
    event = doc.events[0]
    assert event.place is not None and event.place.name == "Idlib"


def test_anchoring_country_alone_is_flagged_as_its_centroid() -> None:
    doc = _read("An airstrike killed 12 civilians in Syria on Monday.")
    event = doc.events[0]
    assert event.place is not None and event.place.precision is COUNTRY
    assert event.place_anchor is Anchor.COUNTRY
    assert any("centroid" in r for r in event.reasons)


def test_anchoring_date_of_the_clause_and_of_the_paragraph() -> None:
    saturday = (date(2026, 1, 24), date(2026, 1, 24))
    doc = _read(
        "ISIS fighters stormed the prison in Hasakah on Saturday. "
        "Heavy clashes broke out near the gate.",
        dates={"on Saturday": saturday},
    )
    first = _event(doc, "stormed")
    assert first.date is not None and first.date.start == date(2026, 1, 24)
    assert first.date_anchor is Anchor.CLAUSE
    later = _event(doc, "clashes")
    assert later.date is not None and later.date.start == date(2026, 1, 24)
    assert later.date_anchor is Anchor.PARAGRAPH


def test_anchoring_old_dates_are_not_borrowed() -> None:
    doc = _read(
        "ISIS declared its caliphate in 2014. Fighters attacked the prison in Hasakah.",
        dates={"2014": (date(2014, 1, 1), date(2014, 12, 31))},
    )
    event = _event(doc, "attacked")
    assert event.date_anchor is Anchor.PUBLICATION


def test_anchoring_main_event_comes_from_the_lead() -> None:
    doc = _read(
        "ISIS fighters stormed the prison in Hasakah on Saturday. Commanders met in Baghuz. "
        "Clashes broke out in Baghuz. Clashes went on in Baghuz. Clashes killed 4 in Baghuz."
    )
    assert doc.events[0].trigger == "stormed"
    assert any(r.startswith("main event") for r in doc.events[0].reasons)


def test_anchoring_main_event_is_inside_the_report_window() -> None:
    # Both in the lead; the clash is dated years before publication, the raid is recent.
    doc = _read(
        "A former soldier who joined Kurdish fighters in clashes with ISIS in Baghuz in 2015 "
        "was arrested at a hotel in Hasakah on Saturday.",
        dates={
            "2015": (date(2015, 1, 1), date(2015, 12, 31)),
            "on Saturday": (date(2026, 1, 24), date(2026, 1, 24)),
        },
    )
    assert doc.events[0].trigger == "arrested", [(e.trigger, e.salience) for e in doc.events]
    # the relative clause on the subject is not the arrest's clause: neither its place nor date
    arrest = doc.events[0]
    assert arrest.place is not None and arrest.place.name == "Hasakah"
    assert arrest.date is not None and arrest.date.start == date(2026, 1, 24)
    # a relative clause on a nominal trigger tells the event itself
    doc = _read("The attack, which hit a checkpoint in Baghuz, killed 4 soldiers.")
    assert doc.events[0].place is not None and doc.events[0].place.name == "Baghuz"


def test_anchoring_unanchored_later_event_is_background() -> None:
    text = (
        "ISIS fighters stormed the prison in Hasakah on Saturday. The group has a long history. "
        "It was founded by al-Qaida veterans. Its leaders came from Iraq. Its rise was fast. "
        "Its fighters came from many countries. Militants attacked many checkpoints."
    )
    doc = _read(text)
    assert doc.events[0].is_incident
    later = _event(doc, "attacked")
    assert later.background and not later.is_incident
    assert "background: no place of its own" in later.reasons


def test_anchoring_later_event_dated_long_before_is_background() -> None:
    text = (
        "ISIS fighters stormed the prison in Hasakah on Saturday. "
        "In 2015, militants attacked many checkpoints in Baghuz."
    )
    doc = _read(text, dates={"2015": (date(2015, 1, 1), date(2015, 12, 31))})
    later = _event(doc, "attacked")
    assert later.place_anchor is Anchor.CLAUSE
    assert later.background and "background: dated outside the report's window" in later.reasons


def test_anchoring_anchored_later_event_is_an_incident() -> None:
    doc = _read(
        "SDF fighters surrounded Baghuz on Saturday. The group has a long history. "
        "It was founded by al-Qaida veterans. Separately, militants attacked a checkpoint in "
        "Hasakah."
    )
    later = _event(doc, "attacked")
    assert later.is_incident and later.place_anchor is Anchor.CLAUSE


def test_anchoring_noun_rooted_title_ends() -> None:
    # A headline without a verb: climbing to the clause's verb stops at the root.
    doc = _read("Hasakah explosion due to rocket bomb\n\nThe blast hit a market on Saturday.")
    assert doc.events and doc.events[0].place is not None
