"""The repository: every read and write of the store, one transaction per document.

Written against SQLAlchemy Core so the same code runs on SQLite (the default, one file in WAL
mode with foreign keys on) and PostgreSQL. `Store` joins the document side
(`documents.DocumentRepository`; `readings.ReadingRepository`: readings and event mentions;
`rejections.RejectionRepository`) with incidents, analyst overrides and the audit log.
Derived rows are replaced wholesale, never patched, and raw documents are never deleted by
re-processing. `opening.open_store` opens (creates, migrates) one.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, date
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    ColumnElement,
    Engine,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.exc import SQLAlchemyError

from watchfloor.errors import StoreError
from watchfloor.model import (
    from_plain,
    to_plain,
)
from watchfloor.model.incidents import Incident, Override
from watchfloor.store import schema as t
from watchfloor.store.clock import utc_now as _now
from watchfloor.store.documents import DocumentRepository, DocumentSummary, WriteStatus
from watchfloor.store.incident_query import first_within, latest_first
from watchfloor.store.incident_summary import (
    IncidentSummary,
    summarize,
    summary_from_plain,
    summary_plain,
)
from watchfloor.store.postgres import failure_hint
from watchfloor.store.readings import ReadingRepository
from watchfloor.store.rejections import RejectionRepository
from watchfloor.store.spatial import grid_cell

__all__ = ["MIGRATIONS", "DocumentSummary", "Store", "WriteStatus"]

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"


class Store(DocumentRepository, ReadingRepository, RejectionRepository):
    """Reads and writes documents (`DocumentRepository`), readings and event mentions
    (`ReadingRepository`), rejections (`RejectionRepository`) and incidents, overrides and the
    audit log."""

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
