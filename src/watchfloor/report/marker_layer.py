"""The overview's map markers and timeline bars, written straight from the store's marker rows.

At 100k incidents the overview draws up to 2,000 of them on every request. Going through
`map_picture` and `timeline_chart` builds three objects per incident (marker row, map point,
marker; timeline item, dot) and formats every attribute again on each request. Here each row
(a tuple of `MARKER_FIELDS`, read from the covering index) is turned into its markup once and
kept in a bounded cache keyed by the row itself and the link prefix: a changed incident is a
different row and gets fresh markup, so nothing ever needs invalidating. Per request only the
timeline's x positions (they depend on the period shown) are computed.

The output is the same markup `map_picture` + `markers_markup` and `timeline_chart` +
`timeline_markup` write for the same incidents (tests/report/test_marker_layer.py checks it).
Every text that could come from a document (place names, ids) goes through
`markupsafe.escape`; numbers are formatted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache, lru_cache
from typing import Any

from markupsafe import Markup, escape

from watchfloor.model.mentions import Precision
from watchfloor.report.basemap import Projection, basemap_labels, basemap_shapes
from watchfloor.report.describe import event_label
from watchfloor.report.drawing import (
    _NOT_DRAWN_LISTED,
    _PRECISION_KM,
    MapPicture,
    NotDrawn,
    TimelineChart,
    _radius,
)

__all__ = ["marker_label_text", "overview_map", "overview_timeline"]

# Rows whose markup is kept (map and timeline each): 2,000 per page, so the latest views of
# some twenty filter settings stay warm; ~0.4 kB a row.
_CACHED_ROWS = 50_000
_PRECISIONS = {p.value: p for p in Precision}
_OUTLIER_MIN_DAYS = 366  # as drawing._kept_dates
_OUTLIER_SPREAD = 6.0
_LEFT, _LANE_H, _WIDTH = 170.0, 22.0, 1000.0


def marker_label_text(event_type: str, place_name: str | None, date_start: str | None) -> str:
    """ "Prison escape in al-Hol, 2026-01-19": what a marker's tooltip says."""
    where = f" in {place_name}" if place_name else ""
    when = f", {date_start}" if date_start else ""
    return f"{event_label(event_type)}{where}{when}"


@cache
def _projection() -> Projection:
    return Projection.region()


def _label(row: Sequence[Any]) -> str:
    return marker_label_text(row[3], row[4], row[6])


@lru_cache(maxsize=_CACHED_ROWS)
def _map_entry(row: tuple[Any, ...], href: str) -> tuple[float, str, NotDrawn | None]:
    """(radius, markup, None) of a drawn row, or (0, "", why) of a row the map leaves out."""
    incident, lat, lon = row[0], row[1], row[2]
    if lat is None or lon is None:
        return 0.0, "", NotDrawn(incident, _label(row), "no coordinates")
    projection = _projection()
    x, y = projection.xy(lat, lon)
    if not (0 <= x <= projection.width and 0 <= y <= projection.height):
        where = row[4] or f"{lat:.2f}, {lon:.2f}"
        reason = f"placed at {where} ({lat:.2f}, {lon:.2f}), outside the map"
        return 0.0, "", NotDrawn(incident, _label(row), reason)
    precision = _PRECISIONS.get(row[10]) if row[10] else None
    ring = projection.km_to_px(_PRECISION_KM.get(precision, 0.0) if precision else 0.0)
    r = _radius(row[11] or 0)
    ident = escape(incident)
    circle = f'<circle class="ring" cx="{x:g}" cy="{y:g}" r="{ring:g}"/>' if ring > 0 else ""
    markup = (
        f'<a href="{escape(href)}{ident}" class="incident-link">{circle}'
        f'<circle class="marker corr-{escape(row[9] or "single_source")}" cx="{x:g}" '
        f'cy="{y:g}" r="{r:g}"><title>{escape(_label(row))}</title></circle></a>'
    )
    return r, markup, None


def overview_map(rows: Sequence[tuple[Any, ...]], href: str) -> MapPicture:
    """The overview's map of these marker rows: basemap, markers' markup, what is left out."""
    drawn: list[tuple[float, str]] = []
    left_out: list[NotDrawn] = []
    for row in rows:
        r, markup, why = _map_entry(row, href)
        if why is None:
            drawn.append((r, markup))
        else:
            left_out.append(why)
    # Big markers first so small ones stay clickable on top of them (a stable sort).
    drawn.sort(key=lambda d: -d[0])
    markup = Markup('<g class="markers">' + "".join(m for _, m in drawn) + "</g>")
    projection = _projection()
    return MapPicture(
        projection.width,
        projection.height,
        basemap_shapes(),
        (),
        len(left_out),
        tuple(left_out[:_NOT_DRAWN_LISTED]),
        basemap_labels(),
        markup=markup,
        drawn=len(drawn),
    )


def _ordinal(value: str | None) -> int | None:
    try:
        return date.fromisoformat(value).toordinal() if value else None
    except ValueError:
        return None


@lru_cache(maxsize=_CACHED_ROWS)
def _timeline_entry(
    row: tuple[Any, ...], href: str
) -> tuple[int | None, int | None, str, str, str]:
    """(start, end ordinals, event type, markup before x, markup after width) of a row."""
    start, end = _ordinal(row[6]), _ordinal(row[7])
    before = (
        f'<a href="{escape(href)}{escape(row[0])}"><rect class="tl-dot '
        f'corr-{escape(row[9] or "single_source")}" '
    )
    after = f' height="12"><title>{escape(_label(row))}</title></rect></a>'
    return start, end, row[3], before, after


def _outliers(starts: list[int]) -> tuple[int, float]:
    """(middle, limit): a start further than `limit` days from `middle` is an outlier."""
    ordered = sorted(starts)
    middle = ordered[len(ordered) // 2]
    spread = sorted(abs(o - middle) for o in ordered)[len(ordered) // 2]
    return middle, max(_OUTLIER_MIN_DAYS, _OUTLIER_SPREAD * spread)


def overview_timeline(rows: Sequence[tuple[Any, ...]], href: str) -> TimelineChart | None:
    """The timeline of these marker rows (as `timeline_chart` draws it), or None undated."""
    entries = [(row, _timeline_entry(row, href)) for row in rows]
    dated = [(row, e) for row, e in entries if e[0] is not None]
    if not dated:
        return None
    outliers: list[NotDrawn] = []
    if len(dated) >= 3:
        middle, limit = _outliers([e[0] for _, e in dated if e[0] is not None])
        kept = []
        for row, e in dated:
            if e[0] is not None and abs(e[0] - middle) <= limit:
                kept.append((row, e))
            else:
                day = date.fromordinal(e[0]) if e[0] is not None else None
                reason = f"dated {day}, far from every other incident"
                outliers.append(NotDrawn(row[0], _label(row), reason))
        dated = kept
    first = min(e[0] for _, e in dated if e[0] is not None)
    last = max(e[1] or e[0] for _, e in dated if e[0] is not None)
    if last - first < 6:
        first, last = first - 3, last + 3
    days = last - first + 1
    span = _WIDTH - _LEFT - 10

    def x_of(ordinal: int) -> float:
        return round(_LEFT + span * (ordinal - first) / days, 1)

    types = sorted({e[2] for _, e in dated})
    lane_y = {t: 24 + n * _LANE_H for n, t in enumerate(types)}
    parts = []
    for _, (start, end, kind, before, after) in dated:
        assert start is not None
        x0 = x_of(start)
        x1 = max(x_of((end or start) + 1), x0 + 4)
        parts.append(
            f'{before}x="{x0:g}" y="{lane_y[kind] - 6:g}" width="{round(x1 - x0, 1):g}"{after}'
        )
    step = max(1, days // 8)
    ticks = tuple(
        (x_of(first + k), date.fromordinal(first + k).isoformat()) for k in range(0, days, step)
    )
    lanes = tuple((y, event_label(t)) for t, y in lane_y.items())
    return TimelineChart(
        _WIDTH,
        40 + len(types) * _LANE_H,
        _LEFT,
        lanes,
        (),
        ticks,
        date.fromordinal(first),
        days,
        tuple(outliers),
        markup=Markup("".join(parts)),
    )
