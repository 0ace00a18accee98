"""The overview's map and timeline from the light marker rows (no incident JSON rebuilt)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from watchfloor.model.mentions import Precision
from watchfloor.report.drawing import MapPoint, TimelineItem
from watchfloor.report.marker_layer import marker_label_text
from watchfloor.serve.views import IncidentFilters, store_filters
from watchfloor.store import Store
from watchfloor.store.incident_query import (
    IncidentMarker,
    MarkerRow,
    incident_markers,
    marker_rows,
)

__all__ = [
    "find_marker_rows",
    "find_markers",
    "marker_label",
    "marker_points",
    "timeline_items",
]


def find_markers(
    store: Store,
    filters: IncidentFilters,
    limit: int,
    resolved: dict[str, Any] | None = None,
) -> list[IncidentMarker]:
    """The markers of the incidents the filters select, latest first, at most `limit`.

    `resolved` is `store_filters` of these filters when the caller has it already.
    """
    common = resolved if resolved is not None else store_filters(store, filters)
    return incident_markers(store, limit=limit, **common)


def find_marker_rows(
    store: Store,
    filters: IncidentFilters,
    limit: int,
    resolved: dict[str, Any] | None = None,
) -> list[MarkerRow]:
    """`find_markers` as plain row tuples, which the overview draws from (report/marker_layer)."""
    common = resolved if resolved is not None else store_filters(store, filters)
    return marker_rows(store, limit=limit, **common)


def marker_label(marker: IncidentMarker) -> str:
    """ "Prison escape in al-Hol, 2026-01-19": what a marker's tooltip says."""
    return marker_label_text(marker.event_type, marker.place_name, marker.date_start)


_PRECISIONS = {p.value: p for p in Precision}


def _precision(value: str | None) -> Precision | None:
    return _PRECISIONS.get(value) if value else None


def marker_points(markers: Sequence[IncidentMarker]) -> list[MapPoint]:
    """The markers as map points."""
    return [
        MapPoint(
            incident_id=m.id,
            lat=m.lat,
            lon=m.lon,
            precision=_precision(m.precision),
            biggest=m.biggest,
            corroboration=m.corroboration or "single_source",
            label=marker_label(m),
            place_name=m.place_name,
        )
        for m in markers
    ]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def timeline_items(markers: Sequence[IncidentMarker]) -> list[TimelineItem]:
    """The markers as timeline items."""
    return [
        TimelineItem(
            m.id,
            _day(m.date_start),
            _day(m.date_end),
            m.event_type,
            m.corroboration or "single_source",
            marker_label(m),
        )
        for m in markers
    ]
