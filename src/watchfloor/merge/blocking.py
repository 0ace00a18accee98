"""Blocking: the keys under which a mention is filed, so candidates are found without all pairs.

A key is `family|region|time`. Region: for a precise point (facility, town) the 2×2 grid cells
nearest to it *and* its admin1, so a governorate-level mention finds it; for a district or
governorate its admin1; for a country its country. Time: buckets of `window_days` covering the
date interval widened by half a window each side, so two intervals less than a window apart
always share a bucket. Two mentions that could merge always share a key; the store indexes
incidents by the union of their claims' keys and fetches candidates by `search_keys`.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from watchfloor.merge.claims import claim_from_mention, claim_interval
from watchfloor.merge.options import MergeOptions
from watchfloor.model.events import EventMention
from watchfloor.model.incidents import Claim, DocumentInfo, Incident
from watchfloor.model.mentions import PlaceMention, Precision

__all__ = [
    "block_keys",
    "claim_keys",
    "coarse_region",
    "follow_up_keys",
    "incident_keys",
    "is_point",
    "merge_keys",
    "region_keys",
    "search_keys",
    "time_keys",
]

_DEFAULT = MergeOptions()
_POINTS = frozenset({Precision.FACILITY, Precision.TOWN})


def is_point(place: PlaceMention) -> bool:
    """True for a facility or town with coordinates: compared by distance."""
    return place.precision in _POINTS and place.lat is not None and place.lon is not None


def _norm(text: str | None) -> str:
    return (text or "").strip().casefold()


def coarse_region(place: PlaceMention | None) -> str:
    """The admin1 (or else country) key of a place; what coarse mentions are compared on."""
    if place is None:
        return "nowhere"
    if place.admin1 and place.precision not in (Precision.COUNTRY, Precision.REGION):
        return f"a1:{_norm(place.country_code)}:{_norm(place.admin1)}"
    if place.country_code:
        return f"c:{_norm(place.country_code)}"
    return f"n:{_norm(place.name)}"


def region_keys(place: PlaceMention | None, options: MergeOptions = _DEFAULT) -> set[str]:
    """Region keys of a place: nearest 2×2 grid cells and admin1 for points, else coarse."""
    coarse = coarse_region(place)
    if place is None or not is_point(place):
        return {coarse}
    assert place.lat is not None and place.lon is not None  # is_point checked them
    size = options.grid_degrees
    keys = {coarse}
    # The cell holding the point and its neighbours on the nearer side in each axis.
    y, x = place.lat / size, place.lon / size
    rows = (math.floor(y), math.floor(y) + (1 if y % 1 >= 0.5 else -1))
    cols = (math.floor(x), math.floor(x) + (1 if x % 1 >= 0.5 else -1))
    keys.update(f"g:{r}:{c}" for r in rows for c in cols)
    return keys


def time_keys(interval: tuple[date, date] | None, options: MergeOptions = _DEFAULT) -> set[str]:
    """Time-bucket keys of a date interval widened by half a window on each side."""
    if interval is None:
        return {"undated"}
    start, end = interval
    if (end - start).days > options.max_interval_days:
        return {"vague"}
    window = options.window_days
    half = math.ceil(window / 2)
    first = (start.toordinal() - half) // window
    last = (end.toordinal() + half) // window
    return {f"t{bucket}" for bucket in range(first, last + 1)}


def merge_keys(claim: Claim, options: MergeOptions = _DEFAULT) -> set[str]:
    """The merge-block keys of a claim: family × region × time bucket."""
    family = options.rules.family(claim.event_type)
    regions = region_keys(claim.place, options)
    times = time_keys(claim_interval(claim, options), options)
    return {f"{family}|{region}|{time}" for region in regions for time in times}


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
    return claim_keys(claim, options) | follow_up_keys(claim, options)


def incident_keys(incident: Incident, options: MergeOptions = _DEFAULT) -> set[str]:
    """Every key an incident is filed under: the union of its claims' keys."""
    keys: set[str] = set()
    for claim in incident.claims:
        keys |= claim_keys(claim, options)
    return keys
