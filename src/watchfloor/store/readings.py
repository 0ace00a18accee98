"""A document's reading (its annotations) and the event mentions read in it, stored beside the
document and replaced wholesale: `write_reading` writes them in a document's transaction, and
`ReadingRepository`, a part of `repository.Store`, writes and reads them on their own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from watchfloor.errors import StoreError
from watchfloor.model import AnnotatedDocument, Document, EventMention, from_plain, to_plain
from watchfloor.store import schema as t
from watchfloor.store.clock import utc_now
from watchfloor.store.postgres import failure_hint

__all__ = ["ReadingRepository", "write_reading"]


class _Documents(Protocol):
    engine: Engine

    def get_document(self, ref: str) -> Document | None: ...


class ReadingRepository:
    """Reads and writes the readings and event mentions of stored documents (a part of `Store`,
    beside `DocumentRepository`)."""

    engine: Engine

    def replace_annotations(self, annotated: AnnotatedDocument, extractor: str) -> None:
        """Replace a document's derived rows with a new reading, in one transaction."""
        try:
            with self.engine.begin() as conn:
                write_reading(conn, annotated, extractor)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"could not write annotations of {annotated.document.id}: {failure_hint(exc)}"
            ) from exc

    def get_annotated(self: _Documents, ref: str) -> AnnotatedDocument | None:
        """A stored document with its stored reading, or None when either is missing."""
        document = self.get_document(ref)
        if document is None:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(
                select(t.readings.c.data).where(t.readings.c.document_id == document.id)
            ).first()
        if row is None:
            return None
        data = dict(row[0])
        data["document"] = to_plain(document)
        return from_plain(AnnotatedDocument, data)

    def extractor_of(self, document_id: str) -> str | None:
        """The extractor version that produced a document's stored reading."""
        with self.engine.connect() as conn:
            return conn.execute(
                select(t.readings.c.extractor).where(t.readings.c.document_id == document_id)
            ).scalar()

    def event_mentions(self, document_ids: Sequence[str] | None = None) -> list[EventMention]:
        """Stored event mentions, of some documents or all, in id order."""
        query = select(t.event_mentions.c.data).order_by(t.event_mentions.c.id)
        if document_ids is not None:
            query = query.where(t.event_mentions.c.document_id.in_(list(document_ids)))
        with self.engine.connect() as conn:
            return [from_plain(EventMention, row[0]) for row in conn.execute(query)]


def write_reading(conn: Connection, annotated: AnnotatedDocument, extractor: str) -> None:
    """Replace a document's reading and event mentions with a new one, in `conn`'s transaction."""
    doc_id = annotated.document.id
    conn.execute(delete(t.event_mentions).where(t.event_mentions.c.document_id == doc_id))
    conn.execute(delete(t.readings).where(t.readings.c.document_id == doc_id))
    data = to_plain(annotated)
    data.pop("document")
    genre = annotated.genre.value if annotated.genre else None
    conn.execute(
        insert(t.readings).values(
            document_id=doc_id, extractor=extractor, genre=genre, created=utc_now(), data=data
        )
    )
    for mention in annotated.events:
        conn.execute(insert(t.event_mentions).values(**_mention_row(mention, extractor)))


def _mention_row(mention: EventMention, extractor: str) -> dict[str, Any]:
    place, when = mention.place, mention.date
    return {
        "id": mention.id,
        "document_id": mention.evidence.document_id,
        "event_type": mention.event_type,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "date_start": when.start.isoformat() if when else None,
        "date_end": when.end.isoformat() if when else None,
        "extractor": extractor,
        "data": to_plain(mention),
    }
