"""The map's large, repetitive SVG parts written in Python (escaped here, not by Jinja).

The basemap (polygons and labels) is the same on every page: it is written once per process.
Up to 2,000 markers are written with one escape per text value instead of one per attribute
through the template engine. Every text that could come from a document (a place name in a
label, an incident id in a link) goes through `markupsafe.escape`; numbers are formatted.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from markupsafe import Markup, escape

from watchfloor.report.basemap import BasemapShape, MapLabel, basemap_labels, basemap_shapes
from watchfloor.report.drawing import MapMarker, TimelineDot

__all__ = ["basemap_markup", "markers_markup", "timeline_markup"]


def _shapes(shapes: Iterable[BasemapShape]) -> str:
    return "".join(
        f'<path class="{escape(s.kind)} country-{escape(s.country)}" d="{escape(s.d)}">'
        f"<title>{escape(s.name)}</title></path>"
        for s in shapes
    )


def _labels(labels: Iterable[MapLabel]) -> str:
    return "".join(
        f'<text class="label-{escape(label.kind)} rank-{label.rank:d}" x="{label.x:g}" '
        f'y="{label.y:g}" text-anchor="middle">{escape(label.text)}</text>'
        for label in labels
    )


@cache
def basemap_markup() -> Markup:
    """The basemap and label groups, written once per process."""
    return Markup(
        f'<g class="basemap">{_shapes(basemap_shapes())}</g>'
        f'<g class="labels" aria-hidden="true">{_labels(basemap_labels())}</g>'
    )


def markers_markup(markers: Iterable[MapMarker], href: str) -> Markup:
    """The markers group: a link per incident with its uncertainty ring and its circle."""
    parts = ['<g class="markers">']
    prefix = escape(href)
    for m in markers:
        incident = escape(m.incident_id)
        ring = (
            f'<circle class="ring" cx="{m.x:g}" cy="{m.y:g}" r="{m.ring:g}"/>' if m.ring > 0 else ""
        )
        parts.append(
            f'<a href="{prefix}{incident}" class="incident-link">'
            f'{ring}<circle class="marker corr-{escape(m.corroboration)}" cx="{m.x:g}" '
            f'cy="{m.y:g}" r="{m.r:g}"><title>{escape(m.label)}</title></circle></a>'
        )
    parts.append("</g>")
    return Markup("".join(parts))


def timeline_markup(dots: Iterable[TimelineDot], href: str) -> Markup:
    """The timeline's bars: a link per incident, a bar from its start to its end."""
    prefix = escape(href)
    return Markup(
        "".join(
            f'<a href="{prefix}{escape(d.incident_id)}"><rect class="tl-dot '
            f'corr-{escape(d.corroboration)}" x="{d.x0:g}" y="{d.y - 6:g}" '
            f'width="{round(d.x1 - d.x0, 1):g}" height="12"><title>{escape(d.label)}</title>'
            "</rect></a>"
            for d in dots
        )
    )
