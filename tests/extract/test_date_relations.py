"""Which happening a date belongs to beyond the clause: a phrase told a measured time apart
("two weeks after the strike on Thursday") and a neighbour's date on a verb of another kind
("Flights were suspended on Thursday"). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from helpers.reading import anchored_events
from watchfloor.model import Anchor, EventMention, Precision

PUBLISHED = date(2026, 1, 25)  # a Sunday
THURSDAY = (date(2026, 1, 22), date(2026, 1, 22))
PLACES = {"Hasakah": (36.5, 40.75, Precision.TOWN), "Homs": (34.73, 36.71, Precision.TOWN)}


def _read(text: str, dates: dict[str, tuple[date, date]]) -> list[EventMention]:
    return anchored_events(text, dates, PLACES, PUBLISHED)


def _of_type(events: list[EventMention], event_type: str) -> EventMention:
    found = [e for e in events if e.event_type == event_type]
    assert found, [(e.trigger, e.event_type) for e in events]
    return found[0]


def _dated(event: EventMention) -> tuple[date, date] | None:
    return (event.date.start, event.date.end) if event.date and event.date.text else None


def test_a_date_in_a_phrase_told_weeks_apart_dates_only_its_happening() -> None:
    events = _read(
        "Rebels shelled Homs two weeks after the air strike on Hasakah on Thursday.",
        {"on Thursday": THURSDAY},
    )
    assert _dated(_of_type(events, "airstrike")) == THURSDAY
    shelling = _of_type(events, "shelling")
    assert _dated(shelling) is None and shelling.date_anchor is Anchor.PUBLICATION


def test_a_happening_told_a_week_before_takes_not_the_sentences_date() -> None:
    events = _read(
        "Rebels shelled Homs on Thursday, a week after an air strike killed 12 in Hasakah.",
        {"on Thursday": THURSDAY},
    )
    assert _dated(_of_type(events, "shelling")) == THURSDAY
    assert _dated(_of_type(events, "airstrike")) is None


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # No measured distance: told as one moment, they share the date.
        ("Rebels shelled Homs on Thursday after an air strike hit Hasakah.", "on Thursday"),
        # A neighbour's date on a noun naming a happening, whatever its verb.
        (
            "An air strike hit Hasakah. Weeks of surveillance preceded Thursday's bombing.",
            "Thursday",
        ),
        # ... or on a verb of the happening's course.
        ("An air strike hit Hasakah. The bombardment began on Thursday.", "on Thursday"),
    ],
)
def test_a_date_of_the_same_moment_still_dates_the_event(text: str, said: str) -> None:
    assert _dated(_of_type(_read(text, {said: THURSDAY}), "airstrike")) == THURSDAY


@pytest.mark.parametrize(
    "text",
    [
        "An air strike hit Hasakah. Flights were suspended on Thursday.",
        "An air strike hit Hasakah. The road had been reopened on Thursday after repairs.",
    ],
)
def test_a_neighbours_date_of_another_kind_of_happening_is_not_lent(text: str) -> None:
    event = _of_type(_read(text, {"on Thursday": THURSDAY}), "airstrike")
    assert _dated(event) is None and event.date_anchor is Anchor.PUBLICATION


def test_a_neighbours_date_of_a_statement_is_not_lent_to_a_strike() -> None:
    # Politics and force are happenings of different kinds: the denouncing has its own date.
    last_month = (date(2025, 12, 1), date(2025, 12, 31))
    event = _of_type(
        _read(
            "An air strike hit Hasakah. Last month the minister denounced the rebels.",
            {"Last month": last_month},
        ),
        "airstrike",
    )
    assert _dated(event) is None and event.date_anchor is Anchor.PUBLICATION


def test_a_neighbours_date_of_a_facet_of_the_same_kind_is_lent() -> None:
    # The storming of a prison and the clashes at it are one day's news (force).
    events = _read(
        "Heavy clashes broke out near the gate of the prison in Hasakah. ISIS fighters had "
        "stormed the prison on Thursday.",
        {"on Thursday": THURSDAY},
    )
    assert _dated(_of_type(events, "armed_clash")) == THURSDAY
