"""Blocking: the keys under which a mention is filed, so candidates are found without all pairs.

A key is `family|region|time`. Keys come in two forms: the keys a
claim is *filed* under, and the wider keys a newcomer *looks up*. Region: a precise point
(facility, town) is filed under its grid cell (cells are merge_km wide) and under its admin1
for points; it looks up the 3×3 cells around it and the admin1 of coarse mentions. A district
or governorate is filed under its admin1 and looks up both admin1 keys; a country under its
country. Time: buckets of half a window; a claim is filed under the buckets of its date
interval and looks up the buckets of that interval widened by a window each side. So two
mentions that could merge always meet (a property test checks it). The store indexes incidents
by their claims' `block_keys` and fetches candidates by `search_keys`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

from watchfloor.merge.claims import claim_from_mention, claim_interval
from watchfloor.merge.options import MergeOptions, TypeRules
from watchfloor.model.events import EventMention
from watchfloor.model.incidents import Claim, DocumentInfo, Incident
from watchfloor.model.mentions import PlaceMention, Precision
from watchfloor.resolve.places_names import name_key

__all__ = [
    "block_keys",
    "claim_keys",
    "coarse_region",
    "families_of",
    "family_keys",
    "follow_up_keys",
    "incident_keys",
    "is_point",
    "merge_keys",
    "merge_place",
    "region_keys",
    "search_keys",
    "time_keys",
]

_DEFAULT = MergeOptions()
_POINTS = frozenset({Precision.FACILITY, Precision.TOWN})


def is_point(place: PlaceMention) -> bool:
    """True for a facility or town with coordinates: compared by distance."""
    return place.precision in _POINTS and place.lat is not None and place.lon is not None


_WIDE = frozenset({Precision.COUNTRY, Precision.REGION})


def merge_place(place: PlaceMention | None) -> PlaceMention | None:
    """The place a mention is merged on: None for a whole country or a region ("in Syria",
    "northern Syria"), which places a report no better than no place at all; such a mention
    meets placed ones as an unplaced one does (same named actor, published days apart at
    most), provided the country fits (`similarity`)."""
    return None if place is None or place.precision in _WIDE else place


def _norm(text: str | None) -> str:
    return (text or "").strip().casefold()


@lru_cache(maxsize=4096)
def _name(text: str) -> str:
    """The gazetteer's matching key of a name, memoised: every claim's place is asked."""
    return name_key(text)


def is_seat(place: PlaceMention | None) -> bool:
    """Whether a town bears its governorate's name ("Idlib", "Kirkuk", "Al-Hasakah"): read at
    the town, the report may mean the governorate ("a raid in Syria's Idlib" at Atmeh), so the
    merge lets it meet the governorate's other towns as an area would."""
    return (
        place is not None
        and place.precision == Precision.TOWN
        and bool(place.admin1)
        and _name(place.name) == _name(place.admin1 or "")
    )


def coarse_region(place: PlaceMention | None) -> str:
    """The admin1 (or else country) key of a place; what coarse mentions are compared on."""
    if place is None:
        return "nowhere"
    if place.admin1 and place.precision not in (Precision.COUNTRY, Precision.REGION):
        return f"a1:{_norm(place.country_code)}:{_norm(place.admin1)}"
    if place.country_code:
        return f"c:{_norm(place.country_code)}"
    return f"n:{_norm(place.name)}"


def _cells(place: PlaceMention, options: MergeOptions, *, lookup: bool) -> set[str]:
    """The grid cell holding a point, or for lookup that cell and its eight neighbours."""
    assert place.lat is not None and place.lon is not None  # callers check is_point
    size = options.grid_degrees
    row, col = math.floor(place.lat / size), math.floor(place.lon / size)
    if not lookup:
        return {f"g:{row}:{col}"}
    return {f"g:{row + dr}:{col + dc}" for dr in (-1, 0, 1) for dc in (-1, 0, 1)}


def region_keys(
    place: PlaceMention | None, options: MergeOptions = _DEFAULT, *, lookup: bool = False
) -> set[str]:
    """Region keys of a place, for filing (default) or for looking up (`lookup=True`).

    A point is filed under its grid cell and under `pt:` + its admin1, and looks up the 3×3
    cells around it and its plain admin1. An area is filed under its admin1 and looks up its
    admin1 and `pt:` + admin1. So points meet nearby points through the grid, points and areas meet
    through the admin1, and a point never has to scan every point of its governorate.
    """
    coarse = coarse_region(place)
    if place is None or not is_point(place):
        return {coarse, f"pt:{coarse}"} if lookup and place is not None else {coarse}
    keys = _cells(place, options, lookup=lookup) | {coarse if lookup else f"pt:{coarse}"}
    if is_seat(place):
        keys |= {f"pt:{coarse}" if lookup else coarse}  # also met as its governorate
    return keys


def time_keys(
    interval: tuple[date, date] | None, options: MergeOptions = _DEFAULT, *, lookup: bool = False
) -> set[str]:
    """Time-bucket keys (half a window wide) of a date interval, or for lookup of the interval
    widened by a window on each side: intervals less than a window apart always meet."""
    if interval is None:
        return {"undated"}
    start, end = interval
    if (end - start).days > options.max_interval_days:
        return {"vague"}
    size = max(1, math.ceil(options.window_days / 2))
    reach = options.window_days if lookup else 0
    first = (start.toordinal() - reach) // size
    last = (end.toordinal() + reach) // size
    return {f"t{bucket}" for bucket in range(first, last + 1)}


def merge_keys(claim: Claim, options: MergeOptions = _DEFAULT, *, lookup: bool = False) -> set[str]:
    """The merge-block keys of a claim (family × region × time), for filing or for lookup."""
    families = families_of(claim.event_type, options.rules)
    interval = claim_interval(claim, options)
    actor = claim.actor1.actor_id if claim.actor1 is not None else None
    place = merge_place(claim.place)
    return family_keys(families, place, interval, options, lookup=lookup, actor=actor)


_FAMILIES: dict[tuple[int, str], tuple[TypeRules, frozenset[str]]] = {}


def families_of(event_type: str, rules: TypeRules) -> frozenset[str]:
    """`rules.block_families(event_type)`, memoised per rules object."""
    key = (id(rules), event_type)
    known = _FAMILIES.get(key)
    if known is not None and known[0] is rules:
        return known[1]
    found = rules.block_families(event_type)
    if len(_FAMILIES) > 10_000:
        _FAMILIES.clear()
    _FAMILIES[key] = (rules, found)
    return found


def family_keys(
    families: Iterable[str],
    place: PlaceMention | None,
    interval: tuple[date, date] | None,
    options: MergeOptions = _DEFAULT,
    *,
    lookup: bool = False,
    actor: str | None = None,
) -> set[str]:
    """Block keys of families × a place's regions × an interval's time buckets.

    With a named actor1 (`actor`, a catalogue id) a mention also meets mentions of that actor
    on the other side of the placed/unplaced divide: a placed one is filed under `act:` and
    looks up `actnp:`, an unplaced one the reverse, so placed mentions never meet each other
    (nor unplaced ones) through these keys.
    """
    regions = region_keys(place, options, lookup=lookup)
    if actor:
        placed = place is not None
        regions = regions | {f"act{'np' if placed == lookup else ''}:{actor}"}
    times = time_keys(interval, options, lookup=lookup)
    return {f"{f}|{region}|{time}" for f in families for region in regions for time in times}


def _months(start: date, end: date) -> list[str]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _follow_up_index(claim: Claim, options: MergeOptions) -> set[str]:
    """Keys filing a claim for follow-up search: type, coarse region, month of its interval."""
    rules = options.rules
    if not (rules.antecedents(claim.event_type) or rules.successors(claim.event_type)):
        return set()
    interval = claim_interval(claim, options)
    if interval is None or (interval[1] - interval[0]).days > options.max_interval_days:
        return set()
    region = coarse_region(claim.place)
    return {f"fu|{claim.event_type}|{region}|{m}" for m in _months(*interval)}


def claim_keys(claim: Claim, options: MergeOptions = _DEFAULT) -> set[str]:
    """Every key a claim is filed under: merge blocks and follow-up blocks."""
    return merge_keys(claim, options) | _follow_up_index(claim, options)


def follow_up_keys(claim: Claim, options: MergeOptions = _DEFAULT) -> set[str]:
    """Keys where the incidents a claim may follow up, or be followed up by, are filed."""
    rules = options.rules
    interval = claim_interval(claim, options)
    if interval is None or (interval[1] - interval[0]).days > options.max_interval_days:
        return set()
    region = coarse_region(claim.place)
    span = timedelta(days=options.follow_up_days)
    keys = set()
    for earlier in rules.antecedents(claim.event_type):
        keys |= {f"fu|{earlier}|{region}|{m}" for m in _months(interval[0] - span, interval[1])}
    for later in rules.successors(claim.event_type):
        keys |= {f"fu|{later}|{region}|{m}" for m in _months(interval[0], interval[1] + span)}
    return keys


def block_keys(
    mention: EventMention,
    options: MergeOptions = _DEFAULT,
    published: datetime | None = None,
) -> set[str]:
    """The keys a mention is filed under; the store indexes incidents by their claims' keys.

    `published` (the document's publication time) dates a mention that has no date of its own.
    """
    return claim_keys(claim_from_mention(mention, DocumentInfo(None, published)), options)


def search_keys(
    mention: EventMention,
    options: MergeOptions = _DEFAULT,
    published: datetime | None = None,
) -> set[str]:
    """The keys to fetch candidate incidents for a new mention: its blocks and follow-up blocks."""
    claim = claim_from_mention(mention, DocumentInfo(None, published))
    return merge_keys(claim, options, lookup=True) | follow_up_keys(claim, options)


def incident_keys(incident: Incident, options: MergeOptions = _DEFAULT) -> set[str]:
    """Every key an incident is filed under: the union of its claims' keys."""
    keys: set[str] = set()
    for claim in incident.claims:
        keys |= claim_keys(claim, options)
    return keys
