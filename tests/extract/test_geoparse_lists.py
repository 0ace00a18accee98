"""Geoparsing lists of US states and Syria stories: multi-word states are one span, a list
item is in no other item, and a Syria story's areas are the areas by Damascus."""

from __future__ import annotations

import pytest

from watchfloor.extract.geoparse import geoparse_texts

STATES = (
    "Cases were reported in Arizona, California, Colorado, Georgia, New Jersey, New Mexico "
    "and Rhode Island. A man from Alexandria, La. was held."
)
GHOUTA = (
    "Government forces shelled Douma in Eastern Ghouta on Monday, while fighting went on in "
    "the Qalamoun mountains and in al-Malikeyyeh town in Hasakeh."
)


@pytest.fixture(scope="module")
def toponyms():
    records = list(geoparse_texts([("states.txt", STATES), ("ghouta.txt", GHOUTA)]))
    return {r["file"]: {t["text"]: t for t in r["toponyms"]} for r in records}


def test_multi_word_states_are_one_span_not_their_last_word(toponyms):
    states = toponyms["states.txt"]
    for name in ("New Jersey", "New Mexico", "Rhode Island"):
        assert states[name]["country_code"] == "US", name
        assert states[name]["precision"] == "governorate", name
    assert "Jersey" not in states and "Island" not in states


def test_a_state_in_a_list_is_not_read_inside_the_next_one(toponyms):
    states = toponyms["states.txt"]
    assert states["California"]["name"] == "California"
    assert states["Colorado"]["name"] == "Colorado"
    # ... while "Alexandria, La." still puts the town in Louisiana
    assert states["Alexandria"]["admin1"] == "Louisiana"


def test_syria_story_areas_and_endings(toponyms):
    ghouta = toponyms["ghouta.txt"]
    assert ghouta["Eastern Ghouta"]["admin1"] == "Rif Dimashq"
    qalamoun = next(t for text, t in ghouta.items() if "Qalamoun" in text)
    assert qalamoun["country_code"] == "SY"
    malikiyah = next(t for text, t in ghouta.items() if "Malikeyyeh" in text)
    assert malikiyah["admin1"] == "Al-Hasakah"
