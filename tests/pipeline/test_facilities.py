"""update_facilities over a store: claims and points written per document, views built."""

from __future__ import annotations

from datetime import date

import pytest

from helpers.facilities import build_reading
from watchfloor.model import Qualifier
from watchfloor.pipeline import merge_stored
from watchfloor.pipeline.facilities import update_facilities
from watchfloor.resolve.facilities import load_register
from watchfloor.store.facilities import FacilityStore
from watchfloor.store.facility_views import facility_view, facility_views, indicator_views

pytestmark = pytest.mark.issue(9)


def _fill(store):
    first = build_reading(
        "ISIS fighters stormed Ghwayran prison in Hasakah. "
        "Ghwayran prison, under SDF control, holds about 3,500 ISIS members. "
        "In Syria, ISIS has between 1,500 and 3,000 fighters.",
        published=date(2022, 1, 21),
        quantities=[
            ("about 3,500", 3500, 3500, Qualifier.APPROXIMATELY, "ISIS members", "held"),
            ("between 1,500 and 3,000", 1500, 3000, Qualifier.RANGE, "fighters", "fighters"),
        ],
        events=[("stormed", "attack_on_detention_facility")],
    )
    second = build_reading(
        "In Syria, ISIS now has 10,000 fighters, officials said.",
        outlet="Other Wire",
        published=date(2023, 5, 1),
        quantities=[("10,000", 10000, 10000, Qualifier.EXACT, "fighters", "fighters")],
    )
    for reading in (first, second):
        store.write_document(reading.document, reading, "test")
    return first, second


def test_update_facilities_writes_claims_and_points(memory_store):
    first, second = _fill(memory_store)
    merge_stored(memory_store)
    result = update_facilities(memory_store, [first.document.id, second.document.id])
    assert (result.documents, result.claims, result.points) == (2, 3, 2)
    assert [f.kind for f in result.flags] == ["contradiction"]
    again = update_facilities(memory_store)
    assert (again.claims, again.points) == (3, 2)  # replaced, not added
    counts = FacilityStore(memory_store).counts()
    assert counts["claims"] == {"ghwayran-prison": 3}
    assert counts["points"] == {"isis-fighters-syria": 2}


def test_facility_view_links_the_merged_incident(memory_store):
    first, _ = _fill(memory_store)
    merge_stored(memory_store)
    update_facilities(memory_store)
    register = load_register()
    view = facility_view(memory_store, register.facilities["ghwayran-prison"])
    assert view.state.controller == "SDF"
    assert view.state.population is not None and view.state.population.latest_low == 3500
    assert [i.event_type for i in view.incidents] == ["attack_on_detention_facility"]
    assert view.incidents[0].mention_ids == (first.events[0].id,)
    views = facility_views(memory_store, register)
    assert views[0].facility.id == "ghwayran-prison"
    assert len(views) == len(register)


def test_indicator_views_series(memory_store):
    _fill(memory_store)
    update_facilities(memory_store)
    by_id = {v.indicator.id: v for v in indicator_views(memory_store)}
    series = by_id["isis-fighters-syria"].series
    assert [(e.as_of, e.low, e.high) for e in series.entries] == [
        (date(2022, 1, 21), 1500, 3000),
        (date(2023, 5, 1), 10000, 10000),
    ]
    assert by_id["al-hol-population"].points == ()


def test_update_facilities_skips_unread_documents(memory_store, make_document):
    document = make_document("al-Hol camp is under SDF control.")
    memory_store.write_document(document)
    assert update_facilities(memory_store).documents == 0
