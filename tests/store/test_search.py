"""Search over documents and incidents' claims (SQLite FTS5, triggers) and the report record."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from watchfloor.store.report_runs import (
    incident_fingerprint,
    last_report_run,
    record_report_run,
)
from watchfloor.store.search import fts_query, search_documents, search_incidents


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("al-Hol escape", '"al" "Hol" "escape"'),
        ('NEAR(a b) OR "x" col:y *', '"NEAR" "a" "b" "OR" "x" "col" "y"'),
        ("", ""),
    ],
)
def test_search_fts_query_quotes_every_word(text, query):
    assert fts_query(text) == query


def test_search_documents_ranks_and_marks_matches(story_each_store):
    store, readings, _ = story_each_store
    hits = search_documents(store, "prisoners escaped")
    assert {h.id for h in hits} == {readings[0].document.id, readings[1].document.id}
    assert "\x02escaped\x03" in hits[0].snippet


def test_search_incidents_by_claim_sentence_outlet_and_place(story_each_store):
    store, _, incidents = story_each_store
    assert [h.id for h in search_incidents(store, "SDF")] == [incidents[0].id]
    assert [h.id for h in search_incidents(store, "Enab Baladi")] == [incidents[1].id]
    assert [h.id for h in search_incidents(store, "Tal Tamr")] == [incidents[1].id]
    # FTS5 operators in a query are plain words: no syntax error, no special meaning.
    assert [h.id for h in search_incidents(store, "NEAR(")] == [incidents[1].id]
    assert search_incidents(store, 'zebra* OR "') == []


def test_search_index_follows_replaced_and_retired_incidents(story_each_store):
    store, _, incidents = story_each_store
    store.save_incidents([incidents[0]], blocks={}, retired=[incidents[1].id])
    assert search_incidents(store, "checkpoint") == []
    assert [h.id for h in search_incidents(store, "SDF")] == [incidents[0].id]


def test_search_falls_back_to_substrings_without_fts(story_each_store, monkeypatch):
    store, readings, incidents = story_each_store
    monkeypatch.setattr("watchfloor.store.search_engine.has_fts", lambda _store: False)
    assert [h.id for h in search_documents(store, "gunmen")] == [readings[2].document.id]
    assert [h.id for h in search_incidents(store, "rudaw")] == [incidents[0].id]
    assert search_documents(store, "100%") == []


def test_report_record_keeps_the_latest_run(story_each_store):
    store, _, incidents = story_each_store
    assert last_report_run(store) is None
    snap = {i.id: incident_fingerprint(i) for i in incidents}
    record_report_run(
        store, {}, since=None, until=None, path="a.html", created=datetime(2026, 1, 1, tzinfo=UTC)
    )
    record_report_run(
        store,
        snap,
        since="2026-01-01",
        until=None,
        path="b.md",
        created=datetime(2026, 1, 2, tzinfo=UTC),
    )
    last = last_report_run(store)
    assert last is not None and last.path == "b.md" and last.snapshot == snap
