"""The repository: every read and write of the store, one transaction per document.

Written against SQLAlchemy Core so the same code runs on SQLite (the default, one file in WAL
mode with foreign keys on) and PostgreSQL. Documents are upserted by content hash: re-ingesting
the same text is a no-op, and the same URL with new text is stored as a new version linked to
the old one. Derived rows are replaced wholesale, never patched, and raw documents are never
deleted by re-processing.
"""

from __future__ import annotations

import logging
import zlib
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    ColumnElement,
    Engine,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from watchfloor.errors import StoreError
from watchfloor.model import (
    AnnotatedDocument,
    Document,
    EventMention,
    Genre,
    Rejection,
    from_plain,
    to_plain,
)
from watchfloor.model.incidents import DocumentInfo, Incident, Override
from watchfloor.store import schema as t
from watchfloor.store.incident_query import first_within, latest_first
from watchfloor.store.incident_summary import (
    IncidentSummary,
    summarize,
    summary_from_plain,
    summary_plain,
)
from watchfloor.store.postgres import failure_hint, insert_new, require_driver
from watchfloor.store.spatial import grid_cell

__all__ = ["DocumentSummary", "Store", "WriteStatus", "engine_url", "open_store"]

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"


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


def _now() -> str:
    return datetime.now(UTC).isoformat()


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


def engine_url(target: str) -> str:
    """An SQLAlchemy URL from a file path, ":memory:" or a URL given as is."""
    if "://" in target:
        return target
    if target == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(target).expanduser()}"


SYNCHRONOUS = ("full", "normal")


def _sqlite_pragmas(synchronous: str) -> Callable[[Any, Any], None]:
    """The per-connection settings of an SQLite store, with its synchronous mode.

    WAL with synchronous=FULL syncs the log at every commit, so a commit that returned
    survives a power cut; NORMAL syncs only at checkpoints and can lose the last commits on
    power loss (never on a process crash, and never to corruption). See docs/scale.md.
    """
    mode = synchronous.upper()

    def pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={mode}")
        cursor.close()

    return pragmas


def open_store(target: str, *, synchronous: str = "full") -> Store:
    """Open (and create or migrate) the store at a path or URL.

    `synchronous` ("full" or "normal") is SQLite's durability mode; PostgreSQL keeps its
    server's own settings (synchronous_commit is on by default: a commit is durable).
    """
    if synchronous not in SYNCHRONOUS:
        raise StoreError(f"synchronous is {', '.join(SYNCHRONOUS)}, not {synchronous!r}")
    require_driver(target)  # psycopg is the optional extra `watchfloor[postgres]`
    url = engine_url(target)
    try:
        if url.startswith("sqlite"):
            if url != "sqlite://":
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            kwargs: dict[str, Any] = {}
            if url == "sqlite://":
                kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
            engine = create_engine(url, **kwargs)
            event.listen(engine, "connect", _sqlite_pragmas(synchronous))
        else:
            engine = create_engine(url, pool_pre_ping=True)
        store = Store(engine)
        store.migrate()
    except (SQLAlchemyError, OSError) as exc:
        raise StoreError(
            f"cannot open the store at {target!r}: {failure_hint(exc, target)}"
        ) from exc
    return store


class Store:
    """Reads and writes documents, rejections, annotations, event mentions and incidents."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- schema -------------------------------------------------------------------------
    def migrate(self) -> None:
        """Bring the schema to the newest migration (Alembic, on this store's connection)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def close(self) -> None:
        """Release the engine's connections."""
        self.engine.dispose()

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
                    self._replace_annotations(conn, annotated, extractor or "")
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
            "ingested": _now(),
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

    # -- annotations ----------------------------------------------------------------------
    def replace_annotations(self, annotated: AnnotatedDocument, extractor: str) -> None:
        """Replace a document's derived rows with a new reading, in one transaction."""
        try:
            with self.engine.begin() as conn:
                self._replace_annotations(conn, annotated, extractor)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"could not write annotations of {annotated.document.id}: {failure_hint(exc)}"
            ) from exc

    def _replace_annotations(
        self, conn: Connection, annotated: AnnotatedDocument, extractor: str
    ) -> None:
        doc_id = annotated.document.id
        conn.execute(delete(t.event_mentions).where(t.event_mentions.c.document_id == doc_id))
        conn.execute(delete(t.readings).where(t.readings.c.document_id == doc_id))
        data = to_plain(annotated)
        data.pop("document")
        genre = annotated.genre.value if annotated.genre else None
        conn.execute(
            insert(t.readings).values(
                document_id=doc_id, extractor=extractor, genre=genre, created=_now(), data=data
            )
        )
        for mention in annotated.events:
            conn.execute(insert(t.event_mentions).values(**_mention_row(mention, extractor)))

    def get_annotated(self, ref: str) -> AnnotatedDocument | None:
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

    # -- rejections -------------------------------------------------------------------------
    def add_rejection(self, rejection: Rejection) -> None:
        """Record a refused input; the same refusal again only bumps its count and time."""
        r = t.rejections.c
        key = (
            (r.source == rejection.source)
            & (r.content_hash == rejection.content_hash)
            & (r.code == rejection.code)
            & (r.stage == rejection.stage)
        )
        try:
            with self.engine.begin() as conn:
                found = conn.execute(select(r.id).where(key)).first()
                created = rejection.created.astimezone(UTC).isoformat()
                row = {
                    "code": rejection.code,
                    "message": rejection.message,
                    "stage": rejection.stage,
                    "source": rejection.source,
                    "content_hash": rejection.content_hash,
                    "created": created,
                    "last_seen": created,
                    "times": 1,
                    "detail": rejection.detail,
                }
                unique = ("source", "content_hash", "code", "stage")
                # Seen before, or recorded by another writer since the check: count it.
                if found or not insert_new(conn, t.rejections, row, unique):
                    conn.execute(
                        update(t.rejections)
                        .where(key)
                        .values(times=r.times + 1, last_seen=_now(), message=rejection.message)
                    )
        except SQLAlchemyError as exc:
            raise StoreError(
                f"could not record the rejection of {rejection.source}: {failure_hint(exc)}"
            ) from exc

    def rejections(self, *, limit: int | None = None) -> list[tuple[Rejection, int]]:
        """Recorded rejections, newest first, each with how many times it was seen."""
        r = t.rejections.c
        query = select(t.rejections).order_by(r.last_seen.desc(), r.id.desc())
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [
            (
                Rejection(
                    code=row.code,
                    message=row.message,
                    stage=row.stage,
                    source=row.source,
                    content_hash=row.content_hash,
                    created=datetime.fromisoformat(row.created),
                    detail=row.detail,
                ),
                row.times,
            )
            for row in rows
        ]

    # -- summaries --------------------------------------------------------------------------
    def summary(self) -> dict[str, Any]:
        """Counts of documents by outlet, genre and language, and of rejections by code."""
        d = t.documents.c
        with self.engine.connect() as conn:
            rows = conn.execute(select(d.outlet, d.genre, d.language)).all()
            rejected = conn.execute(select(t.rejections.c.code)).scalars().all()
            n_annotated = conn.execute(select(func.count()).select_from(t.readings)).scalar()
            n_mentions = conn.execute(select(func.count()).select_from(t.event_mentions)).scalar()
            n_incidents = conn.execute(select(func.count()).select_from(t.incidents)).scalar()
        return {
            "documents": len(rows),
            "by_outlet": dict(Counter(r.outlet or "(unknown)" for r in rows).most_common()),
            "by_genre": dict(Counter(r.genre for r in rows).most_common()),
            "by_language": dict(Counter(r.language for r in rows).most_common()),
            "rejections": len(rejected),
            "rejections_by_code": dict(Counter(rejected).most_common()),
            "annotated": n_annotated or 0,
            "event_mentions": n_mentions or 0,
            "incidents": n_incidents or 0,
        }

    # -- incidents ------------------------------------------------------------------------
    def save_incidents(
        self,
        incidents: Sequence[Incident],
        blocks: Mapping[str, Iterable[str]],
        retired: Sequence[str] = (),
    ) -> None:
        """Upsert incidents with their block keys and members; drop retired ones; one transaction.

        Args:
            incidents: new and updated incidents.
            blocks: block keys of each incident id (what candidate search looks up).
            retired: ids of incidents absorbed by others.
        """
        ids = [i.id for i in incidents]
        try:
            with self.engine.begin() as conn:
                gone = list({*retired, *ids})
                for table in (t.incident_blocks, t.incident_members, t.incident_actors):
                    conn.execute(delete(table).where(table.c.incident_id.in_(gone)))
                conn.execute(delete(t.incidents).where(t.incidents.c.id.in_(gone)))
                for incident in incidents:
                    conn.execute(insert(t.incidents).values(**_incident_row(incident)))
                    keys = sorted(set(blocks.get(incident.id, ())))
                    if keys:
                        conn.execute(
                            insert(t.incident_blocks),
                            [{"incident_id": incident.id, "block": key} for key in keys],
                        )
                    actors = _actor_rows(incident)
                    if actors:
                        conn.execute(insert(t.incident_actors), actors)
                    members = sorted(set(incident.mention_ids))
                    if members:
                        conn.execute(
                            insert(t.incident_members),
                            [{"incident_id": incident.id, "mention_id": m} for m in members],
                        )
        except SQLAlchemyError as exc:
            raise StoreError(f"could not write {len(ids)} incidents: {failure_hint(exc)}") from exc

    def candidate_incidents(self, block_keys: Iterable[str]) -> list[Incident]:
        """Incidents filed under any of these block keys (the merge's candidate search)."""
        keys = sorted(set(block_keys))
        if not keys:
            return []
        blocked = select(t.incident_blocks.c.incident_id).where(t.incident_blocks.c.block.in_(keys))
        query = (
            select(t.incidents.c.data)
            .where(t.incidents.c.id.in_(blocked))
            .order_by(t.incidents.c.id)
        )
        with self.engine.connect() as conn:
            return [from_plain(Incident, row[0]) for row in conn.execute(query)]

    def incident_of_mention(self, mention_id: str) -> str | None:
        """The id of the incident that holds an event mention."""
        m = t.incident_members.c
        with self.engine.connect() as conn:
            return conn.execute(select(m.incident_id).where(m.mention_id == mention_id)).scalar()

    def get_incident(self, ref: str) -> Incident | None:
        """The incident with this id, or with this unique id prefix (8 characters or more)."""
        i = t.incidents.c
        with self.engine.connect() as conn:
            exact = conn.execute(select(i.data).where(i.id == ref)).first()
            if exact is not None:
                return from_plain(Incident, exact[0])
            if len(ref) < 8:
                return None
            # A range, not LIKE, so the primary-key index answers the prefix look-up.
            rows = conn.execute(
                select(i.data).where(i.id >= ref, i.id < ref + "\uffff").limit(2)
            ).all()
        return from_plain(Incident, rows[0][0]) if len(rows) == 1 else None

    def incidents(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        event_type: str | None = None,
        actor: str | None = None,
        near: tuple[float, float, float] | None = None,
        min_origins: int | None = None,
        ids: Collection[str] | ColumnElement[bool] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Incident]:
        """Incidents, latest first, filtered by dates, type, actor, distance, origins and ids.

        `near` is (lat, lon, km); `actor` matches a canonical id or name, case-insensitive;
        `ids` restricts to these incidents (e.g. the hits of a text search). Filters are
        answered by indexes and only the page's incidents are rebuilt from their JSON.
        """
        filters = {
            "since": since,
            "until": until,
            "event_type": event_type,
            "actor": actor,
            "near": near,
            "min_origins": min_origins,
            "ids": ids,
        }
        rows = self._page(t.incidents.c.data, filters, limit, offset)
        return [from_plain(Incident, data) for _, data in rows]

    def incident_summaries(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        event_type: str | None = None,
        actor: str | None = None,
        near: tuple[float, float, float] | None = None,
        min_origins: int | None = None,
        ids: Collection[str] | ColumnElement[bool] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[IncidentSummary]:
        """What lists show of the incidents `incidents` returns (same filters, same order).

        Read from the stored summaries, not rebuilt from the incidents' whole JSON.
        """
        filters = {
            "since": since,
            "until": until,
            "event_type": event_type,
            "actor": actor,
            "near": near,
            "min_origins": min_origins,
            "ids": ids,
        }
        rows = self._page(t.incidents.c.summary, filters, limit, offset)
        missing = [ref for ref, summary in rows if summary is None]
        # A row without its summary (written around the migration) is summarised in full.
        whole = {i.id: summarize(i) for i in self.incidents(ids=missing)} if missing else {}
        return [
            summary_from_plain(summary) if summary is not None else whole[ref]
            for ref, summary in rows
        ]

    def _page(
        self, column: Any, filters: dict[str, Any], limit: int | None, offset: int
    ) -> list[tuple[str, Any]]:
        """(id, `column`) of one page of the filtered incidents, latest first.

        The page's ids come from the indexes first (the id alone is in the ordering index,
        so skipping to a far offset reads no table row); `column` is then read for those ids.
        """
        i = t.incidents.c
        near = filters.get("near")
        columns = [i.id, i.lat, i.lon] if near else [i.id]
        with self.engine.connect() as conn:
            query = latest_first(conn, columns, filters)
            if not near and (limit is not None or offset):
                query = query.offset(offset)
                if limit is not None:
                    query = query.limit(limit)
            if near:
                wanted = offset + limit if limit is not None else None
                rows = first_within(conn.execute(query), near, wanted)[offset:]
            else:
                rows = list(conn.execute(query).all())
            page = [r.id for r in rows]
            values: dict[str, Any] = {}
            for start in range(0, len(page), 500):
                chunk = page[start : start + 500]
                found = conn.execute(select(i.id, column).where(i.id.in_(chunk)))
                values.update({row[0]: row[1] for row in found})
        return [(ref, values[ref]) for ref in page]

    # -- overrides ------------------------------------------------------------------------
    def add_override(self, override: Override) -> None:
        """Keep an analyst's override (applied after every merge) and log it in the audit."""
        with self.engine.begin() as conn:
            exists = conn.execute(
                select(t.overrides.c.id).where(t.overrides.c.id == override.id)
            ).first()
            if exists:
                return
            conn.execute(
                insert(t.overrides).values(
                    id=override.id,
                    kind=override.kind.value,
                    created=override.created.astimezone(UTC).isoformat(),
                    author=override.author,
                    data=to_plain(override),
                )
            )
            conn.execute(
                insert(t.audit_log).values(
                    at=_now(),
                    actor=override.author,
                    action=f"override.{override.kind.value}",
                    target=",".join(override.targets),
                    detail=to_plain(override),
                )
            )

    def overrides(self) -> list[Override]:
        """Every override, oldest first."""
        o = t.overrides.c
        with self.engine.connect() as conn:
            rows = conn.execute(select(o.data).order_by(o.created, o.id)).all()
        return [from_plain(Override, row[0]) for row in rows]

    def audit_entries(self, limit: int = 100) -> list[dict[str, Any]]:
        """The newest audit-log lines."""
        a = t.audit_log.c
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.audit_log).order_by(a.id.desc()).limit(limit)).all()
        return [dict(row._mapping) for row in rows]

    def audit(
        self, action: str, target: str | None, detail: dict[str, Any], actor: str | None
    ) -> None:
        """Append one line to the audit log."""
        with self.engine.begin() as conn:
            conn.execute(
                insert(t.audit_log).values(
                    at=_now(), actor=actor, action=action, target=target, detail=detail
                )
            )


def _actor_rows(incident: Incident) -> list[dict[str, Any]]:
    """One row per actor and role of an incident, for the indexed actor filter."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for actor in incident.actors:
        name = actor.name.casefold()[:200]
        key = (actor.actor_id or f"name:{name}")[:200]
        rows[(key, actor.role)] = {
            "incident_id": incident.id,
            "actor_key": key,
            "role": actor.role[:16],
            "actor_id": actor.actor_id,
            "name_folded": name,
        }
    return list(rows.values())


def _incident_row(incident: Incident) -> dict[str, Any]:
    place = incident.place
    return {
        "id": incident.id,
        "event_type": incident.event_type,
        "family": incident.family,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "place_name": place.name if place else None,
        "country_code": place.country_code if place else None,
        "admin1": place.admin1 if place else None,
        "date_start": incident.start.isoformat() if incident.start else None,
        "date_end": incident.end.isoformat() if incident.end else None,
        "origins": incident.independent_origins,
        "corroboration": incident.corroboration.value,
        "updated": _now(),
        "data": to_plain(incident),
        "precision": place.precision.value if place else None,
        "biggest": _biggest_figure(incident),
        "summary": summary_plain(incident),
        "cell": grid_cell(place.lat, place.lon) if place else None,
    }


def _biggest_figure(incident: Incident) -> int:
    """The largest number any source gives for the incident (the map's marker size)."""
    return max(
        (s.high if s.high is not None else s.low for f in incident.figures for s in f.sources),
        default=0,
    )


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
