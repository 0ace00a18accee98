"""Stored incident summaries: the same rows, order and content lists would get from whole incidents.

Run on SQLite and (with WATCHFLOOR_TEST_PG_URL) PostgreSQL through `memory_store`.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from types import ModuleType
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import select, update

from helpers.desk import escape_story
from watchfloor.model import to_plain
from watchfloor.report.describe import incident_headline
from watchfloor.store import Store
from watchfloor.store import schema as t
from watchfloor.store.incident_summary import summarize, summary_plain
from watchfloor.store.repository import MIGRATIONS
from watchfloor.store.search import matching_incident_ids, search_incidents

FILTERS: list[dict[str, Any]] = [
    {},
    {"limit": 1},
    {"limit": 1, "offset": 1},
    {"event_type": "prison_escape"},
    {"min_origins": 2},
    {"actor": "isis"},
    {"near": (36.37, 41.15, 20.0)},
    {"near": (36.37, 41.15, 20.0), "limit": 1, "offset": 1},
    {"since": date(2000, 1, 1), "until": date(2100, 1, 1)},
]


@pytest.fixture
def story(story_each_store) -> Store:
    """The seed escape story's store, SQLite then PostgreSQL."""
    return story_each_store[0]


def _migrate(store: Store, revision: str, *, down: bool) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, revision)


def _migration_0009() -> ModuleType:
    path = MIGRATIONS / "versions" / "0009_incident_summary.py"
    spec = importlib.util.spec_from_file_location("migration_0009", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.issue(16)
@pytest.mark.parametrize("filters", FILTERS, ids=[repr(f) for f in FILTERS])
def test_summaries_are_the_listed_incidents_summarised(story, filters):
    whole = story.incidents(**filters)
    summaries = story.incident_summaries(**filters)
    assert [s.id for s in summaries] == [i.id for i in whole]
    assert summaries == [summarize(i) for i in whole]


@pytest.mark.issue(16)
def test_a_summary_carries_what_a_list_row_shows(story):
    for incident in story.incidents():
        (summary,) = story.incident_summaries(ids=[incident.id])
        assert incident_headline(summary) == incident_headline(incident)
        assert summary.claim_count == len(incident.claims) > 0
        assert summary.outlets == tuple(dict.fromkeys(c.outlet for c in incident.claims))
        assert summary.independent_origins == incident.independent_origins


@pytest.mark.issue(16)
def test_a_row_without_its_summary_is_summarised_from_the_incident(story):
    expected = [summarize(i) for i in story.incidents()]
    with story.engine.begin() as conn:
        conn.execute(update(t.incidents).values(summary=None))
    assert story.incident_summaries() == expected


@pytest.mark.issue(16)
def test_migration_back_fills_the_summaries_it_adds(story):
    expected = story.incident_summaries()
    _migrate(story, "0008", down=True)
    _migrate(story, "head", down=False)
    with story.engine.connect() as conn:
        stored = dict(conn.execute(select(t.incidents.c.id, t.incidents.c.summary)).all())
    assert all(stored.values()) and len(stored) == len(expected)
    assert story.incident_summaries() == expected


@pytest.mark.issue(16)
def test_migration_computes_the_summary_the_store_writes():
    migration = _migration_0009()
    _, incidents = escape_story()
    for incident in incidents:
        assert migration._summary(to_plain(incident)) == summary_plain(incident)


@pytest.mark.issue(16)
@pytest.mark.parametrize("query", ["escaped", "Rudaw camp", "al-Hol", "nothing-matches-this", "!!"])
def test_matching_ids_are_the_search_hits(story, query):
    hits = {hit.id for hit in search_incidents(story, query, limit=None)}
    assert matching_incident_ids(story, query) == hits
    if query == "escaped":
        assert hits  # the story has an escape: the comparison is not of two empty sets
