"""Tables of migrations 0002 and 0005: full-text search and the record of reports.

On SQLite, migration 0002 creates FTS5 virtual tables with raw SQL and fills them by triggers
on `documents` and `incidents`, so every writer keeps them current without knowing they exist.
On PostgreSQL, migration 0005 adds a generated tsvector column to `documents` and a table
`search_incidents` kept by a trigger, each with a GIN index. Both are described here only for
readers: metadata cannot express FTS5 tables or generated tsvector columns, so the
migration-vs-schema tests skip objects named `search_*`.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, Text

__all__ = [
    "FTS_DOCUMENTS",
    "FTS_INCIDENTS",
    "PG_INDEXED_CHARS",
    "PG_SEARCH_CONFIG",
    "PG_SEARCH_VECTOR",
    "PG_SEPARATORS",
    "report_runs",
    "search_metadata",
]

# Separate metadata: these tables belong to migration 0002, not to the lead's schema.py.
search_metadata = MetaData()

# Names of the SQLite FTS5 tables: rowid = the indexed row's rowid in documents / incidents.
FTS_DOCUMENTS = "search_documents"  # columns: document_id UNINDEXED, title, body
FTS_INCIDENTS = "search_incidents"  # columns: incident_id UNINDEXED, body (claims' sentences)

# PostgreSQL (migration 0005, which spells these out literally): `documents.search_vector` and
# `search_incidents(incident_id, body, search_vector)`. Queries must use the same text search
# configuration as the columns, or the GIN indexes go unused and words would not match.
PG_SEARCH_VECTOR = "search_vector"
PG_SEARCH_CONFIG = "simple"  # no stemming or stop words: "US", "IS" and Arabic text stay whole
PG_INDEXED_CHARS = 250_000  # a tsvector cannot exceed 1 MB; text past this is not indexed
# Read as spaces before parsing, in the columns and in queries alike: PostgreSQL's parser keeps
# "Raqqa/Hasakah" or "casualty_list" whole as a file-name token, where FTS5 splits them.
PG_SEPARATORS = "/@_"

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
