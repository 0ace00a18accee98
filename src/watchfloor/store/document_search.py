"""Full-text search over documents (store/search.py says how search works)."""

from __future__ import annotations

from sqlalchemy import or_, select

from watchfloor.store import schema as t
from watchfloor.store.repository import Store
from watchfloor.store.search_arabic import has_arabic, marked_snippet
from watchfloor.store.search_engine import (
    WORD,
    SearchHit,
    indexed_hits,
    like_escape,
    plain_snippet,
)
from watchfloor.store.search_schema import FTS_DOCUMENTS

__all__ = ["search_documents"]

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


def search_documents(
    store: Store, query: str, *, limit: int = 20, offset: int = 0
) -> list[SearchHit]:
    """Documents whose title or text contain every word of the query, best match first.

    On PostgreSQL the query also takes web-search syntax: "a quoted phrase", `or`, `-word`.
    """
    words = WORD.findall(query)
    if not words:
        return []
    hits = indexed_hits(
        store,
        query,
        _PG_DOCUMENTS_SQL,
        f"SELECT document_id, title, snippet({FTS_DOCUMENTS}, 2, :a, :b, '…', 24), rank "
        f"FROM {FTS_DOCUMENTS} WHERE {FTS_DOCUMENTS} MATCH :q ORDER BY rank",
        limit,
        offset,
    )
    if hits is not None:
        return _as_written(store, hits, query)
    d = t.documents.c
    conditions = [
        or_(d.text.ilike(f"%{w}%", escape="\\"), d.title.ilike(f"%{w}%"))
        for w in (like_escape(w) for w in words)
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
    return [SearchHit(r[0], r[1], plain_snippet(r[2], words), 0.0) for r in found]


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
