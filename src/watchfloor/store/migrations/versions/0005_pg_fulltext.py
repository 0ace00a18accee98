"""Full-text search on PostgreSQL: tsvector columns with GIN indexes (issue 8).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29

PostgreSQL only; SQLite keeps the FTS5 tables of migration 0002 and gets nothing here.

- `documents.search_vector`: a generated column over the title (weight A) and the text
  (weight B), so every writer keeps it current without knowing it exists.
- `search_incidents(incident_id, body, search_vector)`: the same text the SQLite FTS5 table
  indexes (each claim's sentence, outlet and trigger, then the incident's type and place).
  A generated column cannot read another table (the sentences live in `readings`), so a trigger
  on `incidents` writes `body`; `search_vector` is generated from it, and rows go with their
  incident through the foreign key's cascade.

Both use the 'simple' configuration: no stemming and no stop words, like FTS5's unicode61, so
"US" and "IS" (English stop words) stay searchable and Arabic or Kurmanji text is not mangled
by an English stemmer. "/", "@" and "_" are read as spaces first: PostgreSQL's parser would
otherwise keep "Raqqa/Hasakah" or "casualty_list" as one file-name token, which neither place
name nor word finds (FTS5 splits them). Only the first 250,000 characters are indexed: a
tsvector cannot exceed 1 MB, and without the bound one huge document would fail to store.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Kept literal rather than imported: a migration must keep meaning what it meant when written.
# store/search_schema.py names the same objects for store/search.py.
_BOUND = 250_000


def _vector(expression: str) -> str:
    """The tsvector of a text expression, as search.py's queries expect it."""
    return f"to_tsvector('simple'::regconfig, translate({expression}, '/@_', '   '))"


_PG_UP = [
    f"""ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
          setweight({_vector("coalesce(title, '')")}, 'A')
          || setweight({_vector(f"left(text, {_BOUND})")}, 'B')
        ) STORED""",
    "CREATE INDEX search_documents_gin ON documents USING gin (search_vector)",
    f"""CREATE TABLE search_incidents (
          incident_id varchar(40) PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
          body text NOT NULL,
          search_vector tsvector GENERATED ALWAYS AS ({_vector("body")}) STORED
        )""",
    "CREATE INDEX search_incidents_gin ON search_incidents USING gin (search_vector)",
    # The body of one incident; STABLE, not IMMUTABLE, because it reads `readings`.
    # `SET search_path FROM CURRENT` pins the desk's schema, so a writer whose session path
    # differs still reads this desk's readings.
    f"""CREATE FUNCTION search_incident_body(data json, event_type text, place_name text)
        RETURNS text LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
          SELECT left(coalesce((
            SELECT string_agg(
              coalesce(r.data -> 'sentences'
                         -> ((c.value -> 'evidence' ->> 'sentence')::int) ->> 'text', '')
              || ' ' || coalesce(c.value ->> 'outlet', '')
              || ' ' || coalesce(c.value ->> 'trigger', ''),
              E'\\n' ORDER BY c.n)
            FROM json_array_elements(coalesce(data -> 'claims', '[]'::json))
                 WITH ORDINALITY AS c(value, n)
            LEFT JOIN readings AS r ON r.document_id = c.value ->> 'document_id'
          ), '') || E'\\n' || replace(event_type, '_', ' ') || ' ' || coalesce(place_name, ''),
          {_BOUND})
        $$""",
    """CREATE FUNCTION search_incidents_refresh() RETURNS trigger
        LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
          INSERT INTO search_incidents (incident_id, body)
          VALUES (NEW.id, search_incident_body(NEW.data, NEW.event_type, NEW.place_name))
          ON CONFLICT (incident_id) DO UPDATE SET body = EXCLUDED.body;
          RETURN NULL;
        END
        $$""",
    """CREATE TRIGGER search_incidents_aiu
        AFTER INSERT OR UPDATE OF data, event_type, place_name ON incidents
        FOR EACH ROW EXECUTE FUNCTION search_incidents_refresh()""",
    # Back-fill what a store already holds (documents are filled by ADD COLUMN itself).
    """INSERT INTO search_incidents (incident_id, body)
        SELECT id, search_incident_body(data, event_type, place_name) FROM incidents""",
]

_PG_DOWN = [
    "DROP TRIGGER IF EXISTS search_incidents_aiu ON incidents",
    "DROP FUNCTION IF EXISTS search_incidents_refresh()",
    "DROP FUNCTION IF EXISTS search_incident_body(json, text, text)",
    "DROP TABLE IF EXISTS search_incidents",
    "DROP INDEX IF EXISTS search_documents_gin",
    "ALTER TABLE documents DROP COLUMN IF EXISTS search_vector",
]


def upgrade() -> None:
    """On PostgreSQL, add the tsvector column, table, trigger and GIN indexes."""
    if op.get_bind().dialect.name == "postgresql":
        for statement in _PG_UP:
            op.execute(statement)


def downgrade() -> None:
    """On PostgreSQL, drop what upgrade added; search falls back to ILIKE again."""
    if op.get_bind().dialect.name == "postgresql":
        for statement in _PG_DOWN:
            op.execute(statement)
