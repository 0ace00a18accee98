"""Where a place name stands on the map, from the stored incidents and their claims."""

from __future__ import annotations

from sqlalchemy import func, select, text

from watchfloor.store import schema as t
from watchfloor.store.repository import Store

__all__ = ["place_centre"]


def place_centre(store: Store, name: str) -> tuple[float, float] | None:
    """Coordinates of a place name claimed for some stored incident, the latest such first.

    The incidents' own place column answers most lookups without reading any JSON; only a name
    that is no incident's best place is looked for among the claims (in SQL on SQLite, else by
    reading the incidents).
    """
    wanted = name.casefold()
    i = t.incidents.c
    query = (
        select(i.lat, i.lon)
        .where(func.lower(i.place_name) == wanted, i.lat.is_not(None), i.lon.is_not(None))
        .order_by(i.date_end.desc(), i.id)
        .limit(1)
    )
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
        if row is None and store.engine.dialect.name == "sqlite":
            row = conn.execute(text(_CLAIM_PLACE_SQL), {"name": wanted}).first()
            if row is None:
                return None
    if row is not None:
        return float(row[0]), float(row[1])
    for incident in store.incidents():
        for claim in incident.claims:
            place = claim.place
            if place is None or place.lat is None or place.lon is None:
                continue
            if wanted in (place.name.casefold(), place.text.casefold()):
                return place.lat, place.lon
    return None


# A claim placed at a name (or surface text), latest incident first; json_each keeps the scan
# in SQLite rather than rebuilding every incident in Python (~5 s instead of minutes at 100k).
_CLAIM_PLACE_SQL = """
SELECT json_extract(c.value, '$.place.lat'), json_extract(c.value, '$.place.lon')
FROM incidents, json_each(incidents.data, '$.claims') AS c
WHERE json_extract(c.value, '$.place.lat') IS NOT NULL
  AND json_extract(c.value, '$.place.lon') IS NOT NULL
  AND (lower(json_extract(c.value, '$.place.name')) = :name
       OR lower(json_extract(c.value, '$.place.text')) = :name)
ORDER BY incidents.date_end DESC, incidents.id
LIMIT 1
"""
