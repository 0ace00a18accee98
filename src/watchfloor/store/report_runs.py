"""The record of written situation reports (table `report_runs`, migration 0002).

Reports keep a snapshot (incident id -> content fingerprint) so the next report can say what
changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, select

from watchfloor.model import to_plain
from watchfloor.model.incidents import Incident
from watchfloor.store.repository import Store
from watchfloor.store.search_schema import report_runs

__all__ = ["ReportRun", "incident_fingerprint", "last_report_run", "record_report_run"]


@dataclass(frozen=True, slots=True)
class ReportRun:
    """A situation report that was written: when, for which period, where, and what it held."""

    id: int
    created: datetime
    since: str | None
    until: str | None
    path: str | None
    snapshot: dict[str, str]


def incident_fingerprint(incident: Incident) -> str:
    """A digest of an incident's whole content: it changes when anything about it changes."""
    data = json.dumps(to_plain(incident), sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(data.encode("ascii")).hexdigest()[:16]


def record_report_run(
    store: Store,
    snapshot: dict[str, str],
    *,
    since: str | None,
    until: str | None,
    path: str | None,
    created: datetime | None = None,
) -> int:
    """Keep the record of a written report; returns its id."""
    when = (created or datetime.now(UTC)).astimezone(UTC).isoformat()
    with store.engine.begin() as conn:
        result = conn.execute(
            insert(report_runs).values(
                created=when, since=since, until=until, path=path, snapshot=snapshot
            )
        )
        key = result.inserted_primary_key
    return int(key[0]) if key else 0


def last_report_run(store: Store) -> ReportRun | None:
    """The most recently written report, or None when there was none."""
    r = report_runs.c
    with store.engine.connect() as conn:
        row = conn.execute(select(report_runs).order_by(r.created.desc(), r.id.desc())).first()
    if row is None:
        return None
    return ReportRun(
        id=row.id,
        created=datetime.fromisoformat(row.created),
        since=row.since,
        until=row.until,
        path=row.path,
        snapshot=dict(row.snapshot or {}),
    )
