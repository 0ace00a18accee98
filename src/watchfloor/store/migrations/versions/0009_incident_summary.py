"""Summary column and marker index: what lists and the map read, without whole incidents.

The overview's list, the API's list and the search page read this small JSON instead of
rebuilding whole incidents from `data` (store/incident_summary.py), which kept their pages
slow at 100k incidents. Existing incidents are back-filled from their stored JSON. The map's
marker columns get a covering index: read from the table, they sit behind each row's large
`data` column and cost a walk over its overflow pages (2,000 markers: 50 ms, 3 ms indexed).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_BATCH = 500
# store/schema.py MARKER_COLUMNS as of 0009.
_MARKER_COLUMNS = [
    "date_end",
    "id",
    "lat",
    "lon",
    "event_type",
    "place_name",
    "country_code",
    "date_start",
    "origins",
    "corroboration",
    "precision",
    "biggest",
]


def _summary(data: dict[str, Any]) -> dict[str, Any]:
    """The stored form of `IncidentSummary`, from an incident's stored JSON (as of 0009)."""
    claims = data.get("claims") or []
    return {
        "id": data["id"],
        "event_type": data["event_type"],
        "place": data.get("place"),
        "start": data.get("start"),
        "end": data.get("end"),
        "corroboration": data.get("corroboration"),
        "independent_origins": sum(1 for o in data.get("origins") or () if o.get("is_independent")),
        "claim_count": len(claims),
        "outlets": list(dict.fromkeys(c.get("outlet") for c in claims)),
        "figures": data.get("figures") or [],
    }


def upgrade() -> None:
    """Add incidents.summary, back-filled in batches (never the whole table in memory), and
    the covering index of the map's markers."""
    op.add_column("incidents", sa.Column("summary", sa.JSON(), nullable=True))
    bind = op.get_bind()
    incidents = sa.table("incidents", sa.column("id", sa.String), sa.column("data", sa.JSON))
    summaries = sa.table("incidents", sa.column("id", sa.String), sa.column("summary", sa.JSON))
    update = (
        summaries.update()
        .where(summaries.c.id == sa.bindparam("key"))
        .values(summary=sa.bindparam("value"))
    )
    last = ""
    while True:
        rows = bind.execute(
            sa.select(incidents.c.id, incidents.c.data)
            .where(incidents.c.id > last)
            .order_by(incidents.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        values = []
        for key, data in rows:
            plain = json.loads(data) if isinstance(data, str) else data
            values.append({"key": key, "value": _summary(plain)})
        bind.execute(update, values)
        last = rows[-1][0]
    op.create_index("ix_incidents_markers", "incidents", _MARKER_COLUMNS)


def downgrade() -> None:
    """Drop the marker index and the summary column."""
    op.drop_index("ix_incidents_markers", table_name="incidents")
    op.drop_column("incidents", "summary")
