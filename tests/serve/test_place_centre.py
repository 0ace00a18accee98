"""Place filter lookup: a place name to coordinates, from incidents' places or their claims."""

from __future__ import annotations

from dataclasses import replace

from helpers.desk import escape_story, fill_store
from watchfloor.store.places import place_centre


def test_place_centre_finds_incident_place_ignoring_case(memory_store):
    readings, incidents = escape_story()
    fill_store(memory_store, readings, incidents)
    assert place_centre(memory_store, "AL-HOL") == (36.37, 41.15)
    assert place_centre(memory_store, "Tal Tamr") == (36.65, 40.37)


def test_place_centre_falls_back_to_claimed_places(memory_store):
    readings, (escape, attack) = escape_story()
    # The escape's best place becomes Tal Tamr: al-Hol is then named only by its claims.
    moved = replace(escape, place=attack.place)
    fill_store(memory_store, readings, [moved, attack])
    assert place_centre(memory_store, "al-hol") == (36.37, 41.15)


def test_place_centre_unknown_name_is_none(memory_store):
    readings, incidents = escape_story()
    fill_store(memory_store, readings, incidents)
    assert place_centre(memory_store, "Nowhere-on-the-map") is None
