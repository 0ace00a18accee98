"""Full-text search over documents and incidents.

Search runs on SQLite's FTS5 tables that migration 0002 creates and keeps current by
triggers, and on PostgreSQL's tsvector columns with GIN indexes from migration 0005, queried
with `websearch_to_tsquery`, ranked by `ts_rank` and marked by `ts_headline`. Both index the
folded spelling of Arabic (migration 0010, store/search_arabic.py), queries are folded the same
way, and an Arabic query word also finds its forms with clitics. Without either
(an SQLite built without FTS5, a query PostgreSQL finds no words in) it falls back to
case-insensitive substring matching (ILIKE), slower but with the same results shape. The
record of reports is in `report_runs.py`, the look-up of a place's coordinates in `places.py`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
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
from watchfloor.store.repository import Store
from watchfloor.store.search_arabic import (
    FOLD_DROP,
    FOLD_FROM,
    FOLD_TO,
    fold,
    fts5_match,
    has_arabic,
    has_forms,
    marked_snippet,
    pg_tsquery,
)
from watchfloor.store.search_schema import (
    FTS_DOCUMENTS,
    FTS_INCIDENTS,
    PG_INDEXED_CHARS,
    PG_SEARCH_CONFIG,
    PG_SEARCH_VECTOR,
    PG_SEPARATORS,
)

__all__ = [
    "SearchHit",
    "fts_query",
    "matching_incident_ids",
    "matching_incidents_where",
    "search_documents",
    "search_incidents",
]

_WORD = re.compile(r"\w+", re.UNICODE)
# Markers wrapped around matched words in snippets; control characters cannot occur in stored
# text (normalised), so callers can split on them safely and escape the rest.
MATCH_START = "\x02"
MATCH_END = "\x03"
_SNIPPET_CHARS = 240
# Without FTS, incidents are found through at most this many matching documents.
_FALLBACK_DOCUMENTS = 200
# PostgreSQL: web-search syntax never raises on user input ("a b" phrase, or, -word), and the
# configuration must be the indexed columns' for their GIN indexes to serve the query.
_PG_QUERY = (
    f"websearch_to_tsquery('{PG_SEARCH_CONFIG}', "
    f"translate(:q, '{PG_SEPARATORS}', '{' ' * len(PG_SEPARATORS)}'))"
)
# An Arabic query: each word a group of its folded forms (search_arabic.pg_tsquery), no
# web-search syntax.
_PG_ARABIC_QUERY = f"to_tsquery('{PG_SEARCH_CONFIG}', :q)"
# About the size of the FTS5 snippets (24 tokens); two fragments when matches lie apart.
_PG_HEADLINE = (
    f'StartSel="{MATCH_START}", StopSel="{MATCH_END}", MinWords=12, MaxWords=24, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)
# Rank the matches first and mark only the page returned: ts_headline re-parses each text.
# ts_rank's normalisation 1 divides by the log of the length, so long reports do not win
# merely by repeating a word. LIMIT NULL is no limit.
_PG_DOCUMENTS_SQL = """
WITH q AS (SELECT {query} AS query),
hits AS (
  SELECT d.id, d.title, d.text, d.published, ts_rank(d.{vector}, q.query, 1) AS rank
  FROM documents AS d, q
  WHERE d.{vector} @@ q.query
  ORDER BY rank DESC, d.published DESC NULLS LAST, d.id
  LIMIT :limit OFFSET :offset
)
SELECT hits.id, hits.title,
       ts_headline('{config}', {fold_a}left(hits.text, {chars}){fold_b}, q.query, :options),
       hits.rank
FROM hits, q
ORDER BY hits.rank DESC, hits.published DESC NULLS LAST, hits.id
"""
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


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: the matching row's id, a title, and a snippet around the match.

    In `snippet` the matched words are wrapped in MATCH_START/MATCH_END so a renderer can
    highlight them after escaping the text between. A lower `rank` is a better match on both
    engines (FTS5's bm25; minus ts_rank on PostgreSQL); the substring fallback gives 0.0.
    """

    id: str
    title: str | None
    snippet: str
    rank: float


def fts_query(query: str) -> str:
    """An FTS5 MATCH expression from free text: every word required, each quoted literally.

    Quoting each word makes FTS5 operators in user input (AND, NEAR, column:, *) plain text,
    so no query can be a syntax error. Words are folded as the index is, and an Arabic word
    stands for the group of its forms with clitics (search_arabic.fts5_match).
    """
    return fts5_match(query)


def _pg_sql(template: str, query: str) -> tuple[str, str, str]:
    """The PostgreSQL statement for a query, its tsquery expression, and the :q value they take.

    An Arabic query is read by `to_tsquery` from its forms, and headlines are drawn on the
    folded text, the form its words match; other queries keep web-search syntax (folded too:
    Arabic-Indic digits are ASCII in the index).
    """
    arabic = has_forms(query)
    tsquery = _PG_ARABIC_QUERY if arabic else _PG_QUERY
    sql = template.format(
        query=tsquery,
        config=PG_SEARCH_CONFIG,
        vector=PG_SEARCH_VECTOR,
        table=FTS_INCIDENTS,
        chars=PG_INDEXED_CHARS,
        fold_a="translate(" if arabic else "",
        fold_b=f", '{FOLD_FROM}{FOLD_DROP}', '{FOLD_TO}')" if arabic else "",
    )
    return sql, tsquery, pg_tsquery(query) if arabic else fold(query)


def _has_fts(store: Store) -> bool:
    """Whether the store has its engine's full-text index (migration 0002 or 0005)."""
    dialect = store.engine.dialect.name
    if dialect == "sqlite":
        sql, name = "SELECT 1 FROM sqlite_master WHERE name = :name", FTS_DOCUMENTS
    elif dialect == "postgresql":
        # to_regclass follows search_path, so each desk's schema answers for itself.
        sql, name = "SELECT 1 WHERE to_regclass(:name) IS NOT NULL", FTS_INCIDENTS
    else:
        return False
    with store.engine.connect() as conn:
        found = conn.execute(text(sql), {"name": name}).first()
    return found is not None


def _pg_search(
    store: Store, sql: str, query: str, limit: int | None, offset: int
) -> list[tuple[str, str | None, str, float]] | None:
    """(id, title, snippet, rank) of a PostgreSQL full-text query's hits; None if it has no words.

    A query of punctuation or symbols alone yields no lexemes and would match nothing, while
    a substring search may still find it (for example "_"), so the caller falls back then.
    """
    sql, tsquery, q = _pg_sql(sql, query)
    params = {"q": q, "limit": limit, "offset": offset, "options": _PG_HEADLINE}
    with store.engine.connect() as conn:
        if not conn.execute(text(f"SELECT numnode({tsquery})"), {"q": q}).scalar():
            return None
        # The planner prices a sequential scan without the cost of de-TOASTing each large
        # tsvector, so it skips the GIN index on stores of up to tens of thousands of rows
        # (measured at 20,000 documents: 400 ms instead of 18 ms). This transaction reads one
        # indexed table, so forbidding the scan cannot pick a worse plan.
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        rows = conn.execute(text(sql), params).all()
    return [(r[0], r[1] or None, r[2], -float(r[3])) for r in rows]


def _marked_snippet(body: str, words: list[str]) -> str:
    """A snippet of plain text around the first matched word, with matches marked."""
    lowered = body.casefold()
    positions = [lowered.find(w.casefold()) for w in words]
    first = min((p for p in positions if p >= 0), default=0)
    start = max(0, first - _SNIPPET_CHARS // 3)
    piece = body[start : start + _SNIPPET_CHARS]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    marked = pattern.sub(lambda m: f"{MATCH_START}{m.group(0)}{MATCH_END}", piece)
    return ("…" if start else "") + marked + ("…" if start + _SNIPPET_CHARS < len(body) else "")


def search_documents(
    store: Store, query: str, *, limit: int = 20, offset: int = 0
) -> list[SearchHit]:
    """Documents whose title or text contain every word of the query, best match first.

    On PostgreSQL the query also takes web-search syntax: "a quoted phrase", `or`, `-word`.
    """
    words = _WORD.findall(query)
    if not words:
        return []
    is_postgres = store.engine.dialect.name == "postgresql"
    if is_postgres and _has_fts(store):
        found_pg = _pg_search(store, _PG_DOCUMENTS_SQL, query, limit, offset)
        if found_pg is not None:
            return _as_written(store, [SearchHit(*row) for row in found_pg], query)
    elif _has_fts(store):
        sql = text(
            f"SELECT document_id, title, snippet({FTS_DOCUMENTS}, 2, :a, :b, '…', 24), rank "
            f"FROM {FTS_DOCUMENTS} WHERE {FTS_DOCUMENTS} MATCH :q "
            "ORDER BY rank LIMIT :limit OFFSET :offset"
        )
        params = {"a": MATCH_START, "b": MATCH_END, "q": fts_query(query)}
        try:
            with store.engine.connect() as conn:
                rows = conn.execute(sql, {**params, "limit": limit, "offset": offset}).all()
        except OperationalError:
            rows = None  # an FTS5 oddity must not break search: fall back to substrings
        if rows is not None:
            hits = [SearchHit(r[0], r[1] or None, r[2], float(r[3])) for r in rows]
            return _as_written(store, hits, query)
    d = t.documents.c
    conditions = [
        or_(d.text.ilike(f"%{w}%", escape="\\"), d.title.ilike(f"%{w}%"))
        for w in (_like_escape(w) for w in words)
    ]
    sql_q = (
        select(d.id, d.title, d.text)
        .where(*conditions)
        .order_by(d.published.desc(), d.id)
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        found = conn.execute(sql_q).all()
    return [SearchHit(r[0], r[1], _marked_snippet(r[2], words), 0.0) for r in found]


def _as_written(store: Store, hits: list[SearchHit], query: str) -> list[SearchHit]:
    """Hits with Arabic in them, with title and snippet from the text as written.

    The index holds the folded spelling (ة as ه, no tashkeel), and so do the engines' snippets;
    a reader is shown the original, with the words the query found marked again.
    """
    arabic = [h.id for h in hits if has_arabic(h.snippet) or has_arabic(h.title or "")]
    if not arabic:
        return hits
    d = t.documents.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(d.id, d.title, d.text).where(d.id.in_(arabic))).all()
    original = {r[0]: (r[1], r[2]) for r in rows}
    out = []
    for hit in hits:
        if hit.id not in original:
            out.append(hit)
            continue
        title, body = original[hit.id]
        snippet = marked_snippet(body, query) or hit.snippet
        out.append(SearchHit(hit.id, title or None, snippet, hit.rank))
    return out


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
    words = _WORD.findall(query)
    if not words:
        return []
    is_postgres = store.engine.dialect.name == "postgresql"
    if is_postgres and _has_fts(store):
        found_pg = _pg_search(store, _PG_INCIDENTS_SQL, query, limit, offset)
        if found_pg is not None:
            return _incidents_as_written(store, [SearchHit(*row) for row in found_pg], query)
    elif _has_fts(store):
        sql = (
            f"SELECT incident_id, snippet({FTS_INCIDENTS}, 1, :a, :b, '…', 24), rank "
            f"FROM {FTS_INCIDENTS} WHERE {FTS_INCIDENTS} MATCH :q ORDER BY rank"
        )
        params: dict[str, Any] = {"a": MATCH_START, "b": MATCH_END, "q": fts_query(query)}
        if limit is not None:
            sql += " LIMIT :limit OFFSET :offset"
            params.update(limit=limit, offset=offset)
        try:
            with store.engine.connect() as conn:
                rows = conn.execute(text(sql), params).all()
        except OperationalError:
            rows = None
        if rows is not None:
            hits = [SearchHit(r[0], None, r[1], float(r[2])) for r in rows]
            return _incidents_as_written(store, hits, query)
    # Fallback: words in the incident's JSON (outlets, triggers, place, chains), or in the text
    # of a document one of its claims comes from (a claim's sentence is not in the JSON).
    i = t.incidents.c
    body = func.lower(cast(i.data, Text))
    in_json = [body.like(f"%{_like_escape(w).lower()}%", escape="\\") for w in words]
    documents = [h.id for h in search_documents(store, query, limit=_FALLBACK_DOCUMENTS)]
    in_documents = [body.like(f"%{doc_id}%") for doc_id in documents]
    sql_q = select(i.id, cast(i.data, Text)).where(or_(and_(*in_json), *in_documents))
    sql_q = sql_q.order_by(i.date_end.desc(), i.id).offset(offset)
    if limit is not None:
        sql_q = sql_q.limit(limit)
    with store.engine.connect() as conn:
        found = conn.execute(sql_q).all()
    return [SearchHit(r[0], None, _marked_snippet(_claim_text(r[1]), words), 0.0) for r in found]


def matching_incident_ids(store: Store, query: str) -> set[str]:
    """The ids of every incident `search_incidents` finds for the query, without snippets.

    Filtering a list by words needs the matches, not their ranking or marked snippets, which
    cost most of the time when thousands of incidents match (SQLite's FTS5 answers the bare
    match from its index); other engines and fallbacks take `search_incidents` itself.
    """
    if store.engine.dialect.name == "sqlite" and _WORD.search(query) and _has_fts(store):
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
    if not _WORD.search(query) or not _has_fts(store):
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
        arabic = has_forms(query)  # as _pg_sql: Arabic by its folded forms, else web search
        tsquery = _PG_ARABIC_QUERY if arabic else _PG_QUERY
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


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _claim_text(data: str | dict[str, Any]) -> str:
    """Readable text of an incident's JSON for a fallback snippet: triggers, outlets, place."""
    plain = json.loads(data) if isinstance(data, str) else data
    parts = [f"{c.get('outlet', '')}: {c.get('trigger', '')}" for c in plain.get("claims", [])]
    place = (plain.get("place") or {}).get("name") or ""
    return "; ".join([*parts, str(plain.get("event_type", "")).replace("_", " "), place])
