"""Reads and writes of facility claims and indicator points (tables in `facility_schema.py`).

`FacilityStore.replace_document` swaps one document's rows in one transaction, so re-reading a
document never leaves half of its claims behind. The states and series are computed from these
rows by `watchfloor.merge.facilities` when asked for (`facility_views.py`), so editing the
register or re-reading documents is always reflected.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import SQLAlchemyError

from watchfloor.errors import StoreError
from watchfloor.model import from_plain, to_plain
from watchfloor.model.facilities import FacilityClaim, IndicatorPoint
from watchfloor.store.clock import utc_now
from watchfloor.store.facility_schema import facility_claims, indicator_points
from watchfloor.store.repository import Store

__all__ = ["FacilityStore"]


class FacilityStore:
    """Reads and writes facility claims and indicator points in a store."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    def replace_document(
        self,
        document_id: str,
        claims: Sequence[FacilityClaim],
        points: Sequence[IndicatorPoint],
        extractor: str,
    ) -> None:
        """Replace one document's claims and points, in one transaction."""
        now = utc_now()
        try:
            with self.engine.begin() as conn:
                for table in (facility_claims, indicator_points):
                    conn.execute(delete(table).where(table.c.document_id == document_id))
                if claims:
                    conn.execute(
                        insert(facility_claims),
                        [
                            {
                                "id": c.id,
                                "facility_id": c.facility_id,
                                "kind": c.kind.value,
                                "document_id": document_id,
                                "as_of": c.as_of.isoformat() if c.as_of else None,
                                "extractor": extractor,
                                "created": now,
                                "data": to_plain(c),
                            }
                            for c in {c.id: c for c in claims}.values()
                        ],
                    )
                if points:
                    conn.execute(
                        insert(indicator_points),
                        [
                            {
                                "id": p.id,
                                "indicator_id": p.indicator_id,
                                "document_id": document_id,
                                "as_of": p.as_of.isoformat() if p.as_of else None,
                                "extractor": extractor,
                                "created": now,
                                "data": to_plain(p),
                            }
                            for p in {p.id: p for p in points}.values()
                        ],
                    )
        except SQLAlchemyError as exc:
            raise StoreError(
                f"could not write the facility claims of {document_id}: {exc}; the document's "
                "previous claims are kept"
            ) from exc

    def claims(
        self, facility_id: str | None = None, kind: str | None = None
    ) -> list[FacilityClaim]:
        """Stored facility claims (of one facility, of one kind), oldest first."""
        c = facility_claims.c
        query = select(c.data).order_by(c.as_of, c.id)
        if facility_id:
            query = query.where(c.facility_id == facility_id)
        if kind:
            query = query.where(c.kind == kind)
        with self.engine.connect() as conn:
            return [from_plain(FacilityClaim, row[0]) for row in conn.execute(query)]

    def points(self, indicator_id: str | None = None) -> list[IndicatorPoint]:
        """Stored indicator points (of one indicator), oldest first."""
        p = indicator_points.c
        query = select(p.data).order_by(p.as_of, p.id)
        if indicator_id:
            query = query.where(p.indicator_id == indicator_id)
        with self.engine.connect() as conn:
            return [from_plain(IndicatorPoint, row[0]) for row in conn.execute(query)]

    def counts(self) -> dict[str, Any]:
        """How many claims per facility and points per indicator are stored."""
        c, p = facility_claims.c, indicator_points.c
        with self.engine.connect() as conn:
            claims = conn.execute(select(c.facility_id, func.count()).group_by(c.facility_id))
            points = conn.execute(select(p.indicator_id, func.count()).group_by(p.indicator_id))
            return {
                "claims": {row[0]: row[1] for row in claims},
                "points": {row[0]: row[1] for row in points},
            }
