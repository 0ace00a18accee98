"""What searching documents and searching incidents share: the hit, snippets, and the query
forms of SQLite's FTS5 and PostgreSQL's full-text search (store/search.py says how they work)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from watchfloor.store.repository import Store
from watchfloor.store.search_arabic import (
    FOLD_DROP,
    FOLD_FROM,
    FOLD_TO,
    fold,
    fts5_match,
    has_forms,
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
    "MATCH_END",
    "MATCH_START",
    "PG_ARABIC_QUERY",
    "PG_HEADLINE",
    "PG_QUERY",
    "WORD",
    "SearchHit",
    "fts_query",
    "has_fts",
    "indexed_hits",
    "like_escape",
    "pg_search",
    "pg_sql",
    "plain_snippet",
]

WORD = re.compile(r"\w+", re.UNICODE)
# Markers wrapped around matched words in snippets; control characters cannot occur in stored
# text (normalised), so callers can split on them safely and escape the rest.
MATCH_START = "\x02"
MATCH_END = "\x03"
_SNIPPET_CHARS = 240
# PostgreSQL: web-search syntax never raises on user input ("a b" phrase, or, -word), and the
# configuration must be the indexed columns' for their GIN indexes to serve the query.
PG_QUERY = (
    f"websearch_to_tsquery('{PG_SEARCH_CONFIG}', "
    f"translate(:q, '{PG_SEPARATORS}', '{' ' * len(PG_SEPARATORS)}'))"
)
# An Arabic query: each word a group of its folded forms (search_arabic.pg_tsquery), no
# web-search syntax.
PG_ARABIC_QUERY = f"to_tsquery('{PG_SEARCH_CONFIG}', :q)"
# About the size of the FTS5 snippets (24 tokens); two fragments when matches lie apart.
PG_HEADLINE = (
    f'StartSel="{MATCH_START}", StopSel="{MATCH_END}", MinWords=12, MaxWords=24, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)


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


def _fts5_hits(
    store: Store, sql: str, query: str, limit: int | None, offset: int
) -> Sequence[Any] | None:
    """The rows of an FTS5 statement that marks snippets with `:a`/`:b` and matches `:q`, one
    page of them (`limit` None: all); None when FTS5 refuses the query, since an FTS5 oddity
    must not break search: the caller falls back to substrings."""
    params: dict[str, Any] = {"a": MATCH_START, "b": MATCH_END, "q": fts_query(query)}
    if limit is not None:
        sql += " LIMIT :limit OFFSET :offset"
        params.update(limit=limit, offset=offset)
    try:
        with store.engine.connect() as conn:
            return conn.execute(text(sql), params).all()
    except OperationalError:
        return None


def pg_sql(template: str, query: str) -> tuple[str, str, str]:
    """The PostgreSQL statement for a query, its tsquery expression, and the :q value they take.

    An Arabic query is read by `to_tsquery` from its forms, and headlines are drawn on the
    folded text, the form its words match; other queries keep web-search syntax (folded too:
    Arabic-Indic digits are ASCII in the index).
    """
    arabic = has_forms(query)
    tsquery = PG_ARABIC_QUERY if arabic else PG_QUERY
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


def has_fts(store: Store) -> bool:
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


def pg_search(
    store: Store, sql: str, query: str, limit: int | None, offset: int
) -> list[tuple[str, str | None, str, float]] | None:
    """(id, title, snippet, rank) of a PostgreSQL full-text query's hits; None if it has no words.

    A query of punctuation or symbols alone yields no lexemes and would match nothing, while
    a substring search may still find it (for example "_"), so the caller falls back then.
    """
    sql, tsquery, q = pg_sql(sql, query)
    params = {"q": q, "limit": limit, "offset": offset, "options": PG_HEADLINE}
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


def plain_snippet(body: str, words: list[str]) -> str:
    """A snippet of plain text around the first matched word, with matches marked."""
    lowered = body.casefold()
    positions = [lowered.find(w.casefold()) for w in words]
    first = min((p for p in positions if p >= 0), default=0)
    start = max(0, first - _SNIPPET_CHARS // 3)
    piece = body[start : start + _SNIPPET_CHARS]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    marked = pattern.sub(lambda m: f"{MATCH_START}{m.group(0)}{MATCH_END}", piece)
    return ("…" if start else "") + marked + ("…" if start + _SNIPPET_CHARS < len(body) else "")


def like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def indexed_hits(
    store: Store,
    query: str,
    pg_template: str,
    fts5_sql: str,
    limit: int | None,
    offset: int,
) -> list[SearchHit] | None:
    """One page of hits from the store's full-text index, best first: PostgreSQL's statement
    (`pg_template`, see `pg_sql`) or SQLite's FTS5 one (`fts5_sql`: id, title, snippet, rank).

    None when the store has no index, or its engine cannot take the query (no words to
    PostgreSQL, an FTS5 oddity): the caller then falls back to substrings.
    """
    if not has_fts(store):
        return None
    if store.engine.dialect.name == "postgresql":
        found = pg_search(store, pg_template, query, limit, offset)
        return None if found is None else [SearchHit(*row) for row in found]
    rows = _fts5_hits(store, fts5_sql, query, limit, offset)
    if rows is None:
        return None
    return [SearchHit(r[0], r[1] or None, r[2], float(r[3])) for r in rows]
