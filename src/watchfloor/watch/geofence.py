"""Geofences: a GeoJSON polygon, or within N km of a point, a named place or a border.

Distances are great-circle kilometres. For a line or polygon the nearest point is found in a
plane whose longitudes are shrunk by cos(latitude) — locally true to scale — and the distance
to it is then measured on the sphere, which is exact enough at geofence scales (tens of km).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import cos, radians
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point, shape
from shapely.ops import nearest_points

from watchfloor.errors import ConfigError
from watchfloor.model.geo import haversine_km
from watchfloor.watch.borders import border_geometry

__all__ = ["Geofence", "PlaceResolver", "distance_km", "gazetteer_point", "haversine_km"]

PlaceResolver = Callable[[str], tuple[float, float] | None]


def distance_km(geometry: Any, lat: float, lon: float) -> float:
    """Kilometres from (lat, lon) to the nearest point of a lon/lat geometry (0 inside it)."""
    k = max(cos(radians(lat)), 0.01)
    scale = np.array([k, 1.0])
    scaled = shapely.transform(geometry, lambda xy: xy * scale)
    here = Point(lon * k, lat)
    if scaled.contains(here):
        return 0.0
    nearest = nearest_points(scaled, here)[0]
    return haversine_km(lat, lon, nearest.y, nearest.x / k)


def gazetteer_point(name: str) -> tuple[float, float] | None:
    """A place's point as every `--near` reads it (a gazetteer name or alias, or LAT,LON),
    or None when it cannot be resolved."""
    from watchfloor.resolve.filters import FilterError, resolve_near  # loads the gazetteer

    try:
        point = resolve_near(name)
    except FilterError:
        return None
    return point.lat, point.lon


@dataclass(frozen=True, slots=True)
class Geofence:
    """An area: inside a polygon, or within `km` of a point, place or border line."""

    label: str
    geometry: Any  # a shapely geometry in lon/lat
    km: float

    def contains(self, lat: float, lon: float) -> bool:
        """True when the point lies inside the area (on its edge counts)."""
        return distance_km(self.geometry, lat, lon) <= self.km

    @classmethod
    def from_spec(cls, spec: dict[str, Any], resolve_place: PlaceResolver | None) -> Geofence:
        """Build from a rule's `within:` mapping; a ConfigError says what is wrong."""
        km = float(spec.get("km") or 0.0)
        if "polygon" in spec:
            try:
                geometry = shape(spec["polygon"])
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise ConfigError(f"within.polygon is not a GeoJSON geometry: {exc}") from None
            if geometry.geom_type not in ("Polygon", "MultiPolygon"):
                raise ConfigError(f"within.polygon is a {geometry.geom_type}, not a Polygon")
            if not geometry.is_valid:
                raise ConfigError("within.polygon is not a valid polygon (self-intersecting?)")
            return cls("polygon", geometry, km)
        if "border" in spec:
            name = str(spec["border"])
            return cls(f"{name} border", border_geometry(name), km)
        if "place" in spec:
            name = str(spec["place"])
            point = (resolve_place or gazetteer_point)(name)
            if point is None:
                raise ConfigError(
                    f"within.place {name!r} is not in the gazetteer; give lat and lon instead"
                )
            return cls(name, Point(point[1], point[0]), km)
        if "lat" in spec and "lon" in spec:
            lat, lon = float(spec["lat"]), float(spec["lon"])
            return cls(f"{lat:.4f},{lon:.4f}", Point(lon, lat), km)
        raise ConfigError("within needs one of: polygon, border, place, or lat and lon")
