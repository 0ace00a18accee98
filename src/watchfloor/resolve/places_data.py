"""Reading the packaged place data: gazetteer TSVs, facility supplement and spelling rules."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, NamedTuple

import yaml

from watchfloor.errors import ConfigError
from watchfloor.model import Precision
from watchfloor.resolve.places_names import KEY_VERSION, name_key

__all__ = [
    "COLUMNS",
    "DATA_FILES",
    "Place",
    "PlaceRules",
    "data_version",
    "read_demonyms",
    "read_facilities",
    "read_places",
    "read_rules",
]

DATA_FILES = (
    "gazetteer_places.tsv.gz",
    "gazetteer_countries.tsv.gz",
    "gazetteer_world.tsv.gz",
    "gazetteer_demonyms.tsv",
    "facilities.yaml",
    "place_rules.yaml",
)
# The layout of the gazetteer TSV files; scripts/build_gazetteer.py writes them with it.
COLUMNS = [
    "id",
    "kind",
    "name",
    "lat",
    "lon",
    "country",
    "admin1",
    "admin2",
    "feature",
    "population",
    "pcode",
    "names",
    "keys",
]
KIND_PRECISION = {
    "country": Precision.COUNTRY,
    "admin1": Precision.GOVERNORATE,
    "admin2": Precision.DISTRICT,
    "admin3": Precision.DISTRICT,
    "locality": Precision.TOWN,
    "city": Precision.TOWN,
}


class Place(NamedTuple):
    """One gazetteer entry: a point with its admin context, kind and names.

    `kind` is country, admin1, admin2, admin3, locality, city or facility; `facility_kind`
    says which facility (prison, camp, dam, ...) and `precision` how exact the point is.
    A NamedTuple rather than a frozen dataclass: 80k of them are built at load, and tuple
    construction is several times faster.
    """

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    admin2: str | None
    feature: str
    population: int
    precision: Precision
    names: tuple[str, ...]
    keys: tuple[str, ...]
    facility_kind: str | None = None

    @property
    def is_seat(self) -> bool:
        """True for capitals and admin seats (GeoNames PPLA*/PPLC)."""
        return self.feature.startswith(("PPLA", "PPLC"))

    @property
    def is_town(self) -> bool:
        """True for populated places (not admin units, countries or facilities)."""
        return self.kind in _TOWN_KINDS


_TOWN_KINDS = frozenset({"locality", "city"})


@dataclass(frozen=True, slots=True)
class PlaceRules:
    """Spelling rules, type words, compass words, variant groups and the stop-list."""

    articles: frozenset[str]
    type_words: dict[str, str]
    area_words: tuple[str, ...]
    directions: dict[str, tuple[float, float]]
    variants: tuple[dict[str, Any], ...]
    countries: dict[str, tuple[str, ...]]
    stop_list: frozenset[str] = field(default_factory=frozenset)
    admin1_abbreviations: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    capitals: dict[str, dict[str, str]] = field(default_factory=dict)
    not_places: frozenset[str] = frozenset()
    country_centres: dict[str, tuple[float, float]] = field(default_factory=dict)


def _open(name: str) -> Any:
    """A packaged data file as a binary stream, or a ConfigError that says how to rebuild it."""
    path = resources.files("watchfloor.resolve") / "data" / name
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise ConfigError(
            f"gazetteer data file {name} is missing from the package; reinstall "
            "watchfloor or rebuild it with scripts/build_gazetteer.py"
        ) from None


def data_version() -> str:
    """A short digest of every packaged place file: stamped on derived rows."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        with _open(name) as handle:
            digest.update(handle.read())
    return f"places-{digest.hexdigest()[:12]}"


def read_places(name: str) -> Iterator[Place]:
    """Rows of one gazetteer TSV; keys are recomputed only if the file predates KEY_VERSION."""
    with _open(name) as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        header = next(lines).strip()
        stale = header != f"#key_version={KEY_VERSION}"
        columns = next(lines).rstrip("\n").split("\t")
        if columns != list(COLUMNS):
            raise ConfigError(
                f"{name}: unexpected columns; rebuild it with scripts/build_gazetteer.py"
            )
        for line in lines:
            # Positional unpacking: a dict per row doubles the load time.
            (
                ident,
                kind,
                label,
                lat,
                lon,
                country,
                admin1,
                admin2,
                feature,
                population,
                _,
                names_field,
                keys_field,
            ) = line.rstrip("\n").split("\t")
            names = tuple(n for n in names_field.split("|") if n)
            keys = (
                tuple(dict.fromkeys(name_key(n) for n in names))
                if stale
                else tuple(keys_field.split("|"))
            )
            yield Place(
                ident,
                label,
                kind,
                float(lat),
                float(lon),
                country or None,
                admin1 or None,
                admin2 or None,
                feature,
                int(float(population or 0)),
                KIND_PRECISION[kind],
                names,
                tuple(k for k in keys if k),
            )


def _article_forms(name: str, articles: frozenset[str]) -> list[str]:
    """ "al-Hol" also as "al Hol", "el-Hol" and "Hol"-less forms are left to name_key."""
    head, sep, rest = name.partition("-") if "-" in name[:4] else name.partition(" ")
    if sep and head.lower() in articles and rest:
        return [name, f"{head} {rest}", f"{head}-{rest}", f"al-{rest}"]
    return [name]


def read_facilities(articles: frozenset[str]) -> Iterator[Place]:
    """The project's facility and named-area supplement."""
    with _open("facilities.yaml") as handle:
        data = yaml.safe_load(handle)
    for entry in data["facilities"]:
        names = [entry["name"], *entry.get("aliases", [])]
        surfaces = tuple(dict.fromkeys(f for n in names for f in _article_forms(n, articles)))
        yield Place(
            id=entry["id"],
            name=entry["name"],
            kind="facility",
            lat=float(entry["lat"]),
            lon=float(entry["lon"]),
            country=entry.get("country"),
            admin1=entry.get("admin1"),
            admin2=None,
            feature=str(entry["kind"]).upper(),
            population=0,
            precision=Precision(entry["precision"]),
            names=surfaces,
            keys=tuple(dict.fromkeys(name_key(n, articles) for n in surfaces)),
            facility_kind=entry["kind"],
        )


def read_rules() -> PlaceRules:
    """The spelling rules file."""
    with _open("place_rules.yaml") as handle:
        data = yaml.safe_load(handle)
    return PlaceRules(
        articles=frozenset(data["articles"]),
        type_words={str(k).lower(): str(v) for k, v in data["type_words"].items()},
        area_words=tuple(data["area_words"]),
        directions={k: (float(v[0]), float(v[1])) for k, v in data["directions"].items()},
        variants=tuple(data["variants"]),
        countries={k: tuple(v) for k, v in data["countries"].items()},
        stop_list=frozenset(str(s).lower() for s in data["stop_list"]),
        admin1_abbreviations={
            cc: {name: tuple(forms) for name, forms in units.items()}
            for cc, units in (data.get("admin1_abbreviations") or {}).items()
        },
        not_places=frozenset(str(s).lower() for s in data.get("not_places") or ()),
        capitals={
            cc: {str(k): str(v) for k, v in units.items()}
            for cc, units in (data.get("capitals") or {}).items()
        },
        country_centres={
            str(cc): (float(v[0]), float(v[1]))
            for cc, v in (data.get("country_centres") or {}).items()
        },
    )


def read_demonyms() -> dict[str, str]:
    """Demonyms ("Russian") by country code's name key, from the build's demonym file."""
    found: dict[str, str] = {}
    with _open("gazetteer_demonyms.tsv") as handle:
        for line in handle.read().decode("utf-8").splitlines():
            code, _, demonym = line.partition("\t")
            if code and demonym and not code.startswith("#"):
                found.setdefault(name_key(demonym), code)
    return found
