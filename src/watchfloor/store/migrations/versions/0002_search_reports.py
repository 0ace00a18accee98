"""Full-text search over documents and incident claims (SQLite FTS5), and the report record.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

On SQLite two FTS5 tables are kept current by triggers: `search_documents` (title and text of
each document) and `search_incidents` (each incident's claim sentences, outlets, triggers,
type and place). Rowids mirror the source rows' rowids, so deleting is a keyed lookup rather
than a scan. PostgreSQL gets only `report_runs`; its search uses ILIKE.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The text indexed for one incident: for each claim, its sentence (from the document's stored
# reading), its outlet and trigger; then the incident's type and place. `{row}` is `new` in a
# trigger and `incidents` in the back-fill.
_INCIDENT_BODY = """
coalesce((
  SELECT group_concat(
    coalesce(json_extract(r.data, '$.sentences[' || json_extract(c.value, '$.evidence.sentence')
                                  || '].text'), '')
    || ' ' || coalesce(json_extract(c.value, '$.outlet'), '')
    || ' ' || coalesce(json_extract(c.value, '$.trigger'), ''), char(10))
  FROM json_each({row}.data, '$.claims') AS c
  LEFT JOIN readings AS r ON r.document_id = json_extract(c.value, '$.document_id')
), '') || char(10) || replace({row}.event_type, '_', ' ') || ' ' || coalesce({row}.place_name, '')
"""

_SQLITE_UP = [
    "CREATE VIRTUAL TABLE search_documents USING fts5("
    "document_id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE search_incidents USING fts5("
    "incident_id UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')",
    """CREATE TRIGGER search_documents_ai AFTER INSERT ON documents BEGIN
         INSERT INTO search_documents(rowid, document_id, title, body)
         VALUES (new.rowid, new.id, coalesce(new.title, ''), new.text);
       END""",
    """CREATE TRIGGER search_documents_ad AFTER DELETE ON documents BEGIN
         DELETE FROM search_documents WHERE rowid = old.rowid;
       END""",
    """CREATE TRIGGER search_documents_au AFTER UPDATE OF title, text ON documents BEGIN
         DELETE FROM search_documents WHERE rowid = old.rowid;
         INSERT INTO search_documents(rowid, document_id, title, body)
         VALUES (new.rowid, new.id, coalesce(new.title, ''), new.text);
       END""",
    f"""CREATE TRIGGER search_incidents_ai AFTER INSERT ON incidents BEGIN
         INSERT INTO search_incidents(rowid, incident_id, body)
         VALUES (new.rowid, new.id, {_INCIDENT_BODY.format(row="new")});
       END""",
    """CREATE TRIGGER search_incidents_ad AFTER DELETE ON incidents BEGIN
         DELETE FROM search_incidents WHERE rowid = old.rowid;
       END""",
    f"""CREATE TRIGGER search_incidents_au AFTER UPDATE OF data ON incidents BEGIN
         DELETE FROM search_incidents WHERE rowid = old.rowid;
         INSERT INTO search_incidents(rowid, incident_id, body)
         VALUES (new.rowid, new.id, {_INCIDENT_BODY.format(row="new")});
       END""",
    # Back-fill what a store already holds.
    "INSERT INTO search_documents(rowid, document_id, title, body) "
    "SELECT rowid, id, coalesce(title, ''), text FROM documents",
    f"INSERT INTO search_incidents(rowid, incident_id, body) "
    f"SELECT rowid, id, {_INCIDENT_BODY.format(row='incidents')} FROM incidents",
]

_SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_incidents_au",
    "DROP TRIGGER IF EXISTS search_incidents_ad",
    "DROP TRIGGER IF EXISTS search_incidents_ai",
    "DROP TRIGGER IF EXISTS search_documents_au",
    "DROP TRIGGER IF EXISTS search_documents_ad",
    "DROP TRIGGER IF EXISTS search_documents_ai",
    "DROP TABLE IF EXISTS search_incidents",
    "DROP TABLE IF EXISTS search_documents",
]


def upgrade() -> None:
    """Create the report record, and on SQLite the FTS5 tables with their triggers."""
    op.create_table(
        "report_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("since", sa.String(40), nullable=True),
        sa.Column("until", sa.String(40), nullable=True),
        sa.Column("path", sa.Text, nullable=True),
        sa.Column("snapshot", sa.JSON, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE_UP:
            op.execute(statement)


def downgrade() -> None:
    """Drop the FTS5 tables and triggers (SQLite) and the report record."""
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE_DOWN:
            op.execute(statement)
    op.drop_table("report_runs")
