"""Arabic search: the full-text indexes hold the folded spelling of Arabic words (issue 18).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

Arabic spells one word several ways (hamza forms of alef, ى/ي, ة/ه, hamza seats, tashkeel,
tatweel), and FTS5's unicode61 splits a word at each haraka. (Digits in Arabic-Indic, Persian
or ASCII form are found by the query, which asks for all three: SQLite's parser takes only
about 30 nested replace() calls.)
Both engines now index the folded form that store/search_arabic.py `fold` gives queries:

- SQLite: the FTS5 triggers of 0002 write `fold(title)` and `fold(body)` (nested `replace`),
  and the tables are refilled.
- PostgreSQL: the generated tsvectors of 0005 (`documents.search_vector`,
  `search_incidents.search_vector`) are re-created over `translate(...)` of the same text, and
  their GIN indexes with them.

Latin text is unchanged by the fold, so English search finds what it found before. Downgrade
restores 0002's triggers and 0005's columns.
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Kept literal rather than imported (a migration keeps meaning what it meant when written);
# tests/store/test_search_arabic.py checks they equal store/search_arabic.py's.
_FOLD_FROM = "أإآٱىةؤئ"
_FOLD_TO = "اااايهوي"
_FOLD_DROP = "".join(chr(c) for c in (*range(0x064B, 0x0653), 0x0670, 0x0640))
_BOUND = 250_000


def _sqlite_fold(expression: str) -> str:
    """Nested replace() calls: SQLite has no translate()."""
    for old, new in (*zip(_FOLD_FROM, _FOLD_TO, strict=True), *((c, "") for c in _FOLD_DROP)):
        expression = f"replace({expression}, '{old}', '{new}')"
    return expression


# 0002's incident body: each claim's sentence, outlet and trigger; then type and place.
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


def _sqlite_statements(folded: bool) -> list[str]:
    """Triggers writing the (folded or plain) text, then a refill of both FTS5 tables."""
    wrap = _sqlite_fold if folded else (lambda expression: expression)

    def doc_values(row: str) -> str:
        title = wrap(f"coalesce({row}.title, '')")
        return f"{row}.rowid, {row}.id, {title}, {wrap(row + '.text')}"

    def incident_values(row: str) -> str:
        return f"{row}.rowid, {row}.id, {wrap(_INCIDENT_BODY.format(row=row))}"

    return [
        "DROP TRIGGER IF EXISTS search_documents_ai",
        "DROP TRIGGER IF EXISTS search_documents_au",
        "DROP TRIGGER IF EXISTS search_incidents_ai",
        "DROP TRIGGER IF EXISTS search_incidents_au",
        f"""CREATE TRIGGER search_documents_ai AFTER INSERT ON documents BEGIN
             INSERT INTO search_documents(rowid, document_id, title, body)
             VALUES ({doc_values("new")});
           END""",
        f"""CREATE TRIGGER search_documents_au AFTER UPDATE OF title, text ON documents BEGIN
             DELETE FROM search_documents WHERE rowid = old.rowid;
             INSERT INTO search_documents(rowid, document_id, title, body)
             VALUES ({doc_values("new")});
           END""",
        f"""CREATE TRIGGER search_incidents_ai AFTER INSERT ON incidents BEGIN
             INSERT INTO search_incidents(rowid, incident_id, body)
             VALUES ({incident_values("new")});
           END""",
        f"""CREATE TRIGGER search_incidents_au AFTER UPDATE OF data ON incidents BEGIN
             DELETE FROM search_incidents WHERE rowid = old.rowid;
             INSERT INTO search_incidents(rowid, incident_id, body)
             VALUES ({incident_values("new")});
           END""",
        "DELETE FROM search_documents",
        f"INSERT INTO search_documents(rowid, document_id, title, body) "
        f"SELECT {doc_values('documents')} FROM documents",
        "DELETE FROM search_incidents",
        f"INSERT INTO search_incidents(rowid, incident_id, body) "
        f"SELECT {incident_values('incidents')} FROM incidents",
    ]


def _pg_vector(expression: str, folded: bool) -> str:
    """0005's tsvector of a text expression, over its folded form when `folded`."""
    inner = f"translate({expression}, '/@_', '   ')"
    if folded:
        inner = f"translate({inner}, '{_FOLD_FROM}{_FOLD_DROP}', '{_FOLD_TO}')"
    return f"to_tsvector('simple'::regconfig, {inner})"


def _pg_statements(folded: bool) -> list[str]:
    """Re-create the generated tsvector columns (and their GIN indexes) folded or plain."""
    title = _pg_vector("coalesce(title, '')", folded)
    body = _pg_vector(f"left(text, {_BOUND})", folded)
    return [
        "DROP INDEX IF EXISTS search_documents_gin",
        "ALTER TABLE documents DROP COLUMN IF EXISTS search_vector",
        f"""ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
              setweight({title}, 'A') || setweight({body}, 'B')) STORED""",
        "CREATE INDEX search_documents_gin ON documents USING gin (search_vector)",
        "DROP INDEX IF EXISTS search_incidents_gin",
        "ALTER TABLE search_incidents DROP COLUMN IF EXISTS search_vector",
        f"""ALTER TABLE search_incidents ADD COLUMN search_vector tsvector
              GENERATED ALWAYS AS ({_pg_vector("body", folded)}) STORED""",
        "CREATE INDEX search_incidents_gin ON search_incidents USING gin (search_vector)",
    ]


def _run(folded: bool) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        has_fts = op.get_bind().exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'search_documents'"
        )
        if has_fts.first() is None:  # an SQLite built without FTS5: nothing to fold
            return
        statements = _sqlite_statements(folded)
    elif dialect == "postgresql":
        statements = _pg_statements(folded)
    else:
        return
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    """Index the folded spelling on both engines."""
    _run(folded=True)


def downgrade() -> None:
    """Index the text as written again (0002's triggers, 0005's columns)."""
    _run(folded=False)
