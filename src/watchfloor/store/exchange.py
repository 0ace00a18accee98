"""Exchange with partner desks (migration 0008_taxii): imported objects, markings, poll state.

`partner_objects` records every STIX object taken in from a partner: which partner, which
bundle, where from, the local id it lives under (its own namespace) and its TLP level.
`tlp_markings` keeps analysts' (and partners') TLP levels, each on an incident id or an event
mention id: an incident's level is the most restrictive of the markings on its id and on its
members, so a marking survives re-merging. `taxii_polls` remembers, per partner collection,
the `added_after` watermark where the last poll stopped. `taxii_collections` keeps the
collections defined from the desk (their plain definition, as the TAXII file writes one).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from watchfloor.errors import StoreError
from watchfloor.model.incidents import Incident
from watchfloor.store import schema as t
from watchfloor.store.clock import utc_now
from watchfloor.store.repository import Store

__all__ = ["ExchangeState", "PartnerObject", "PollState", "exchange_metadata"]

# Separate metadata: these tables belong to migration 0008_taxii, not to schema.py.
exchange_metadata = MetaData()

partner_objects = Table(
    "partner_objects",
    exchange_metadata,
    Column("partner", String(200), primary_key=True),
    Column("stix_id", String(120), primary_key=True),
    Column("local_id", String(40), nullable=False),
    Column("bundle_id", String(120), nullable=False),
    Column("source", Text, nullable=False),
    Column("level", String(16), nullable=False),
    Column("received", String(40), nullable=False),
    Index("ix_partner_objects_local", "local_id"),
)

tlp_markings = Table(
    "tlp_markings",
    exchange_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target", String(64), nullable=False),
    Column("level", String(16), nullable=False),
    Column("author", Text, nullable=True),
    Column("created", String(40), nullable=False),
    Column("note", Text, nullable=False),
    Index("ix_tlp_markings_target", "target"),
)

taxii_polls = Table(
    "taxii_polls",
    exchange_metadata,
    Column("url", String(500), primary_key=True),
    Column("collection", String(120), primary_key=True),
    Column("partner", String(200), nullable=False),
    Column("added_after", String(40), nullable=True),
    Column("last_poll", String(40), nullable=False),
    Column("objects", Integer, nullable=False),
)

taxii_collections = Table(
    "taxii_collections",
    exchange_metadata,
    Column("alias", String(120), primary_key=True),
    Column("id", String(40), nullable=False, unique=True),
    Column("data", JSON, nullable=False),
    Column("author", Text, nullable=True),
    Column("created", String(40), nullable=False),
)

_RANK = ("clear", "green", "amber", "amber+strict", "red")


@dataclass(frozen=True, slots=True)
class PartnerObject:
    """One STIX object taken in from a partner, under its local (namespaced) id."""

    partner: str
    stix_id: str
    local_id: str
    bundle_id: str
    source: str
    level: str


@dataclass(frozen=True, slots=True)
class PollState:
    """Where the last poll of a partner collection stopped."""

    url: str
    collection: str
    partner: str
    added_after: str | None
    last_poll: str
    objects: int


class ExchangeState:
    """Reads and writes the exchange tables of a store."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    # -- partner objects -----------------------------------------------------------------
    def record_objects(self, objects: Sequence[PartnerObject]) -> None:
        """Record (or refresh) imported objects, one transaction."""
        if not objects:
            return
        p = partner_objects.c
        received = utc_now()
        try:
            with self.engine.begin() as conn:
                for obj in objects:
                    conn.execute(
                        delete(partner_objects).where(
                            p.partner == obj.partner[:200], p.stix_id == obj.stix_id[:120]
                        )
                    )
                    conn.execute(
                        insert(partner_objects).values(
                            partner=obj.partner[:200],
                            stix_id=obj.stix_id[:120],
                            local_id=obj.local_id,
                            bundle_id=obj.bundle_id[:120],
                            source=obj.source,
                            level=obj.level,
                            received=received,
                        )
                    )
        except SQLAlchemyError as exc:
            raise StoreError(f"could not record {len(objects)} partner objects: {exc}") from exc

    def partner_objects(self, partner: str | None = None) -> list[dict[str, Any]]:
        """Recorded partner objects (of one partner or all), by partner then STIX id."""
        p = partner_objects.c
        query = select(partner_objects).order_by(p.partner, p.stix_id)
        if partner is not None:
            query = query.where(p.partner == partner)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    # -- markings ------------------------------------------------------------------------
    def mark(self, target: str, level: str, author: str | None, note: str = "") -> None:
        """Put a TLP level on an incident id or event mention id (kept in the audit log).

        A marked incident counts as updated, so TAXII partners polling with `added_after`
        receive it again when a lower level now lets a collection serve it.
        """
        if level not in _RANK:
            raise ValueError(f"unknown TLP level {level!r}")
        row = {
            "target": target[:64],
            "level": level,
            "author": author,
            "created": utc_now(),
            "note": note,
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(tlp_markings).values(**row))
                conn.execute(
                    update(t.incidents)
                    .where(t.incidents.c.id == target)
                    .values(updated=row["created"])
                )
                conn.execute(
                    insert(t.audit_log).values(
                        at=row["created"],
                        actor=author,
                        action="marking.tlp",
                        target=target,
                        detail={"level": level, "note": note},
                    )
                )
        except SQLAlchemyError as exc:
            raise StoreError(f"could not mark {target}: {exc}") from exc

    def mark_many(self, targets: Iterable[tuple[str, str]], author: str) -> None:
        """Put levels on many targets at once (a partner's markings on imported claims)."""
        rows = [
            {
                "target": target[:64],
                "level": level,
                "author": author,
                "created": utc_now(),
                "note": "",
            }
            for target, level in targets
            if level in _RANK
        ]
        if not rows:
            return
        m = tlp_markings.c
        try:
            with self.engine.begin() as conn:
                for row in rows:
                    conn.execute(
                        delete(tlp_markings).where(
                            m.target == row["target"], m.author == author, m.level == row["level"]
                        )
                    )
                conn.execute(insert(tlp_markings), rows)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not record {len(rows)} markings: {exc}") from exc

    def _marks(self, targets: Iterable[str]) -> list[tuple[int, str, str, str | None]]:
        """(id, target, level, author) of every marking on these targets."""
        wanted = sorted({target[:64] for target in targets})
        m = tlp_markings.c
        found: list[tuple[int, str, str, str | None]] = []
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), 500):
                query = select(m.id, m.target, m.level, m.author).where(
                    m.target.in_(wanted[start : start + 500])
                )
                found.extend((r.id, r.target, r.level, r.author) for r in conn.execute(query))
        return [row for row in found if row[2] in _RANK]

    def level_of(self, incident: Incident, default: str = "green") -> str:
        """An incident's TLP level (see `levels_of`)."""
        return self.levels_of([incident], default)[incident.id]

    def levels_of(self, incidents: Sequence[Incident], default: str = "green") -> dict[str, str]:
        """Each incident's TLP level, with one look-up for them all.

        The analyst's latest marking on the incident (its id or a member mention) is in
        force, else the default; a partner's marking on an imported claim is a floor that no
        analyst marking lowers (what a partner shared as AMBER is never re-shared as GREEN).
        """
        targets = [i.id for i in incidents] + [m for i in incidents for m in i.mention_ids]
        marks = self._marks(targets)
        by_target: dict[str, list[tuple[int, str, str | None]]] = {}
        for ident, target, level, author in marks:
            by_target.setdefault(target, []).append((ident, level, author))
        levels: dict[str, str] = {}
        for incident in incidents:
            rows = [r for k in (incident.id, *incident.mention_ids) for r in by_target.get(k, ())]
            partner = [lvl for _, lvl, who in rows if (who or "").startswith("partner:")]
            analyst = [(i, lvl) for i, lvl, who in rows if not (who or "").startswith("partner:")]
            level = max(analyst)[1] if analyst else default
            levels[incident.id] = max([level, *partner], key=_RANK.index)
        return levels

    def marking_history(self, target: str) -> list[dict[str, Any]]:
        """Markings put on one target, oldest first."""
        m = tlp_markings.c
        query = select(tlp_markings).where(m.target == target[:64]).order_by(m.id)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    # -- what changed, for TAXII ---------------------------------------------------------
    def updated_since(
        self, after: str | None, *, limit: int | None = None
    ) -> list[tuple[str, str]]:
        """(incident id, updated) of incidents saved at or after a time, oldest first."""
        i = t.incidents.c
        query = select(i.id, i.updated).order_by(i.updated, i.id)
        if after is not None:
            query = query.where(i.updated >= after)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [(row.id, row.updated) for row in conn.execute(query)]

    def members(self, incident_ids: Sequence[str]) -> dict[str, list[str]]:
        """The event mention ids of each of these incidents (from the members index)."""
        m = t.incident_members.c
        found: dict[str, list[str]] = {i: [] for i in incident_ids}
        wanted = sorted(found)
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), 500):
                query = select(m.incident_id, m.mention_id).where(
                    m.incident_id.in_(wanted[start : start + 500])
                )
                for incident_id, mention_id in conn.execute(query):
                    found[incident_id].append(mention_id)
        return found

    # -- poll state ----------------------------------------------------------------------
    def poll_state(self, url: str, collection: str) -> PollState | None:
        """Where the last poll of a partner collection stopped, if it was polled before."""
        s = taxii_polls.c
        query = select(taxii_polls).where(s.url == url[:500], s.collection == collection[:120])
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return PollState(**row._mapping) if row is not None else None

    def save_poll(
        self, url: str, collection: str, partner: str, added_after: str | None, objects: int
    ) -> None:
        """Remember where a poll stopped (the watermark only moves forward)."""
        s = taxii_polls.c
        key = (s.url == url[:500]) & (s.collection == collection[:120])
        try:
            with self.engine.begin() as conn:
                old = conn.execute(select(s.added_after, s.objects).where(key)).first()
                if (
                    old is not None
                    and old.added_after
                    and (added_after is None or added_after < old.added_after)
                ):
                    added_after = old.added_after
                total = objects + (old.objects if old is not None else 0)
                conn.execute(delete(taxii_polls).where(key))
                conn.execute(
                    insert(taxii_polls).values(
                        url=url[:500],
                        collection=collection[:120],
                        partner=partner[:200],
                        added_after=added_after,
                        last_poll=utc_now(),
                        objects=total,
                    )
                )
        except SQLAlchemyError as exc:
            raise StoreError(f"could not save the poll state of {url}: {exc}") from exc

    # -- collections defined from the desk -----------------------------------------------
    def save_collection(self, alias: str, ident: str, data: dict[str, Any], author: str) -> None:
        """Define (or redefine) a collection; logged in the audit."""
        c = taxii_collections.c
        try:
            with self.engine.begin() as conn:
                conn.execute(delete(taxii_collections).where((c.alias == alias) | (c.id == ident)))
                conn.execute(
                    insert(taxii_collections).values(
                        alias=alias, id=ident, data=data, author=author, created=utc_now()
                    )
                )
                conn.execute(
                    insert(t.audit_log).values(
                        at=utc_now(), actor=author, action="taxii.collection", target=alias,
                        detail=data,
                    )
                )  # fmt: skip
        except SQLAlchemyError as exc:
            raise StoreError(f"could not save collection {alias}: {exc}") from exc

    def delete_collection(self, alias: str, author: str) -> bool:
        """Remove a collection defined from the desk; False when there is none."""
        c = taxii_collections.c
        try:
            with self.engine.begin() as conn:
                gone = conn.execute(delete(taxii_collections).where(c.alias == alias)).rowcount
                if gone:
                    conn.execute(
                        insert(t.audit_log).values(
                            at=utc_now(), actor=author, action="taxii.collection.delete",
                            target=alias, detail={},
                        )
                    )  # fmt: skip
        except SQLAlchemyError as exc:
            raise StoreError(f"could not delete collection {alias}: {exc}") from exc
        return bool(gone)

    def stored_collections(self) -> list[dict[str, Any]]:
        """The plain definitions of the collections defined from the desk, by alias."""
        c = taxii_collections.c
        query = select(c.data).order_by(c.alias)
        with self.engine.connect() as conn:
            return [dict(row.data) for row in conn.execute(query)]
