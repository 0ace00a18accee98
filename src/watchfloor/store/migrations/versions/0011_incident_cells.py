"""Grid cell column and index: the incidents' spatial index for point-and-radius filters.

Also an index of the event type with the marker columns, so the map of one type reads no
table rows either.

`--near`, `?near=`, `?lat&lon&km` and `?place=` asked for a latitude band across the whole
region through the (lat, lon) index and then read each row in it from the table (the id and
date are not in that index): 400 ms and more at 100k incidents. Each incident now carries the
cell of a 0.25° lat/lon grid (store/spatial.py), indexed together with the map's marker
columns, so a 50 km filter reads some thirty cells of one index and nothing else. Existing
incidents are back-filled from their stored lat/lon in batches.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from __future__ import annotations

from math import floor

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_BATCH = 1000
# store/schema.py MARKER_COLUMNS as of 0011 (the cell index covers them).
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
_CELL_DEGREES = 0.25  # store/spatial.py as of 0011
_COLUMNS = round(360 / _CELL_DEGREES)


def _cell(lat: float | None, lon: float | None) -> int | None:
    """store/spatial.grid_cell as of 0011."""
    if lat is None or lon is None:
        return None
    row = min(floor((lat + 90.0) / _CELL_DEGREES), round(180 / _CELL_DEGREES) - 1)
    column = floor(((lon + 180.0) % 360.0) / _CELL_DEGREES) % _COLUMNS
    return int(row * _COLUMNS + column)


def upgrade() -> None:
    """Add incidents.cell, back-fill it in batches, and index it (and the event type) with
    the marker columns."""
    op.add_column("incidents", sa.Column("cell", sa.Integer(), nullable=True))
    bind = op.get_bind()
    points = sa.table(
        "incidents",
        sa.column("id", sa.String),
        sa.column("lat", sa.Float),
        sa.column("lon", sa.Float),
        sa.column("cell", sa.Integer),
    )
    update = (
        points.update().where(points.c.id == sa.bindparam("key")).values(cell=sa.bindparam("value"))
    )
    last = ""
    while True:
        rows = bind.execute(
            sa.select(points.c.id, points.c.lat, points.c.lon)
            .where(points.c.id > last, points.c.lat.is_not(None), points.c.lon.is_not(None))
            .order_by(points.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        bind.execute(update, [{"key": key, "value": _cell(lat, lon)} for key, lat, lon in rows])
        last = rows[-1][0]
    op.create_index("ix_incidents_cell", "incidents", ["cell", *_MARKER_COLUMNS])
    # The map of one event type read from an index alone too (2,000 table reads before).
    by_type = ["event_type", *(c for c in _MARKER_COLUMNS if c != "event_type")]
    op.create_index("ix_incidents_type_markers", "incidents", by_type)


def downgrade() -> None:
    """Drop the cell and type marker indexes and the cell column."""
    op.drop_index("ix_incidents_type_markers", table_name="incidents")
    op.drop_index("ix_incidents_cell", table_name="incidents")
    op.drop_column("incidents", "cell")
