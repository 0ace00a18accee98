"""A lat/lon grid as the incidents' spatial index, the same on SQLite and PostgreSQL.

Each incident's point falls in one cell of a 0.25° grid (~28 km north-south); the cell number
is stored in `incidents.cell` (migration 0011) under an index that starts with it and covers
what the list's id pages and the map's markers read. A point-and-radius filter asks for the
few cells its bounding box touches (`cell IN (...)`, ~30 cells for 50 km) instead of a
latitude band across the whole region, then keeps the points within the great-circle radius
(`incident_query.within`). Plain integer columns and B-tree indexes: no R-tree module or
PostGIS is needed on either engine.
"""

from __future__ import annotations

from math import cos, floor, radians

__all__ = ["CELL_DEGREES", "MAX_CELLS", "cells_around", "grid_cell"]

CELL_DEGREES = 0.25
_COLUMNS = round(360 / CELL_DEGREES)  # cells per row of latitude
# A box touching more cells than this (a radius of several hundred km) is filtered by its
# latitude and longitude ranges alone: an IN list that long saves nothing.
MAX_CELLS = 400


def grid_cell(lat: float | None, lon: float | None) -> int | None:
    """The grid cell of a point (None without coordinates)."""
    if lat is None or lon is None:
        return None
    row = min(floor((lat + 90.0) / CELL_DEGREES), round(180 / CELL_DEGREES) - 1)
    column = floor(((lon + 180.0) % 360.0) / CELL_DEGREES) % _COLUMNS
    return int(row * _COLUMNS + column)


def cells_around(lat: float, lon: float, km: float) -> list[int] | None:
    """Every cell a circle of `km` around the point can touch, or None when there are too many.

    The box is the one `incident_query.filtered_query` uses (one degree of latitude ~111 km,
    longitude widened by the cosine of the latitude), so no point inside the radius is missed.
    """
    dlat = km / 111.0 + 0.01
    dlon = dlat / max(cos(radians(lat)), 0.01)
    if dlon >= 180.0:
        return None
    south, north = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    rows = range(floor((south + 90.0) / CELL_DEGREES), floor((north + 90.0) / CELL_DEGREES) + 1)
    first = floor(((lon - dlon + 180.0) % 360.0) / CELL_DEGREES)
    count = floor(2 * dlon / CELL_DEGREES) + 2
    if len(rows) * min(count, _COLUMNS) > MAX_CELLS:
        return None
    columns = sorted({(first + k) % _COLUMNS for k in range(min(count, _COLUMNS))})
    last_row = round(180 / CELL_DEGREES) - 1
    return sorted({min(r, last_row) * _COLUMNS + c for r in rows for c in columns})
