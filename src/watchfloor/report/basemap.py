"""The basemap: the region's projection, its polygons as SVG paths, and place labels.

The polygons are Natural Earth admin-1 units for Syria and its neighbours plus whole
neighbouring countries, and the labels the countries, governorates and largest towns, built
once by scripts/build_basemap.py into report/data/basemap.geojson (public domain data).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from math import cos, radians
from typing import Any

__all__ = [
    "BasemapShape",
    "MapLabel",
    "Projection",
    "basemap_labels",
    "basemap_shapes",
]

# The drawn region (degrees): Syria and Iraq with their borderlands; the rest of the basemap
# (western Turkey) lies outside the initial view and is reached by panning.
_LON_MIN, _LON_MAX, _LAT_MIN, _LAT_MAX = 33.5, 49.0, 28.9, 38.9
_MAP_WIDTH = 1000.0


@dataclass(frozen=True, slots=True)
class Projection:
    """Equirectangular projection centred on the region: good enough over ~15° of latitude."""

    lon_min: float
    lat_max: float
    scale: float  # pixels per degree of latitude
    squeeze: float  # cos(mid latitude): a degree of longitude is shorter than one of latitude
    width: float
    height: float

    @classmethod
    def region(cls) -> Projection:
        """The projection every map of the desk and report uses."""
        squeeze = cos(radians((_LAT_MIN + _LAT_MAX) / 2))
        scale = _MAP_WIDTH / ((_LON_MAX - _LON_MIN) * squeeze)
        return cls(_LON_MIN, _LAT_MAX, scale, squeeze, _MAP_WIDTH, (_LAT_MAX - _LAT_MIN) * scale)

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        """SVG coordinates of a point."""
        x = (lon - self.lon_min) * self.squeeze * self.scale
        y = (self.lat_max - lat) * self.scale
        return round(x, 1), round(y, 1)

    def km_to_px(self, km: float) -> float:
        """Pixels for a distance on the ground (one degree of latitude is ~111 km)."""
        return round(km / 111.0 * self.scale, 1)


@dataclass(frozen=True, slots=True)
class BasemapShape:
    """One admin-1 unit (or a whole neighbouring country) as an SVG path."""

    name: str
    country: str
    d: str
    kind: str = "admin1"  # admin1, or country for the neighbours drawn whole


@dataclass(frozen=True, slots=True)
class MapLabel:
    """A place name on the map; `kind` (country, admin1, town) and `rank` pick the zoom."""

    x: float
    y: float
    text: str
    kind: str
    rank: int = 1


def _ring_path(ring: Sequence[Sequence[float]], projection: Projection) -> str:
    points = [projection.xy(lat, lon) for lon, lat in ring]
    return "M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z"


def _polygons(geometry: dict[str, Any]) -> list[Any]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


@cache
def _basemap() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("watchfloor.report").joinpath("data/basemap.geojson").read_text("utf-8")
    )
    return data


@cache
def basemap_shapes() -> tuple[BasemapShape, ...]:
    """The shipped polygons projected to SVG paths (computed once per process)."""
    projection = Projection.region()
    shapes = []
    for feature in _basemap()["features"]:
        rings = [ring for poly in _polygons(feature["geometry"]) for ring in poly]
        if not rings:
            continue
        d = "".join(_ring_path(ring, projection) for ring in rings)
        props = feature["properties"]
        kind = str(props.get("kind") or "admin1")
        shapes.append(BasemapShape(str(props.get("name") or ""), str(props["country"]), d, kind))
    return tuple(shapes)


@cache
def basemap_labels() -> tuple[MapLabel, ...]:
    """Country, governorate and town names, placed once per process.

    Countries are labelled inside their drawn shape, governorates (admin-1) likewise, towns at
    their point; the desk shows governorates and smaller towns only when zoomed in.
    """
    from shapely.geometry import box, shape
    from shapely.ops import unary_union

    projection = Projection.region()
    labels: list[MapLabel] = []
    by_country: dict[str, list[Any]] = {}
    names: dict[str, str] = {}
    for feature in _basemap()["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        kind = str(props.get("kind") or "admin1")
        if geometry["type"] == "Point":
            lon, lat = geometry["coordinates"]
            x, y = projection.xy(lat, lon)
            labels.append(MapLabel(x, y, str(props["name"]), "town", int(props.get("rank", 2))))
            continue
        area = shape(geometry)
        by_country.setdefault(str(props["country"]), []).append(area)
        if kind == "country":
            names[str(props["country"])] = str(props.get("name") or props["country"])
        elif props.get("name"):
            point = area.representative_point()
            x, y = projection.xy(point.y, point.x)
            labels.append(MapLabel(x, y, str(props["name"]), "admin1", 2))
    view = box(_LON_MIN, _LAT_MIN, _LON_MAX, _LAT_MAX)
    for code, areas in by_country.items():
        whole = unary_union(areas)
        seen = whole.intersection(view)  # label a big neighbour where the map shows it
        point = (seen if seen.area > 0.5 else whole).representative_point()
        x, y = projection.xy(point.y, point.x)
        labels.append(MapLabel(x, y, names.get(code, _COUNTRY_NAMES.get(code, code)), "country"))
    return tuple(labels)


# Names of the countries drawn by their admin-1 units (the basemap names only the units).
_COUNTRY_NAMES = {"SY": "Syria", "IQ": "Iraq", "JO": "Jordan", "LB": "Lebanon", "TR": "Türkiye"}
