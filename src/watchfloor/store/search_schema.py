"""Tables added by migration 0002: full-text search (SQLite FTS5) and the record of reports.

The FTS5 tables are virtual tables that only SQLite has; they are created by the migration
with raw SQL and filled by triggers on `documents` and `incidents`, so every writer keeps them
current without knowing they exist. They are described here only for readers; PostgreSQL has
no such tables and searches with ILIKE instead (`store/search.py`).
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, Text

__all__ = ["FTS_DOCUMENTS", "FTS_INCIDENTS", "report_runs", "search_metadata"]

# Separate metadata: these tables belong to migration 0002, not to the lead's schema.py.
search_metadata = MetaData()

# Names of the SQLite FTS5 tables: rowid = the indexed row's rowid in documents / incidents.
FTS_DOCUMENTS = "search_documents"  # columns: document_id UNINDEXED, title, body
FTS_INCIDENTS = "search_incidents"  # columns: incident_id UNINDEXED, body (claims' sentences)

report_runs = Table(
    "report_runs",
    search_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created", String(40), nullable=False),
    Column("since", String(40), nullable=True),
    Column("until", String(40), nullable=True),
    Column("path", Text, nullable=True),
    # incident id -> fingerprint of its content when the report was written
    Column("snapshot", JSON, nullable=False),
)
