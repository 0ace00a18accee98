"""Geometry for the map and charts that the report and the desk draw as inline SVG.

Everything here is numbers and short strings; templates turn them into SVG elements (with
autoescaping), so no untrusted text is ever pasted into markup by this module. The basemap
is Natural Earth admin-1 polygons for Syria and its neighbours, simplified once by
scripts/build_basemap.py and shipped in report/data/basemap.geojson (public domain).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil, log10

from markupsafe import Markup

from watchfloor.model.incidents import Incident
from watchfloor.model.mentions import Precision
from watchfloor.report.basemap import (
    BasemapShape,
    MapLabel,
    Projection,
    basemap_labels,
    basemap_shapes,
)
from watchfloor.report.describe import biggest_figure, event_label, incident_headline, range_text

__all__ = [
    "BasemapShape",
    "FigureBar",
    "FigureChart",
    "MapLabel",
    "MapMarker",
    "MapPicture",
    "MapPoint",
    "NotDrawn",
    "Projection",
    "TimelineChart",
    "TimelineDot",
    "TimelineItem",
    "basemap_labels",
    "basemap_shapes",
    "figure_chart",
    "incident_point",
    "map_picture",
    "timeline_chart",
    "timeline_item",
]

# Radius of uncertainty drawn as a ring around a marker, by how precisely the place is known.
# Facilities and towns are points at this scale; coarser levels are drawn as the area the
# incident may lie anywhere in.
_PRECISION_KM = {
    Precision.FACILITY: 0.0,
    Precision.TOWN: 0.0,
    Precision.DISTRICT: 30.0,
    Precision.GOVERNORATE: 90.0,
    Precision.COUNTRY: 250.0,
    Precision.REGION: 500.0,
}


@dataclass(frozen=True, slots=True)
class MapMarker:
    """An incident on the map: position, size by figures, style by corroboration, ring."""

    incident_id: str
    x: float
    y: float
    r: float
    ring: float  # 0 when the place is a point at this scale
    corroboration: str
    label: str


@dataclass(frozen=True, slots=True)
class NotDrawn:
    """An incident the map leaves out, and why (no coordinates, or outside the drawn region)."""

    incident_id: str
    label: str
    reason: str


@dataclass(frozen=True, slots=True)
class MapPoint:
    """What a marker needs of an incident: from a whole Incident or from the light marker row."""

    incident_id: str
    lat: float | None
    lon: float | None
    precision: Precision | None
    biggest: int
    corroboration: str
    label: str
    place_name: str | None = None


@dataclass(frozen=True, slots=True)
class MapPicture:
    """Everything a map needs: canvas size, basemap, markers and what could not be drawn."""

    width: float
    height: float
    shapes: tuple[BasemapShape, ...]
    markers: tuple[MapMarker, ...]
    unplaced: int
    not_drawn: tuple[NotDrawn, ...] = ()
    labels: tuple[MapLabel, ...] = ()
    # The markers group already written (report/marker_layer.py), then `markers` is empty
    # and `drawn` says how many it holds.
    markup: Markup | None = None
    drawn: int = 0


def marker_radius(incident: Incident) -> float:
    """Marker size grows with the order of magnitude of the incident's largest figure."""
    return _radius(biggest_figure(incident))


def _radius(biggest: int) -> float:
    return round(min(16.0, 4.0 + 2.2 * log10(1 + max(biggest, 0))), 1)


def incident_point(incident: Incident) -> MapPoint:
    """The map's view of a whole incident."""
    place = incident.place
    return MapPoint(
        incident_id=incident.id,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        precision=place.precision if place else None,
        biggest=biggest_figure(incident),
        corroboration=incident.corroboration.value,
        label=incident_headline(incident),
        place_name=place.name if place else None,
    )


# The "not drawn" list names at most this many incidents (the count is always complete).
_NOT_DRAWN_LISTED = 50


def map_picture(incidents: Iterable[Incident | MapPoint]) -> MapPicture:
    """The region's basemap with a marker for every incident that has coordinates inside it.

    Incidents without coordinates, and those whose point lies outside the drawn region (a
    country's centroid far away, a misplaced town), are listed with the reason instead.
    """
    projection = Projection.region()
    markers: list[MapMarker] = []
    not_drawn: list[NotDrawn] = []
    unplaced = 0
    for item in incidents:
        point = incident_point(item) if isinstance(item, Incident) else item
        if point.lat is None or point.lon is None:
            unplaced += 1
            not_drawn.append(NotDrawn(point.incident_id, point.label, "no coordinates"))
            continue
        x, y = projection.xy(point.lat, point.lon)
        if not (0 <= x <= projection.width and 0 <= y <= projection.height):
            unplaced += 1
            where = point.place_name or f"{point.lat:.2f}, {point.lon:.2f}"
            reason = f"placed at {where} ({point.lat:.2f}, {point.lon:.2f}), outside the map"
            not_drawn.append(NotDrawn(point.incident_id, point.label, reason))
            continue
        ring_km = _PRECISION_KM.get(point.precision, 0.0) if point.precision else 0.0
        markers.append(
            MapMarker(
                incident_id=point.incident_id,
                x=x,
                y=y,
                r=_radius(point.biggest),
                ring=projection.km_to_px(ring_km),
                corroboration=point.corroboration,
                label=point.label,
            )
        )
    # Big markers first so small ones stay clickable on top of them.
    markers.sort(key=lambda m: -m.r)
    return MapPicture(
        projection.width,
        projection.height,
        basemap_shapes(),
        tuple(markers),
        unplaced,
        tuple(not_drawn[:_NOT_DRAWN_LISTED]),
        basemap_labels(),
    )


@dataclass(frozen=True, slots=True)
class FigureBar:
    """One source's reading of one figure: a bar on a log axis (a tick when a single value)."""

    role: str
    outlet: str
    origin: str
    text: str
    label: str
    y: float
    x0: float
    x1: float
    is_open: bool  # no upper bound: the bar runs off the right edge
    is_point: bool
    caption: str = ""  # "killed · Rudaw ← SDF", drawn whole left of the axis


@dataclass(frozen=True, slots=True)
class FigureChart:
    """Figure ranges per source on a shared log axis, one row per source reading."""

    width: float
    height: float
    left: float
    bars: tuple[FigureBar, ...]
    ticks: tuple[tuple[float, str], ...]


_CHART_WIDTH, _CHART_LEFT, _ROW = 640.0, 230.0, 24.0
_CHAR_PX = 6.6  # width of a label character at the chart's font size (12px sans-serif)


def _caption(role: str, outlet: str, origin: str) -> str:
    return f"{role} · {outlet}" + (f" ← {origin}" if origin != outlet else "")


def figure_chart(incident: Incident) -> FigureChart | None:
    """A chart of every source's figure range for each role, or None without figures."""
    rows = [(f, s) for f in incident.figures for s in f.sources]
    if not rows:
        return None
    top = max(max(s.low, s.high or s.low) for _, s in rows)
    decades = max(1, ceil(log10(max(top, 1) * 1.5)))
    captions = [
        _caption(f.role, s.outlet, s.chain[-1].name if s.chain else s.origin) for f, s in rows
    ]
    # The label column is as wide as the longest label, so none is cut at the left edge.
    left = max(_CHART_LEFT, round(max(len(c) for c in captions) * _CHAR_PX + 14, 1))
    width = left + (_CHART_WIDTH - _CHART_LEFT)
    span = width - left - 20

    def x_of(value: int) -> float:
        return round(left + span * log10(max(value, 1)) / decades, 1)

    bars = []
    for n, (figure, source) in enumerate(rows):
        x0 = x_of(source.low)
        x1 = width - 10 if source.high is None else x_of(source.high)
        bars.append(
            FigureBar(
                role=figure.role,
                outlet=source.outlet,
                origin=source.chain[-1].name if source.chain else source.origin,
                text=source.text,
                label=range_text(source.low, source.high),
                y=20 + n * _ROW,
                x0=x0,
                x1=max(x1, x0),
                is_open=source.high is None,
                is_point=source.high == source.low,
                caption=captions[n],
            )
        )
    ticks = tuple((x_of(10**k), f"{10**k:,}") for k in range(decades + 1))
    return FigureChart(width, 40 + len(rows) * _ROW, left, tuple(bars), ticks)


@dataclass(frozen=True, slots=True)
class TimelineDot:
    """An incident on the timeline: a bar from start to end in its event type's lane."""

    incident_id: str
    x0: float
    x1: float
    y: float
    corroboration: str
    label: str


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """What the timeline needs of an incident."""

    incident_id: str
    start: date | None
    end: date | None
    event_type: str
    corroboration: str
    label: str


@dataclass(frozen=True, slots=True)
class TimelineChart:
    """Incidents over time, one lane per event type, with date ticks.

    `first` and `days` map x back to dates (the desk's range selection); `outliers` are the
    incidents whose date lies far from all the others (a misread year), left off the axis.
    """

    width: float
    height: float
    left: float
    lanes: tuple[tuple[float, str], ...]
    dots: tuple[TimelineDot, ...]
    ticks: tuple[tuple[float, str], ...]
    first: date | None = None
    days: int = 0
    outliers: tuple[NotDrawn, ...] = ()
    markup: Markup | None = None  # the bars already written (then `dots` is empty)


# A date further than this from the middle of the others, in days, is an outlier when it is
# also more than _OUTLIER_SPREAD times the typical distance: one misread "1953" must not
# stretch a 2022 timeline over seventy years.
_OUTLIER_MIN_DAYS = 366
_OUTLIER_SPREAD = 6.0


def _kept_dates(items: list[TimelineItem]) -> tuple[list[TimelineItem], list[TimelineItem]]:
    """(kept, outliers): dates far from the median by the median absolute deviation."""
    if len(items) < 3:
        return items, []
    ordinals = sorted(i.start.toordinal() for i in items if i.start)
    middle = ordinals[len(ordinals) // 2]
    spread = sorted(abs(o - middle) for o in ordinals)[len(ordinals) // 2]
    limit = max(_OUTLIER_MIN_DAYS, _OUTLIER_SPREAD * spread)
    kept: list[TimelineItem] = []
    outliers: list[TimelineItem] = []
    for item in items:
        near = item.start is not None and abs(item.start.toordinal() - middle) <= limit
        (kept if near else outliers).append(item)
    return kept, outliers


def timeline_item(incident: Incident) -> TimelineItem:
    """The timeline's view of a whole incident."""
    return TimelineItem(
        incident.id,
        incident.start,
        incident.end,
        incident.event_type,
        incident.corroboration.value,
        incident_headline(incident),
    )


def timeline_chart(
    incidents: Iterable[Incident | TimelineItem], width: float = 1000.0
) -> TimelineChart | None:
    """A timeline of the dated incidents, or None when none has a date."""
    items = [timeline_item(i) if isinstance(i, Incident) else i for i in incidents]
    dated, outliers = _kept_dates([i for i in items if i.start is not None])
    if not dated:
        return None
    first = min(i.start for i in dated if i.start)
    last = max((i.end or i.start) for i in dated if i.start)
    if last - first < timedelta(days=6):
        # Pad short periods so a single day is not stretched across the whole width.
        first, last = first - timedelta(days=3), last + timedelta(days=3)
    days = (last - first).days + 1
    left, lane_h = 170.0, 22.0
    span = width - left - 10

    def x_of(day: date) -> float:
        return round(left + span * (day - first).days / days, 1)

    types = sorted({i.event_type for i in dated})
    lane_y = {t: 24 + n * lane_h for n, t in enumerate(types)}
    dots = tuple(
        TimelineDot(
            incident_id=i.incident_id,
            x0=x_of(i.start),
            x1=max(x_of((i.end or i.start) + timedelta(days=1)), x_of(i.start) + 4),
            y=lane_y[i.event_type],
            corroboration=i.corroboration,
            label=i.label,
        )
        for i in dated
        if i.start
    )
    step = max(1, days // 8)
    ticks = tuple(
        (x_of(first + timedelta(days=k)), (first + timedelta(days=k)).isoformat())
        for k in range(0, days, step)
    )
    lanes = tuple((y, event_label(t)) for t, y in lane_y.items())
    left_out = tuple(
        NotDrawn(i.incident_id, i.label, f"dated {i.start}, far from every other incident")
        for i in outliers
    )
    return TimelineChart(
        width, 40 + len(types) * lane_h, left, lanes, dots, ticks, first, days, left_out
    )
