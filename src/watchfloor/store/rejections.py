"""Refused inputs: `RejectionRepository` is the part of `repository.Store` that records each
refusal once (the same refusal again bumps its count and time) and lists them newest first."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import SQLAlchemyError

from watchfloor.errors import StoreError
from watchfloor.model import Rejection
from watchfloor.store import schema as t
from watchfloor.store.clock import utc_now
from watchfloor.store.postgres import failure_hint, insert_new

__all__ = ["RejectionRepository"]


class RejectionRepository:
    """Records and lists refused inputs."""

    engine: Engine

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
                        .values(times=r.times + 1, last_seen=utc_now(), message=rejection.message)
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
