"""When two reports may tell one happening although their dates do not show it.

Short news items rarely date what they report beyond "on Tuesday": an undated report tells news
of its last few days (`UNDATED_APART`), two named towns a few kilometres apart are two places,
and one named facility (a prison, a camp) is narrow enough that reports within the window tell
one happening there even undated. `merge.similarity.pair` reads these.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from watchfloor.merge.sites import Site
from watchfloor.model.incidents import Claim
from watchfloor.model.mentions import Precision


class Probe(Protocol):
    """What these rules read of a `merge.similarity.Probe` (kept apart: no import circle)."""

    @property
    def claim(self) -> Claim: ...
    @property
    def site(self) -> Site | None: ...
    @property
    def interval(self) -> tuple[date, date] | None: ...
    @property
    def hi(self) -> int: ...
    @property
    def stated(self) -> bool: ...
    @property
    def published(self) -> int | None: ...


__all__ = [
    "UNDATED_APART",
    "one_facility",
    "published_apart",
    "recent",
    "stated",
    "told_together",
    "two_towns",
]

# Two reports neither of which dates its happening precisely are one happening at one place
# only if they were published at most this many days apart (or both state dates that share a
# day): undated windows a week long would otherwise join reports of one town ~17 days apart.
UNDATED_APART = 3


def told_together(a: Probe, b: Probe, gap: int) -> bool:
    """Whether two reports without a precise date (nor a figure told alike) may still be one
    happening at one place: published at most `UNDATED_APART` days apart, else both stating a
    date (not the window before publication) and the two dates sharing a day."""
    apart = published_apart(a.claim, b.claim)
    if apart is not None and apart <= UNDATED_APART:
        return True
    return gap == 0 and stated(a) and stated(b)


def one_facility(a: Probe, b: Probe) -> bool:
    """Whether both probes name the same facility (a prison, a camp): a place narrow enough
    that reports within the window tell one happening there even without their dates (the
    days of a siege, summed up undated by a statement a week on)."""
    return (
        a.site is not None
        and b.site is not None
        and a.site.place.precision == Precision.FACILITY
        and b.site.place.precision == Precision.FACILITY
        and a.site.place.place_id is not None
        and a.site.place.place_id == b.site.place.place_id
    )


def two_towns(a: Probe, b: Probe) -> bool:
    """Whether both probes name a point (facility or town) and the two are different places."""
    return (
        a.site is not None
        and b.site is not None
        and a.site.is_point
        and b.site.is_point
        and a.site.place.place_id != b.site.place.place_id
    )


def stated(item: Probe) -> bool:
    """Whether a probe's claims state a date (not only the window before publication)."""
    return item.stated


def recent(a: Probe, b: Probe) -> bool:
    """Whether `b` may be what `a` reports when `a` dates nothing: an undated report tells news
    of its last few days, so `b`'s dates must reach within `UNDATED_APART` days before `a`'s
    publication (a strike dated Tuesday is not the undated strike reported a week later)."""
    if a.stated or a.published is None or b.interval is None:
        return True
    return b.hi >= a.published - UNDATED_APART


def published_apart(a: Claim, b: Claim) -> float | None:
    """Days between two claims' publication times, or None when either is unknown."""
    if a.published is None or b.published is None:
        return None
    return abs((a.published - b.published).total_seconds()) / 86_400
