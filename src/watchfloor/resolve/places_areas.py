"""Descriptive locations: roads between towns, compass parts of areas, borders, type words.

"the road between A and B" is the midpoint of A and B at district precision; "eastern Deir
ez-Zor countryside" is the eastern part of the governorate; "north-east Syria" the north-east of
the country; "the Syria–Iraq border" a point where the two countries' towns come closest. Each
answer says how it was made in `note`, because none of these is a named point.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from watchfloor.model import Precision
from watchfloor.resolve.places_match import PlaceContext, PlaceMatch
from watchfloor.resolve.places_names import distance_km

if TYPE_CHECKING:
    from watchfloor.resolve.places_data import Place
    from watchfloor.resolve.places_match import PlaceIndex

__all__ = ["nearest_admin1", "resolve_description", "split_type_word"]

_ROAD = re.compile(
    r"^(?:the\s+)?(?:main\s+|international\s+)?(?:road|highway|route)\s+(?:between|from|linking)\s+"
    r"(?P<a>.+?)\s+(?:and|to|with)\s+(?P<b>.+)$",
    re.IGNORECASE,
)
_BORDER = re.compile(
    r"^(?:the\s+)?(?:(?P<a>[\w' -]+?)\s*[-–—/]\s*(?P<b>[\w' -]+?)|border\s+between\s+"
    r"(?P<c>.+?)\s+and\s+(?P<d>.+?))(?:\s+border)?(?:\s+(?:area|region|strip|crossing))?$",
    re.IGNORECASE,
)
# How far a compass part sits from the unit's middle, as a share of the unit's extent.
_SHIFT = 0.3
# Qualifiers English puts before a village name and Arabic after it (al-Gharbiyah "the
# western", Fawqani "upper", Tahtani "lower").
_QUALIFIERS = {
    "western": ("al Gharbiyah", "Gharbi"),
    "eastern": ("ash Sharqiyah", "Sharqi"),
    "northern": ("ash Shamaliyah", "Shamali"),
    "southern": ("al Janubiyah", "Janubi"),
    "upper": ("Fawqani", "al Fawqa"),
    "lower": ("Tahtani", "at Tahta"),
}
_COARSER = {
    Precision.COUNTRY: Precision.GOVERNORATE,
    Precision.GOVERNORATE: Precision.DISTRICT,
    Precision.DISTRICT: Precision.DISTRICT,
    Precision.TOWN: Precision.DISTRICT,
    Precision.FACILITY: Precision.DISTRICT,
    Precision.REGION: Precision.REGION,
}


def nearest_admin1(gaz: PlaceIndex, country: str, lat: float, lon: float) -> str | None:
    """The admin1 whose entry point is nearest to a point in a country."""
    units = [p for p in gaz.places.values() if p.kind == "admin1" and p.country == country]
    if not units:
        return None
    return min(units, key=lambda p: distance_km(lat, lon, p.lat, p.lon)).name


def split_type_word(gaz: PlaceIndex, text: str) -> tuple[str, str | None]:
    """ "al-Shaddadi prison" -> ("al-Shaddadi", "prison"); names without one are unchanged."""
    lowered = text.lower()
    for word in sorted(gaz.rules.type_words, key=len, reverse=True):
        if lowered.endswith(" " + word) and len(text) > len(word) + 1:
            return text[: -len(word) - 1].strip(), gaz.rules.type_words[word]
        if lowered.startswith(word + " of "):
            return text[len(word) + 4 :].strip(), gaz.rules.type_words[word]
    return text, None


def _strip_area(gaz: PlaceIndex, text: str) -> tuple[str, bool]:
    """Remove a trailing area word ("countryside", "desert") and say whether one was there."""
    lowered = text.lower()
    for word in sorted(gaz.rules.area_words, key=len, reverse=True):
        if lowered.endswith(" " + word):
            return text[: -len(word) - 1].strip(), True
    return text, False


def _split_direction(gaz: PlaceIndex, text: str) -> tuple[tuple[float, float] | None, str]:
    """A leading compass word ("eastern", "north-east") as a unit vector, and the rest."""
    head, _, rest = text.partition(" ")
    vector = gaz.rules.directions.get(head.lower())
    if vector is not None and rest:
        return vector, rest
    return None, text


def resolve_description(gaz: PlaceIndex, text: str, ctx: PlaceContext) -> PlaceMatch | None:
    """Resolve a descriptive location, or None when the text is a plain name."""
    road = _ROAD.match(text)
    if road:
        return _between(gaz, road["a"], road["b"], ctx, text)
    if text.lower().endswith("border") or text.lower().startswith("border between"):
        border = _BORDER.match(text)
        if border:
            a, b = (border["a"], border["b"]) if border["a"] else (border["c"], border["d"])
            return _border(gaz, a, b, ctx, text)
    qualified = _qualified_village(gaz, text, ctx)
    if qualified is not None:
        return qualified
    vector, rest = _split_direction(gaz, text)
    rest, has_area = _strip_area(gaz, rest)
    if vector is None and not has_area:
        return None
    return _part_of(gaz, rest, vector, ctx, text)


def _qualified_village(gaz: PlaceIndex, text: str, ctx: PlaceContext) -> PlaceMatch | None:
    """ "Western Maliha", "Upper Shyookh": a village that an Arabic name qualifies after the
    name (Mulayhah al Gharbiyah, Shuyukh Fawqani), when one of that name is known; not a part
    of a governorate or country ("eastern Deir ez-Zor" stays the governorate's east)."""
    head, _, rest = text.partition(" ")
    suffixes = _QUALIFIERS.get(head.lower())
    if not suffixes or not rest or rest.lower() in gaz.rules.area_words:
        return None
    rest, kind = split_type_word(gaz, rest)  # "Western Maliha town"
    if kind not in (None, "town"):
        return None
    bare = gaz.resolve(rest, replace(ctx, within=None))  # the name itself, not a fallback
    if bare is not None and bare.precision in (Precision.COUNTRY, Precision.GOVERNORATE):
        return None
    for suffix in suffixes:
        village = gaz.resolve(f"{rest} {suffix}", ctx, hint="town")
        if village is not None and village.precision is Precision.TOWN:
            note = f"{text!r} read as the Arabic qualified name {village.name}"
            return replace(village, name=text, note=f"{note}; {village.note}".strip("; "))
    return None


def _between(gaz: PlaceIndex, a: str, b: str, ctx: PlaceContext, text: str) -> PlaceMatch | None:
    """The midpoint of two resolved places, at district precision."""
    first, second = gaz.resolve(a, ctx), gaz.resolve(b, ctx)
    fine = (Precision.FACILITY, Precision.TOWN, Precision.DISTRICT)
    if not first or not second or first.precision not in fine or second.precision not in fine:
        # One end is unknown or only a country: the coarser reading is all we can say.
        return first if second is None else second if first is None else None
    assert first.lat is not None and first.lon is not None
    assert second.lat is not None and second.lon is not None
    same_country = first.country_code == second.country_code
    return PlaceMatch(
        name=text,
        place_id=None,
        lat=round((first.lat + second.lat) / 2, 5),
        lon=round((first.lon + second.lon) / 2, 5),
        country_code=first.country_code if same_country else None,
        admin1=first.admin1 if same_country and first.admin1 == second.admin1 else None,
        precision=Precision.DISTRICT,
        score=round(min(first.score, second.score) * 0.8, 3),
        feature="road",
        note=f"midpoint of the road between {first.name} and {second.name}",
    )


def _towns_near(towns: list[Place], lat: float, lon: float, n: int) -> list[Place]:
    """The n towns nearest a point."""
    return heapq.nsmallest(n, towns, key=lambda p: distance_km(lat, lon, p.lat, p.lon))


def _border(gaz: PlaceIndex, a: str, b: str, ctx: PlaceContext, text: str) -> PlaceMatch | None:
    """A point on the border of two countries: where their towns come closest."""
    first, second = gaz.resolve(a, ctx), gaz.resolve(b, ctx)
    if not first or not second or not first.country_code or not second.country_code:
        return None
    if first.country_code == second.country_code or first.lat is None or second.lat is None:
        return None
    assert first.lon is not None and second.lon is not None
    towns_a = _towns_near(gaz.places_in(first.country_code), second.lat, second.lon, 60)
    towns_b = _towns_near(gaz.places_in(second.country_code), first.lat, first.lon, 60)
    if not towns_a or not towns_b:
        return None
    pa, pb = min(
        ((x, y) for x in towns_a for y in towns_b),
        key=lambda xy: distance_km(xy[0].lat, xy[0].lon, xy[1].lat, xy[1].lon),
    )
    return PlaceMatch(
        name=text,
        place_id=None,
        lat=round((pa.lat + pb.lat) / 2, 4),
        lon=round((pa.lon + pb.lon) / 2, 4),
        country_code=None,
        admin1=None,
        precision=Precision.REGION,
        score=round(min(first.score, second.score) * 0.7, 3),
        feature="border",
        note=f"a point on the {first.name}–{second.name} border (the border is a line)",
    )


def _part_of(
    gaz: PlaceIndex,
    name: str,
    vector: tuple[float, float] | None,
    ctx: PlaceContext,
    text: str,
) -> PlaceMatch | None:
    """A compass part (or the surroundings) of an area, one precision level coarser."""
    # "Deir ez-Zor countryside" means the governorate, not the city: areas are admin units.
    unit = gaz.resolve(name, ctx, hint="admin1") or gaz.resolve(name, ctx)  # "Cottonport area"
    if unit is None or unit.lat is None or unit.lon is None or unit.place_id is None:
        return unit
    lat, lon = unit.lat, unit.lon
    if vector is not None and vector != (0.0, 0.0) and unit.country_code:
        if unit.precision is Precision.COUNTRY:
            towns = gaz.places_in(unit.country_code)
        elif unit.precision is Precision.GOVERNORATE:
            towns = gaz.places_in(unit.country_code, unit.admin1)
        else:
            towns = []
        if len(towns) >= 10:
            lats = sorted(p.lat for p in towns)
            lons = sorted(p.lon for p in towns)
            lo, hi = len(towns) // 20, len(towns) - 1 - len(towns) // 20
            mid_lat, mid_lon = (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2
            lat = mid_lat + vector[0] * _SHIFT * (lats[hi] - lats[lo])
            lon = mid_lon + vector[1] * _SHIFT * (lons[hi] - lons[lo])
    precision = _COARSER[unit.precision] if vector is not None else unit.precision
    if vector is None and unit.precision in (Precision.TOWN, Precision.FACILITY):
        precision = Precision.DISTRICT  # "X countryside" is the land around the town
    return PlaceMatch(
        name=text,
        place_id=unit.place_id,
        lat=round(lat, 4),
        lon=round(lon, 4),
        country_code=unit.country_code,
        admin1=unit.admin1,
        precision=precision,
        score=round(unit.score * 0.85, 3),
        feature="area",
        note=f"part of {unit.name}" if vector is not None else f"surroundings of {unit.name}",
    )
