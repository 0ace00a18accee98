"""The incident filters as one SQL query, shared by the list, its count and the map's markers.

`Store.incidents` rebuilds a page of incidents from their JSON; `count_incidents` says how
many match in all ("50 of 118"), and `incident_markers` serves the map from the indexed
columns alone (id, point, type, corroboration, origins, place) without rebuilding anything.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from math import cos, radians
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Connection, Engine, Select, func, select

from watchfloor.model.geo import haversine_km
from watchfloor.store import schema as t
from watchfloor.store.spatial import cells_around


class Store(Protocol):
    """What these queries need of a store (`repository.Store`, which imports them): its engine."""

    engine: Engine


__all__ = [
    "MARKER_FIELDS",
    "IncidentMarker",
    "MarkerRow",
    "count_incidents",
    "filtered_query",
    "first_within",
    "incident_markers",
    "latest_first",
    "marker_rows",
    "revised_incident_ids",
    "stored_counts",
    "within",
]


@dataclass(frozen=True, slots=True)
class IncidentMarker:
    """What the map needs of one incident, read from indexed columns only."""

    id: str
    lat: float | None
    lon: float | None
    event_type: str
    place_name: str | None
    country_code: str | None
    date_start: str | None
    date_end: str | None
    origins: int
    corroboration: str | None
    precision: str | None = None
    biggest: int = 0  # the largest number any source gives (sizes the marker)


def filtered_query(
    columns: list[Any],
    *,
    since: date | None = None,
    until: date | None = None,
    event_type: str | None = None,
    actor: str | None = None,
    near: tuple[float, float, float] | None = None,
    min_origins: int | None = None,
    ids: Collection[str] | ColumnElement[bool] | None = None,
    actor_is_common: bool = False,
) -> Select[Any]:
    """SELECT `columns` FROM incidents with every filter; `near` is grid cells or a box here.

    `ids` is a collection of incident ids, or a SQL condition that selects them.
    """
    i = t.incidents.c
    query = select(*columns)
    if since:
        query = query.where(i.date_end >= since.isoformat())
    if until:
        query = query.where(i.date_start <= until.isoformat())
    if event_type:
        query = query.where(i.event_type == event_type)
    if min_origins:
        query = query.where(i.origins >= min_origins)
    if isinstance(ids, ColumnElement):
        query = query.where(ids)  # a condition selecting them (search.matching_incidents_where)
    elif ids is not None:
        query = query.where(i.id.in_(sorted(set(ids))))
    if actor:
        wanted = actor.casefold()
        a = t.incident_actors.c
        acts = (a.actor_id == wanted) | (a.name_folded == wanted)
        named = select(a.incident_id).where(acts)
        if actor_is_common:
            # `id || ''` keeps the id index from driving the query: the incidents are then
            # walked in date order (an index) and each is looked up in the actor's set, which
            # stops once the page is full. Else SQLite reads each of thousands of the actor's
            # incidents from the table, then sorts them all.
            query = query.where((i.id + "").in_(named))
        else:
            query = query.where(i.id.in_(named))
    if near:
        lat, lon, km = near
        # The grid cells the circle can touch (the spatial index, store/spatial.py), or for a
        # very large radius a bounding box; the exact great-circle distance by `within`.
        cells = cells_around(lat, lon, km)
        if cells is not None:
            query = query.where(i.cell.in_(cells))
        else:
            dlat = km / 111.0 + 0.01
            dlon = dlat / max(cos(radians(lat)), 0.01)
            query = query.where(
                i.lat.between(lat - dlat, lat + dlat), i.lon.between(lon - dlon, lon + dlon)
            )
    return query


def within(rows: Sequence[Any], near: tuple[float, float, float]) -> list[Any]:
    """The rows (with .lat and .lon) whose point lies within the great-circle radius."""
    lat, lon, km = near
    return [r for r in rows if haversine_km(lat, lon, r.lat, r.lon) <= km]


# An actor in more incidents than this is filtered by probing (see `filtered_query`).
_COMMON_ACTOR = 1000


def latest_first(conn: Connection, columns: list[Any], filters: dict[str, Any]) -> Select[Any]:
    """`filtered_query` latest first, with the actor filter shaped by how common the actor is.

    A rare actor's few incidents are best found through the actor index and sorted; for a
    common one, walking the incidents in date order and probing the actor index stops as soon
    as a page (or the map's 2,000) is full. The count comes from the actor index alone.
    """
    i = t.incidents.c
    actor = filters.get("actor")
    common = False
    if actor:
        a = t.incident_actors.c
        wanted = actor.casefold()
        counted = (
            select(func.count())
            .select_from(t.incident_actors)
            .where((a.actor_id == wanted) | (a.name_folded == wanted))
        )
        common = int(conn.execute(counted).scalar() or 0) > _COMMON_ACTOR
    query = filtered_query(columns, **filters, actor_is_common=common)
    return query.order_by(i.date_end.desc(), i.id)


def first_within(
    rows: Iterable[Any], near: tuple[float, float, float], count: int | None
) -> list[Any]:
    """The first `count` rows (all when None) whose point lies within the radius.

    Reads rows from a result as it goes and stops once it has enough: the latest incidents
    come first, so a page near a busy town reads a few hundred of its thousands of rows.
    """
    lat, lon, km = near
    kept: list[Any] = []
    for r in rows:
        if haversine_km(lat, lon, r.lat, r.lon) <= km:
            kept.append(r)
            if count is not None and len(kept) >= count:
                break
    return kept


def count_incidents(store: Store, **filters: Any) -> int:
    """How many incidents match the filters (the same ones `Store.incidents` takes)."""
    i = t.incidents.c
    with store.engine.connect() as conn:
        if filters.get("near"):
            rows = conn.execute(filtered_query([i.id, i.lat, i.lon], **filters)).all()
            return len(within(rows, filters["near"]))
        query = filtered_query([func.count()], **filters).select_from(t.incidents)
        return int(conn.execute(query).scalar_one())


# The marker row's columns, in order (`marker_rows`); `IncidentMarker` has the same fields.
MARKER_FIELDS = (
    "id",
    "lat",
    "lon",
    "event_type",
    "place_name",
    "country_code",
    "date_start",
    "date_end",
    "origins",
    "corroboration",
    "precision",
    "biggest",
)

MarkerRow = tuple[Any, ...]


def marker_rows(store: Store, limit: int | None = None, **filters: Any) -> list[MarkerRow]:
    """The map's markers for the filtered incidents as plain tuples (MARKER_FIELDS), latest first.

    Read from the covering marker index alone. Tuples rather than objects: the overview
    draws from them directly, and a tuple is also the key of each marker's cached markup.
    """
    i = t.incidents.c
    columns = [getattr(i, name) for name in MARKER_FIELDS]
    with store.engine.connect() as conn:
        query = latest_first(conn, columns, filters)
        if limit is not None and not filters.get("near"):
            query = query.limit(limit)
        result = conn.execute(query)
        near = filters.get("near")
        rows = first_within(result, near, limit) if near else result.all()
    return [tuple(r) for r in rows]


def incident_markers(
    store: Store, limit: int | None = None, **filters: Any
) -> list[IncidentMarker]:
    """The map's markers for the filtered incidents, latest first, without rebuilding JSON."""
    return [
        IncidentMarker(**dict(zip(MARKER_FIELDS, (*r[:-1], r[-1] or 0), strict=True)))
        for r in marker_rows(store, limit=limit, **filters)
    ]


def stored_counts(store: Store) -> dict[str, int]:
    """How many incidents and documents are stored (what the overview's heading says).

    `Store.summary` also reads every document's outlet, genre and language for its breakdowns,
    which a page that shows two numbers need not pay for.
    """
    with store.engine.connect() as conn:
        incidents = conn.execute(select(func.count()).select_from(t.incidents)).scalar()
        documents = conn.execute(select(func.count()).select_from(t.documents)).scalar()
    return {"incidents": int(incidents or 0), "documents": int(documents or 0)}


def revised_incident_ids(store: Store, after: datetime) -> list[str]:
    """Ids of the incidents created or revised (re-merged, overridden) after this time."""
    i = t.incidents.c
    stamp = after.astimezone(UTC).isoformat()
    with store.engine.connect() as conn:
        return list(conn.execute(select(i.id).where(i.updated > stamp)).scalars())
