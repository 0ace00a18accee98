"""Anchoring: a later event anchored only by its neighbours is background, not an incident.

Its own sentence must anchor it in place or in time: a paragraph's place with no date in the
text at all is a mention in passing, and a paragraph's place in another country than the main
event's (a summit, a home town, a capital the paragraph names) is no place of a happening.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from helpers.reading import make
from watchfloor.extract.anchoring import anchor_events
from watchfloor.extract.anchoring_main import told_again
from watchfloor.extract.attribution import find_attributions
from watchfloor.extract.events import find_events
from watchfloor.extract.statements import find_statements
from watchfloor.model import Anchor, DateMention, DatePrecision, EventMention, Precision

TOWN = Precision.TOWN
PLACES = {
    "Hasakah": (36.5, 40.75, TOWN),
    "Baghuz": (34.46, 40.95, TOWN),
    "Leeds": (53.8, -1.55, TOWN),
}
COUNTRY = {"Leeds": "GB"}
DAYS = {"on Saturday": (date(2026, 1, 24), date(2026, 1, 24)),
        "on Friday": (date(2026, 1, 23), date(2026, 1, 23))}  # fmt: skip


def _read(text: str) -> list[EventMention]:
    places = {name: spec for name, spec in PLACES.items() if name in text}
    dates = {surface: span for surface, span in DAYS.items() if surface in text}
    doc, context = make(text, places=places, dates=dates)
    fixed = tuple(replace(p, country_code=COUNTRY.get(p.name, p.country_code)) for p in doc.places)
    doc = find_statements(find_attributions(replace(doc, places=fixed), context), context)
    return list(anchor_events(find_events(doc, context), context).events)


def _event(events: list[EventMention], trigger: str) -> EventMention:
    found = [e for e in events if e.trigger == trigger]
    assert found, [(e.trigger, e.event_type) for e in events]
    return found[0]


def test_borrowed_place_without_any_date_is_background() -> None:
    events = _read(
        "ISIS fighters stormed the prison in Hasakah.\n\n"
        "The group has a long history in Baghuz. Its fighters raided the villages."
    )
    later = _event(events, "raided")
    assert later.place_anchor is Anchor.PARAGRAPH and later.date_anchor is Anchor.PUBLICATION
    assert later.background and not later.is_incident
    assert "background: neither its place nor its date is its own" in later.reasons


def test_borrowed_place_with_a_date_of_its_own_is_an_incident() -> None:
    events = _read(
        "ISIS fighters stormed the prison in Hasakah on Saturday.\n\n"
        "The group has a long history in Baghuz. Its fighters raided the villages on Friday."
    )
    later = _event(events, "raided")
    assert later.place_anchor is Anchor.PARAGRAPH and later.date_anchor is not Anchor.PUBLICATION
    assert later.is_incident


def test_borrowed_place_in_another_country_is_background() -> None:
    events = _read(
        "ISIS fighters stormed the prison in Hasakah on Saturday.\n\n"
        "Ministers met in Leeds to discuss the war. Its fighters raided the villages on Friday."
    )
    assert events[0].trigger == "stormed"
    later = _event(events, "raided")
    assert later.place is not None and later.place.name == "Leeds"
    assert later.background and not later.is_incident
    assert any("another country than the main event's" in r for r in later.reasons)


def test_own_place_in_another_country_stays_an_incident() -> None:
    events = _read(
        "ISIS fighters stormed the prison in Hasakah on Saturday.\n\n"
        "Police raided a house in Leeds on Friday."
    )
    later = _event(events, "raided")
    assert later.place_anchor is Anchor.CLAUSE and later.is_incident


def test_same_incident_told_again_is_not_a_second_incident() -> None:
    # Mentions the events component kept apart (their places differed before anchoring) that
    # anchoring brought to one type, place and period are one incident told twice.
    first = _read("ISIS fighters stormed the prison in Hasakah on Saturday.")[0]
    again = replace(first, id="again", trigger="assault")
    assert told_again(again, [first]) == "the same incident as an earlier mention"
    friday = DateMention("on Friday", date(2026, 1, 20), date(2026, 1, 20), DatePrecision.DAY,
                         first.evidence)  # fmt: skip
    assert told_again(replace(again, date=friday), [first]) == ""
    assert first.figures == () and first.actor1 is not None
    other = replace(first.actor1, actor_id="someone_else")
    assert told_again(replace(again, actor1=other), [first]) == ""
