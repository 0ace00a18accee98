"""The grid-cell spatial index (migration 0011) and word filters answered inside the database.

A point-and-radius filter must find exactly the incidents a brute-force great-circle scan
finds, on SQLite and PostgreSQL; a word filter as a subquery exactly the incidents the
full-text search finds.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from math import cos, radians, sin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

import incident_factory as F
from helpers.desk import escape_story, fill_store
from watchfloor.model.geo import haversine_km
from watchfloor.model.provenance import SourceKind, StatementKind
from watchfloor.store import Store
from watchfloor.store.incident_query import count_incidents, marker_rows
from watchfloor.store.search import matching_incident_ids, matching_incidents_where
from watchfloor.store.spatial import cells_around, grid_cell

pytestmark = pytest.mark.issue(16)

_lat = st.floats(-80.0, 80.0)
_lon = st.floats(-179.9, 179.9)


@settings(max_examples=300, deadline=None)
@given(_lat, _lon, st.floats(0.1, 600.0), st.floats(0.0, 1.0), st.floats(0.0, 360.0))
def test_every_point_within_the_radius_lies_in_one_of_the_cells_asked_for(
    lat: float, lon: float, km: float, share: float, bearing: float
) -> None:
    cells = cells_around(lat, lon, km)
    if cells is None:  # too many cells: the filter takes the bounding box instead
        return
    # A point `share` of the radius away, in any direction (small steps on the sphere).
    dlat = km * share * cos(radians(bearing)) / 111.0
    dlon = km * share * sin(radians(bearing)) / (111.0 * max(cos(radians(lat)), 0.01))
    plat, plon = lat + dlat, ((lon + dlon + 180.0) % 360.0) - 180.0
    if abs(plat) > 89.0 or haversine_km(lat, lon, plat, plon) > km:
        return
    assert grid_cell(plat, plon) in cells


def test_cells_are_few_for_a_town_radius_and_none_for_a_continent() -> None:
    cells = cells_around(36.2, 37.15, 50.0)
    assert cells is not None and 9 <= len(cells) <= 60
    assert cells_around(36.2, 37.15, 3000.0) is None
    assert grid_cell(None, 40.0) is None
    assert grid_cell(36.2, 37.15) != grid_cell(36.2, 37.45)


def _scattered(store: Store, n: int = 120, seed: int = 16) -> list[tuple[str, float, float]]:
    """n incidents at seeded points over Syria and Iraq, on seeded days; (id, lat, lon)."""
    rng = random.Random(seed)
    made = []
    for k in range(n):
        lat, lon = rng.uniform(32.0, 37.5), rng.uniform(35.5, 46.0)
        where = F.place(f"Place {k}", lat, lon, doc=f"doc-{k:04d}")
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(300))
        claim = F.claim(k, "Rudaw", F.chain(("Rudaw", SourceKind.OUTLET)),
                        kind=StatementKind.REPORTED_FACT, where=where, when=day,
                        published=datetime(2025, 11, 1, tzinfo=UTC))  # fmt: skip
        incident = F.make_incident([claim], seed=f"evm-{k:04d}", where=where, start=day, end=day)
        made.append(incident)
    store.save_incidents(made, {i.id: [] for i in made}, ())
    return [
        (i.id, i.place.lat, i.place.lon)
        for i in made
        if i.place and i.place.lat is not None and i.place.lon is not None
    ]


@pytest.mark.parametrize("km", [5.0, 40.0, 150.0, 900.0])
def test_near_finds_exactly_what_a_great_circle_scan_finds(memory_store: Store, km: float) -> None:
    points = _scattered(memory_store)
    for lat, lon in [(36.2, 37.15), (33.3, 44.4), (35.0, 41.0)]:
        truth = {ref for ref, plat, plon in points if haversine_km(lat, lon, plat, plon) <= km}
        near = (lat, lon, km)
        assert {i.id for i in memory_store.incidents(near=near)} == truth
        assert {s.id for s in memory_store.incident_summaries(near=near)} == truth
        assert {r[0] for r in marker_rows(memory_store, near=near)} == truth
        assert count_incidents(memory_store, near=near) == len(truth)


def test_the_cell_is_written_with_every_incident(memory_store: Store) -> None:
    points = _scattered(memory_store, n=10)
    with memory_store.engine.connect() as conn:
        cells: dict[str, int] = dict(conn.execute(text("SELECT id, cell FROM incidents")).all())
    assert cells == {ref: grid_cell(lat, lon) for ref, lat, lon in points}


def test_a_word_filter_as_a_subquery_matches_the_search(memory_store: Store) -> None:
    readings, incidents = escape_story()
    fill_store(memory_store, readings, incidents)
    for words in ("escaped", "gate", "checkpoint", "nothing-like-this"):
        condition = matching_incidents_where(memory_store, words)
        assert condition is not None
        found = {i.id for i in memory_store.incidents(ids=condition)}
        assert found == matching_incident_ids(memory_store, words)
        assert count_incidents(memory_store, ids=condition) == len(found)
    escaped = matching_incidents_where(memory_store, "escaped")
    both = memory_store.incident_summaries(ids=escaped, event_type="prison_escape")
    assert both and all(s.event_type == "prison_escape" for s in both)
    # A query of no words has no subquery: callers take the substring fallback.
    assert matching_incidents_where(memory_store, "?! …") is None


def test_near_pages_are_the_latest_within_the_radius(memory_store: Store) -> None:
    _scattered(memory_store)
    near = (34.5, 40.5, 250.0)
    whole = [i.id for i in memory_store.incidents(near=near)]
    assert len(whole) > 8
    assert [s.id for s in memory_store.incident_summaries(near=near, limit=5)] == whole[:5]
    assert [s.id for s in memory_store.incident_summaries(near=near, limit=3, offset=4)] == (
        whole[4:7]
    )
    assert [r[0] for r in marker_rows(memory_store, limit=6, near=near)] == whole[:6]


def test_a_common_actor_is_walked_in_date_order_with_the_same_result(
    memory_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import watchfloor.store.incident_query as query

    _scattered(memory_store, n=40)
    pages = {}
    for common in (10**9, 0):  # every actor rare, then every actor common
        monkeypatch.setattr(query, "_COMMON_ACTOR", common)
        pages[common] = (
            [s.id for s in memory_store.incident_summaries(actor="ISIS", limit=7, offset=3)],
            [r[0] for r in marker_rows(memory_store, limit=11, actor="sdf")],
            [i.id for i in memory_store.incidents(actor="nobody")],
        )
    assert pages[0] == pages[10**9]
    assert len(pages[0][0]) == 7 and len(pages[0][1]) == 11 and pages[0][2] == []
