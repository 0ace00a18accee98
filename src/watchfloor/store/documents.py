"""Documents: the document side of the store (their readings are in `readings.py`).

`DocumentRepository` is the part of `repository.Store` that reads and writes them, one
transaction per document. Documents are upserted by content hash: re-ingesting the same text is
a no-op, and the same URL with new text is stored as a new version linked to the old one.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from enum import StrEnum
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from watchfloor.errors import StoreError
from watchfloor.model import (
    AnnotatedDocument,
    Document,
    Genre,
    to_plain,
)
from watchfloor.model.incidents import DocumentInfo
from watchfloor.store import schema as t
from watchfloor.store.clock import utc_now
from watchfloor.store.postgres import failure_hint, insert_new
from watchfloor.store.readings import write_reading

__all__ = ["DocumentRepository", "DocumentSummary", "WriteStatus"]


class WriteStatus(StrEnum):
    """What writing a document did."""

    STORED = "stored"
    ALREADY_STORED = "already stored"
    NEW_VERSION = "new version"


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One row of a document listing."""

    id: str
    outlet: str | None
    title: str | None
    published: str | None
    genre: str
    language: str
    words: int
    source: str
    previous_version: str | None


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


# Publication times are stored in UTC (they sort and compare); the offset the outlet wrote
# is kept beside them, so that 19:18 -05:00 is listed on its own day, not the next.
_OFFSET_KEY = "published_utc_offset_minutes"


def _with_offset(extras: Mapping[str, Any], published: datetime | None) -> dict[str, Any]:
    plain = dict(to_plain(extras))
    offset = published.utcoffset() if published is not None else None
    if offset:
        plain[_OFFSET_KEY] = int(offset.total_seconds() // 60)
    return plain


def _reported(utc: str | None, extras: Mapping[str, Any] | None) -> datetime | None:
    """A stored UTC publication time in the offset the outlet wrote it with."""
    if not utc:
        return None
    when = datetime.fromisoformat(utc)
    minutes = (extras or {}).get(_OFFSET_KEY)
    if isinstance(minutes, int) and minutes:
        when = when.astimezone(timezone(timedelta(minutes=minutes)))
    return when


def _iso_reported(utc: str | None, extras: Mapping[str, Any] | None) -> str | None:
    reported = _reported(utc, extras)
    return reported.isoformat() if reported is not None else None


def _without_offset(extras: Mapping[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (extras or {}).items() if k != _OFFSET_KEY}


class DocumentRepository:
    """Reads and writes documents and their versions."""

    engine: Engine

    # -- documents ----------------------------------------------------------------------
    def write_document(
        self,
        document: Document,
        annotated: AnnotatedDocument | None = None,
        extractor: str | None = None,
    ) -> WriteStatus:
        """Store a document, and its annotations if given, in one transaction."""
        try:
            with self.engine.begin() as conn:
                exists = conn.execute(
                    select(t.documents.c.id).where(t.documents.c.id == document.id)
                ).first()
                if exists:
                    status = WriteStatus.ALREADY_STORED
                else:
                    previous = self._latest_version(conn, document.url)
                    row = self._row(document, previous)
                    status = WriteStatus.NEW_VERSION if previous else WriteStatus.STORED
                    if not insert_new(conn, t.documents, row, ("id",)):
                        status = WriteStatus.ALREADY_STORED  # another writer was just faster
                if annotated is not None and (status is not WriteStatus.ALREADY_STORED):
                    write_reading(conn, annotated, extractor or "")
        except SQLAlchemyError as exc:
            raise StoreError(
                f"could not write document {document.id}: {failure_hint(exc)}"
            ) from exc
        return status

    def _latest_version(self, conn: Connection, url: str | None) -> str | None:
        if not url:
            return None
        row = conn.execute(
            select(t.documents.c.id)
            .where(t.documents.c.url == url)
            .order_by(t.documents.c.ingested.desc(), t.documents.c.id)
            .limit(1)
        ).first()
        return row[0] if row else None

    @staticmethod
    def _row(document: Document, previous: str | None) -> dict[str, Any]:
        return {
            "id": document.id,
            "previous_version": previous,
            "source": document.source,
            "url": document.url,
            "outlet": document.outlet,
            "title": document.title,
            "author": document.author,
            "published": _iso(document.published),
            "retrieved": _iso(document.retrieved),
            "ingested": utc_now(),
            "language": document.language,
            "genre": document.genre.value,
            "media_type": document.media_type,
            "word_count": document.word_count,
            "text": document.text,
            "raw": zlib.compress(document.raw, 6),
            "removed": list(document.removed),
            "extras": _with_offset(document.extras, document.published),
        }

    def get_document(self, ref: str) -> Document | None:
        """The document with this id, or with this unique id prefix."""
        with self.engine.connect() as conn:
            row = self._find(conn, ref)
        if row is None:
            return None
        published = row.published
        return Document(
            id=row.id,
            text=row.text,
            raw=zlib.decompress(row.raw),
            media_type=row.media_type,
            source=row.source,
            retrieved=datetime.fromisoformat(row.retrieved),
            language=row.language,
            genre=Genre(row.genre),
            outlet=row.outlet,
            url=row.url,
            title=row.title,
            author=row.author,
            published=_reported(published, row.extras),
            removed=tuple(row.removed or ()),
            extras=_without_offset(row.extras),
        )

    def _find(self, conn: Connection, ref: str) -> Any:
        exact = conn.execute(select(t.documents).where(t.documents.c.id == ref)).first()
        if exact is not None or len(ref) < 8:
            return exact
        rows = conn.execute(
            select(t.documents).where(t.documents.c.id.startswith(ref, autoescape=True)).limit(2)
        ).all()
        return rows[0] if len(rows) == 1 else None

    def list_documents(
        self,
        *,
        outlet: str | None = None,
        since: datetime | None = None,
        genre: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[DocumentSummary]:
        """Documents, newest publication first, filtered by outlet, date and genre."""
        d = t.documents.c
        query = select(
            d.id,
            d.outlet,
            d.title,
            d.published,
            d.genre,
            d.language,
            d.word_count,
            d.source,
            d.previous_version,
            d.extras,
        )
        if outlet:
            query = query.where(func.lower(d.outlet) == outlet.lower())
        if since:
            query = query.where(d.published >= _iso(since))
        if genre:
            query = query.where(d.genre == genre)
        query = query.order_by(d.published.desc(), d.id).offset(offset)
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [
            DocumentSummary(*row[:3], _iso_reported(row.published, row.extras), *row[4:9])
            for row in rows
        ]

    def document_ids(self) -> list[str]:
        """Every stored document id, in id order."""
        with self.engine.connect() as conn:
            return list(conn.execute(select(t.documents.c.id).order_by(t.documents.c.id)).scalars())

    def iter_documents(self, ids: Sequence[str] | None = None) -> Iterator[Document]:
        """Stored documents one at a time (all of them, or those with the given ids)."""
        for ref in ids if ids is not None else self.document_ids():
            document = self.get_document(ref)
            if document is not None:
                yield document

    def document_infos(self, ids: Iterable[str]) -> dict[str, DocumentInfo]:
        """Outlet and publication time of documents, as merging needs them."""
        wanted = sorted(set(ids))
        d = t.documents.c
        found: dict[str, DocumentInfo] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), 500):
                rows = conn.execute(
                    select(d.id, d.outlet, d.published, d.extras).where(
                        d.id.in_(wanted[start : start + 500])
                    )
                )
                for row in rows:
                    published = _reported(row.published, row.extras)
                    found[row.id] = DocumentInfo(row.outlet, published)
        return found
