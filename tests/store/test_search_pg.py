"""PostgreSQL full-text search (migration 0005): tsvector ranking, headlines, web-search syntax.

The shared search tests in test_search.py run on both engines through `memory_store`; these
cover what only PostgreSQL has, and skip without WATCHFLOOR_TEST_PG_URL
(`scripts/pg-test-server start` prints one).
"""

from __future__ import annotations

import os
import random
import string
import uuid
from collections.abc import Iterator

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from helpers.desk import escape_story, fill_store
from watchfloor.store import Store, open_store
from watchfloor.store.postgres import create_schema, drop_schema
from watchfloor.store.repository import MIGRATIONS
from watchfloor.store.search import (
    MATCH_END,
    MATCH_START,
    search_documents,
    search_incidents,
)
from watchfloor.store.search_schema import PG_INDEXED_CHARS

pytestmark = pytest.mark.issue(8)


@pytest.fixture
def pg_store() -> Iterator[Store]:
    """A migrated store in a fresh PostgreSQL schema, dropped afterwards."""
    url = os.environ.get("WATCHFLOOR_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL: set WATCHFLOOR_TEST_PG_URL (scripts/pg-test-server start)")
    schema = f"test_{uuid.uuid4().hex[:16]}"
    store = open_store(create_schema(url, schema))
    yield store
    store.close()
    drop_schema(url, schema)


@pytest.fixture
def pg_story(pg_store):
    readings, incidents = escape_story()
    fill_store(pg_store, readings, incidents)
    return pg_store, readings, incidents


def _migrate(store: Store, revision: str, *, down: bool) -> None:
    """Run Alembic on the store's own connection, as Store.migrate does."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, revision)


def _unique_words(count: int, seed: int) -> list[str]:
    """Random lower-case words, unlikely to repeat: the worst case for a tsvector's size."""
    rng = random.Random(seed)
    return ["".join(rng.choices(string.ascii_lowercase, k=9)) for _ in range(count)]


def test_search_pg_documents_ranked_by_tsvector_title_first(pg_story):
    store, readings, _ = pg_story
    hits = search_documents(store, "ISIS")
    # "ISIS" is in one title (weight A) and in both texts: the titled one ranks first.
    assert [h.id for h in hits] == [readings[0].document.id, readings[1].document.id]
    assert hits[0].rank < hits[1].rank < 0.0  # minus ts_rank: not the substring fallback's 0.0
    assert f"{MATCH_START}ISIS{MATCH_END}" in hits[1].snippet


def test_search_pg_documents_headline_marks_words_in_text(pg_story):
    store, readings, _ = pg_story
    hits = search_documents(store, "prisoners escaped")
    assert {h.id for h in hits} == {readings[0].document.id, readings[1].document.id}
    for hit in hits:
        assert f"{MATCH_START}prisoners{MATCH_END} {MATCH_START}escaped{MATCH_END}" in hit.snippet
        assert hit.title is not None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"mass escape"', [1]),  # a phrase: the title "Mass escape"
        ('"escape mass"', []),  # the same words in the wrong order are no phrase
        ("escaped -hundreds", [1]),  # a leading minus excludes a word
        ("gunmen or hundreds", [0, 2]),  # or joins alternatives
        ("gunmen hundreds", []),  # otherwise every word is required
    ],
)
def test_search_pg_documents_take_web_search_syntax(pg_story, query, expected):
    store, readings, _ = pg_story
    found = {h.id for h in search_documents(store, query)}
    assert found == {readings[i].document.id for i in expected}


def test_search_pg_documents_page_in_rank_order(pg_story):
    store, _, _ = pg_story
    whole = [h.id for h in search_documents(store, "ISIS")]
    pages = [h.id for n in (0, 1) for h in search_documents(store, "ISIS", limit=1, offset=n)]
    assert pages == whole


def test_search_pg_incidents_from_trigger_kept_table(pg_story):
    store, _, incidents = pg_story
    hits = search_incidents(store, "SDF said")
    assert [h.id for h in hits] == [incidents[0].id]
    assert hits[0].rank < 0.0
    assert f"{MATCH_START}SDF{MATCH_END} {MATCH_START}said{MATCH_END}" in hits[0].snippet
    # The incident's type and place are indexed with its claims.
    assert [h.id for h in search_incidents(store, "armed clash")] == [incidents[1].id]
    assert search_incidents(store, "SDF", limit=None, offset=1) == []


def test_search_pg_incident_rows_follow_incidents(pg_story):
    store, _, incidents = pg_story
    store.save_incidents([incidents[0]], blocks={}, retired=[incidents[1].id])
    with store.engine.connect() as conn:
        kept = conn.execute(text("SELECT incident_id FROM search_incidents")).scalars().all()
    assert kept == [incidents[0].id]  # the retired incident's row went with it (cascade)


def test_search_pg_query_without_lexemes_falls_back_to_substrings(pg_store, make_document):
    doc = make_document("The log names the file casualty_list.csv as the origin.")
    pg_store.write_document(doc)
    # The parser finds no word in "_", so no tsquery can match; ILIKE still finds it.
    hits = search_documents(pg_store, "_")
    assert [h.id for h in hits] == [doc.id]
    assert hits[0].rank == 0.0


@pytest.mark.parametrize("query", ["Hasakah", "raqqa", "casualty", "Raqqa/Hasakah"])
def test_search_pg_slash_and_underscore_split_words_as_in_fts5(pg_store, make_document, query):
    doc = make_document("Clashes in Raqqa/Hasakah, says casualty_list.csv from the SDF.")
    pg_store.write_document(doc)
    hits = search_documents(pg_store, query)
    assert [h.id for h in hits] == [doc.id]
    assert hits[0].rank < 0.0


def test_search_pg_huge_document_stores_and_indexes_its_start(pg_store, make_document):
    words = _unique_words(60_000, seed=8)  # ~600k characters: a full tsvector would pass 1 MB
    body = " ".join(words)
    assert len(body) > 2 * PG_INDEXED_CHARS
    doc = make_document(body)
    pg_store.write_document(doc)
    assert [h.id for h in search_documents(pg_store, words[10])] == [doc.id]
    assert search_documents(pg_store, words[-1]) == []  # past the indexed bound


def test_search_pg_migration_downgrade_and_upgrade_back_fills(pg_store):
    readings, incidents = escape_story()
    fill_store(pg_store, readings, incidents)
    # Down to before the tsvector (and the later incident index), then back up: both back-fill.
    _migrate(pg_store, "0004", down=True)
    with pg_store.engine.connect() as conn:
        assert conn.execute(text("SELECT to_regclass('search_incidents')")).scalar() is None
        assert conn.execute(text("SELECT to_regclass('incident_actors')")).scalar() is None
    fallback = search_incidents(pg_store, "Tal Tamr")
    assert [h.id for h in fallback] == [incidents[1].id] and fallback[0].rank == 0.0
    _migrate(pg_store, "head", down=False)
    hits = search_incidents(pg_store, "Tal Tamr")
    assert [h.id for h in hits] == [incidents[1].id] and hits[0].rank < 0.0
    docs = search_documents(pg_store, "checkpoint")
    assert [h.id for h in docs] == [readings[2].document.id] and docs[0].rank < 0.0
    for incident in incidents:  # the actor index is back-filled from the stored incidents
        for actor in incident.actors:
            if actor.actor_id:
                assert incident.id in {i.id for i in pg_store.incidents(actor=actor.actor_id)}
