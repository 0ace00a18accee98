"""Full-text search over documents and incidents.

Search runs on SQLite's FTS5 tables that migration 0002 creates and keeps current by
triggers, and on PostgreSQL's tsvector columns with GIN indexes from migration 0005, queried
with `websearch_to_tsquery`, ranked by `ts_rank` and marked by `ts_headline`. Both index the
folded spelling of Arabic (migration 0010, store/search_arabic.py), queries are folded the same
way, and an Arabic query word also finds its forms with clitics. Without either
(an SQLite built without FTS5, a query PostgreSQL finds no words in) it falls back to
case-insensitive substring matching (ILIKE), slower but with the same results shape.

Documents are searched in `document_search.py`, incidents in `incident_search.py`, with what
both share (hits, snippets, query forms) in `search_engine.py`; this module gathers their
public names. The record of reports is in `report_runs.py`, the look-up of a place's
coordinates in `places.py`.
"""

from watchfloor.store.document_search import search_documents
from watchfloor.store.incident_search import (
    matching_incident_ids,
    matching_incidents_where,
    search_incidents,
)
from watchfloor.store.search_engine import MATCH_END, MATCH_START, SearchHit, fts_query

__all__ = [
    "MATCH_END",
    "MATCH_START",
    "SearchHit",
    "fts_query",
    "matching_incident_ids",
    "matching_incidents_where",
    "search_documents",
    "search_incidents",
]
