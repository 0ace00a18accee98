"""What a user types into a filter → what the store is asked: one resolver for every surface.

The CLI, the exports, the desk, the API and watch rules all take `--actor`, `--type` and
`--near`; they all go through these three functions so that "daesh" finds what "isis" finds,
an unknown event type code is an error naming the nearest valid codes (not an empty list),
and `--near` accepts a gazetteer name, an alias of one, or `LAT,LON` everywhere.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache, lru_cache

__all__ = [
    "FilterError",
    "NearPoint",
    "check_event_type",
    "parse_point",
    "resolve_actor",
    "resolve_near",
]


class FilterError(ValueError):
    """A filter value that names nothing; the message says what would be understood."""


@dataclass(frozen=True, slots=True)
class NearPoint:
    """A resolved `--near` value: the point and what it was read as."""

    lat: float
    lon: float
    label: str


@cache
def _catalogue() -> object:
    from watchfloor.resolve.catalogue import Catalogue

    return Catalogue.load()


def resolve_actor(text: str) -> str:
    """The canonical actor id a filter value names ("daesh" → "isis"), else the value itself.

    Exact names and aliases of the catalogue resolve (case-insensitively); a value the
    catalogue does not know is returned as typed, so that a name stored on an incident but
    absent from the catalogue can still be filtered on.
    """
    from watchfloor.resolve.catalogue import Catalogue

    value = text.strip()
    if not value:
        return value
    catalogue = _catalogue()
    assert isinstance(catalogue, Catalogue)
    if value in catalogue:
        return value
    folded = value.casefold()
    if folded in catalogue:
        return folded
    match = catalogue.resolve(value)
    if match is not None and match.method in ("case", "alias"):
        return match.actor.id
    return value


def check_event_type(code: str) -> str:
    """The event type code itself when the ontology has it; else FilterError with the nearest."""
    from watchfloor.resolve.ontology import Ontology

    value = code.strip()
    ontology = Ontology.load()
    if value in ontology:
        return value
    codes = [t.code for t in ontology.types()]
    folded = value.casefold().replace("-", "_").replace(" ", "_")
    if folded in ontology:
        return folded
    # Codes containing what was typed first ("escape" → prison_escape), then similar spellings.
    near = [c for c in codes if folded and folded in c]
    near += [c for c in difflib.get_close_matches(folded, codes, n=3, cutoff=0.5) if c not in near]
    near = near[:3]
    hint = f"did you mean {', '.join(near)}?" if near else "see `watchfloor docs types`"
    raise FilterError(f"unknown event type {code!r}: {hint}")


def parse_point(text: str) -> tuple[float, float] | None:
    """`LAT,LON` as a point (within the globe's bounds), else None."""
    parts = text.split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise FilterError(f"{text!r}: latitude must lie in -90..90 and longitude in -180..180")
    return lat, lon


def resolve_near(text: str) -> NearPoint:
    """A `--near` value: `LAT,LON`, or a place name or alias the gazetteer resolves."""
    value = text.strip()
    if not value:
        raise FilterError("--near needs a place name or LAT,LON")
    point = parse_point(value)
    if point is not None:
        return NearPoint(point[0], point[1], f"{point[0]:.4f},{point[1]:.4f}")
    found = _gazetteer_point(value)
    if found is None:
        raise FilterError(
            f"near {value!r}: not a place the gazetteer knows; "
            "give a town, camp or governorate name, or LAT,LON (e.g. 36.50,40.75)"
        )
    return found


@lru_cache(maxsize=4096)
def _gazetteer_point(value: str) -> NearPoint | None:
    """The gazetteer's answer for a place name, kept: the desk asks again on every page of a
    filtered list (a look-up takes ~80 ms; the packaged gazetteer does not change in a run)."""
    from watchfloor.resolve.gazetteer import Gazetteer

    match = Gazetteer.load().resolve(value)
    if match is None or match.lat is None or match.lon is None:
        return None
    return NearPoint(match.lat, match.lon, match.name)
