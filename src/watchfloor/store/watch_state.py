"""The watcher's memory (migration 0003): alerts fired, and what each rule last saw.

`watch_alerts` keeps one row per (rule, incident, fingerprint) fired, so an alert fires once
per change and never again after a restart. `watch_seen` keeps, per rule and incident, a
snapshot of what the rule last saw (the figures' low bounds), which "figure rising" and "new
incident" compare against.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from watchfloor.errors import StoreError
from watchfloor.store.repository import Store

__all__ = ["WatchState", "watch_alerts", "watch_metadata", "watch_seen"]

# Separate metadata: these tables belong to migration 0003, not to the lead's schema.py.
watch_metadata = MetaData()

watch_alerts = Table(
    "watch_alerts",
    watch_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("rule_id", String(128), nullable=False),
    Column("incident_id", String(40), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("fired_at", String(40), nullable=False),
    Column("payload", JSON, nullable=False),
    UniqueConstraint("rule_id", "incident_id", "fingerprint", name="uq_watch_alert"),
    Index("ix_watch_alerts_rule_incident", "rule_id", "incident_id"),
)

watch_seen = Table(
    "watch_seen",
    watch_metadata,
    Column("rule_id", String(128), primary_key=True),
    Column("incident_id", String(40), primary_key=True),
    Column("first_seen", String(40), nullable=False),
    Column("last_seen", String(40), nullable=False),
    Column("snapshot", JSON, nullable=False),
)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


class WatchState:
    """Reads and writes the watcher's tables in a store."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    def has_fired(self, rule_id: str, incident_id: str, fingerprint: str) -> bool:
        """True when this exact alert was already fired."""
        a = watch_alerts.c
        query = select(a.id).where(
            a.rule_id == rule_id, a.incident_id == incident_id, a.fingerprint == fingerprint
        )
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None

    def last_fired(self, rule_id: str, incident_id: str) -> datetime | None:
        """When the rule last fired for the incident."""
        a = watch_alerts.c
        query = select(func.max(a.fired_at)).where(
            a.rule_id == rule_id, a.incident_id == incident_id
        )
        with self.engine.connect() as conn:
            value = conn.execute(query).scalar()
        return datetime.fromisoformat(value) if value else None

    def record_alert(
        self,
        rule_id: str,
        incident_id: str,
        fingerprint: str,
        fired_at: datetime,
        payload: dict[str, Any],
    ) -> bool:
        """Record a fired alert; False when it was already recorded (another watcher won)."""
        row = {
            "rule_id": rule_id,
            "incident_id": incident_id,
            "fingerprint": fingerprint,
            "fired_at": _iso(fired_at),
            "payload": payload,
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(watch_alerts).values(**row))
        except IntegrityError:
            return False
        except SQLAlchemyError as exc:
            raise StoreError(f"could not record the alert of rule {rule_id}: {exc}") from exc
        return True

    def snapshot(self, rule_id: str, incident_id: str) -> dict[str, Any] | None:
        """What the rule saw of the incident last time, or None if it never saw it."""
        s = watch_seen.c
        query = select(s.snapshot).where(s.rule_id == rule_id, s.incident_id == incident_id)
        with self.engine.connect() as conn:
            value = conn.execute(query).scalar()
        return dict(value) if value is not None else None

    def save_snapshot(
        self, rule_id: str, incident_id: str, snapshot: dict[str, Any], at: datetime
    ) -> None:
        """Replace what the rule remembers of the incident."""
        s = watch_seen.c
        key = (s.rule_id == rule_id) & (s.incident_id == incident_id)
        try:
            with self.engine.begin() as conn:
                first = conn.execute(select(s.first_seen).where(key)).scalar()
                conn.execute(delete(watch_seen).where(key))
                conn.execute(
                    insert(watch_seen).values(
                        rule_id=rule_id,
                        incident_id=incident_id,
                        first_seen=first or _iso(at),
                        last_seen=_iso(at),
                        snapshot=snapshot,
                    )
                )
        except SQLAlchemyError as exc:
            raise StoreError(f"could not save what rule {rule_id} saw: {exc}") from exc

    def alerts(self, *, rule_id: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Fired alerts, newest first."""
        a = watch_alerts.c
        query = select(watch_alerts).order_by(a.fired_at.desc(), a.id.desc()).limit(limit)
        if rule_id:
            query = query.where(a.rule_id == rule_id)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]
