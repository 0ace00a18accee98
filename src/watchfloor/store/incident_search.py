"""Full-text search over incidents: ranked hits with snippets, and the bare matches that the
desk's lists filter by (store/search.py says how search works)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Text,
    and_,
    cast,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.exc import OperationalError

from watchfloor.store import schema as t
from watchfloor.store.document_search import search_documents
from watchfloor.store.repository import Store
from watchfloor.store.search_arabic import fold, has_arabic, has_forms, marked_snippet, pg_tsquery
from watchfloor.store.search_engine import (
    PG_ARABIC_QUERY,
    PG_QUERY,
    WORD,
    SearchHit,
    fts_query,
    has_fts,
    indexed_hits,
    like_escape,
    plain_snippet,
)
from watchfloor.store.search_schema import FTS_INCIDENTS, PG_SEARCH_VECTOR

__all__ = ["matching_incident_ids", "matching_incidents_where", "search_incidents"]

# Without FTS, incidents are found through at most this many matching documents.
_FALLBACK_DOCUMENTS = 200
_PG_INCIDENTS_SQL = """
WITH q AS (SELECT {query} AS query),
hits AS (
  SELECT s.incident_id, s.body, ts_rank(s.{vector}, q.query, 1) AS rank
  FROM {table} AS s, q
  WHERE s.{vector} @@ q.query
  ORDER BY rank DESC, s.incident_id
  LIMIT :limit OFFSET :offset
)
SELECT hits.incident_id, NULL,
       ts_headline('{config}', {fold_a}hits.body{fold_b}, q.query, :options), hits.rank
FROM hits, q
ORDER BY hits.rank DESC, hits.incident_id
"""


# The text an incident is indexed by, as written (migration 0002's body, unfolded): each
# claim's sentence, outlet and trigger, then its type and place. PostgreSQL keeps it in
# search_incidents.body; SQLite's FTS5 table holds only the folded form.
_SQLITE_INCIDENT_BODY = """
SELECT incidents.id, coalesce((
  SELECT group_concat(
    coalesce(json_extract(r.data, '$.sentences[' || json_extract(c.value, '$.evidence.sentence')
                                  || '].text'), '')
    || ' ' || coalesce(json_extract(c.value, '$.outlet'), '')
    || ' ' || coalesce(json_extract(c.value, '$.trigger'), ''), char(10))
  FROM json_each(incidents.data, '$.claims') AS c
  LEFT JOIN readings AS r ON r.document_id = json_extract(c.value, '$.document_id')
), '') || char(10) || replace(incidents.event_type, '_', ' ') || ' '
  || coalesce(incidents.place_name, '')
FROM incidents WHERE incidents.id IN ({ids})
"""


def _incidents_as_written(store: Store, hits: list[SearchHit], query: str) -> list[SearchHit]:
    """Incident hits with Arabic in their snippet, marked again on the body as written."""
    arabic = [h.id for h in hits if has_arabic(h.snippet)]
    if not arabic:
        return hits
    params = {f"i{n}": ident for n, ident in enumerate(arabic)}
    ids = ", ".join(f":{name}" for name in params)
    if store.engine.dialect.name == "sqlite":
        sql = _SQLITE_INCIDENT_BODY.format(ids=ids)
    else:
        sql = f"SELECT incident_id, body FROM {FTS_INCIDENTS} WHERE incident_id IN ({ids})"
    with store.engine.connect() as conn:
        bodies = {row[0]: row[1] for row in conn.execute(text(sql), params)}
    return [
        SearchHit(h.id, h.title, marked_snippet(bodies.get(h.id) or "", query) or h.snippet, h.rank)
        if h.id in bodies
        else h
        for h in hits
    ]


def search_incidents(
    store: Store, query: str, *, limit: int | None = 50, offset: int = 0
) -> list[SearchHit]:
    """Incidents whose claims (sentence, outlet, trigger), type or place match every word.

    On PostgreSQL the query also takes web-search syntax, as in `search_documents`.
    """
    words = WORD.findall(query)
    if not words:
        return []
    hits = indexed_hits(
        store,
        query,
        _PG_INCIDENTS_SQL,
        f"SELECT incident_id, NULL, snippet({FTS_INCIDENTS}, 1, :a, :b, '…', 24), rank "
        f"FROM {FTS_INCIDENTS} WHERE {FTS_INCIDENTS} MATCH :q ORDER BY rank",
        limit,
        offset,
    )
    if hits is not None:
        return _incidents_as_written(store, hits, query)
    # Fallback: words in the incident's JSON (outlets, triggers, place, chains), or in the text
    # of a document one of its claims comes from (a claim's sentence is not in the JSON).
    i = t.incidents.c
    body = func.lower(cast(i.data, Text))
    in_json = [body.like(f"%{like_escape(w).lower()}%", escape="\\") for w in words]
    documents = [h.id for h in search_documents(store, query, limit=_FALLBACK_DOCUMENTS)]
    in_documents = [body.like(f"%{doc_id}%") for doc_id in documents]
    sql_q = select(i.id, cast(i.data, Text)).where(or_(and_(*in_json), *in_documents))
    sql_q = sql_q.order_by(i.date_end.desc(), i.id).offset(offset)
    if limit is not None:
        sql_q = sql_q.limit(limit)
    with store.engine.connect() as conn:
        found = conn.execute(sql_q).all()
    return [SearchHit(r[0], None, plain_snippet(_claim_text(r[1]), words), 0.0) for r in found]


def matching_incident_ids(store: Store, query: str) -> set[str]:
    """The ids of every incident `search_incidents` finds for the query, without snippets.

    Filtering a list by words needs the matches, not their ranking or marked snippets, which
    cost most of the time when thousands of incidents match (SQLite's FTS5 answers the bare
    match from its index); other engines and fallbacks take `search_incidents` itself.
    """
    if store.engine.dialect.name == "sqlite" and WORD.search(query) and has_fts(store):
        sql = f"SELECT incident_id FROM {FTS_INCIDENTS} WHERE {FTS_INCIDENTS} MATCH :q"
        try:
            with store.engine.connect() as conn:
                return set(conn.execute(text(sql), {"q": fts_query(query)}).scalars())
        except OperationalError:
            pass  # as search_incidents does: fall back to substrings
    return {hit.id for hit in search_incidents(store, query, limit=None)}


def matching_incidents_where(store: Store, query: str) -> ColumnElement[bool] | None:
    """A condition on `incidents` true for the incidents matching the query's words, or None.

    The list and map filter and page inside the database with it, so a word found in 25,000
    incidents costs no id list in Python, nor 25,000 bound parameters. On SQLite the FTS5
    rowids mirror the incidents' rowids (migration 0002's triggers rely on the same), so the
    matches are read from the full-text index alone, and `+rowid` keeps SQLite walking the
    incidents in date order against that set, stopping once a page is full (2 ms for a page of
    25,000 matches at 100k incidents, 150 ms through the incident ids). None when the store has
    no full-text index or the query no words it can index: callers then take
    `matching_incident_ids`, which falls back to substrings.
    """
    if not WORD.search(query) or not has_fts(store):
        return None
    dialect = store.engine.dialect.name
    if dialect == "sqlite":
        rows: Select[Any] = (
            select(literal_column("rowid"))
            .select_from(text(FTS_INCIDENTS))
            .where(text(f"{FTS_INCIDENTS} MATCH :fts_words").bindparams(fts_words=fts_query(query)))
        )
        return literal_column("+incidents.rowid").in_(rows)
    if dialect == "postgresql":
        arabic = has_forms(query)  # as pg_sql: Arabic by its folded forms, else web search
        tsquery = PG_ARABIC_QUERY if arabic else PG_QUERY
        words = pg_tsquery(query) if arabic else fold(query)
        with store.engine.connect() as conn:
            if not conn.execute(text(f"SELECT numnode({tsquery})"), {"q": words}).scalar():
                return None
        matches = f"{PG_SEARCH_VECTOR} @@ {tsquery.replace(':q', ':pg_words')}"
        ids: Select[Any] = (
            select(literal_column("incident_id"))
            .select_from(text(FTS_INCIDENTS))
            .where(text(matches).bindparams(pg_words=words))
        )
        return t.incidents.c.id.in_(ids)
    return None


def _claim_text(data: str | dict[str, Any]) -> str:
    """Readable text of an incident's JSON for a fallback snippet: triggers, outlets, place."""
    plain = json.loads(data) if isinstance(data, str) else data
    parts = [f"{c.get('outlet', '')}: {c.get('trigger', '')}" for c in plain.get("claims", [])]
    place = (plain.get("place") or {}).get("name") or ""
    return "; ".join([*parts, str(plain.get("event_type", "")).replace("_", " "), place])
