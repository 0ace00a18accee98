"""When two reports may tell one happening although their dates do not show it.

Short news items rarely date what they report beyond "on Tuesday": an undated report tells news
of its last few days (`UNDATED_APART`), two named towns a few kilometres apart are two places,
and one named facility (a prison, a camp) is narrow enough that reports within the window tell
one happening there even undated. Two facets of one happening undated at one prison, or the
prison and the town holding it, in reports of the same days, or two types of one family at one
town in reports of the same day (`told_at_one_site`), are one; so is a country-only headline of the
same news as a placed report (`same_news`). Publication says nothing of the happenings one
report tells in its paragraphs: these rules compare two documents. `merge.similarity.pair`
reads them.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from watchfloor.merge.options import TypeRules
from watchfloor.merge.sites import Site, distance_km
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
    def lo(self) -> int: ...
    @property
    def hi(self) -> int: ...
    @property
    def stated(self) -> bool: ...
    @property
    def published(self) -> int | None: ...
    @property
    def types(self) -> frozenset[str]: ...


__all__ = [
    "SAME_NEWS_DAYS",
    "UNDATED_APART",
    "another_act",
    "one_facility",
    "one_site",
    "published_apart",
    "recent",
    "same_news",
    "stated",
    "told_at_one_site",
    "told_together",
    "two_towns",
]

# Two reports neither of which dates its happening precisely are one happening at one place
# only if they were published at most this many days apart (or both state dates that share a
# day): undated windows a week long would otherwise join reports of one town ~17 days apart.
UNDATED_APART = 3
# Two undated reports of one town tell one happening under two types of one family (a missile
# attack and an air raid on one airport), and a country-only headline the news of a placed
# report, only if published within this many days (24 hours: the same news cycle).
SAME_NEWS_DAYS = 1
# ... and at one facility (or it and the town holding it) in reports this many days apart.
SITE_NEWS_DAYS = 2


def another_act(a: Probe, b: Probe, rules: TypeRules) -> bool:
    """Whether two reports of two types that are not facets of one happening tell two acts
    because one was published before the other's happening began: a report cannot tell what
    had not happened yet (the clashes reported on 22 March, the retaking dated 23 March)."""

    def before(x: Probe, y: Probe) -> bool:
        return x.published is not None and y.interval is not None and y.lo > x.published

    if not (before(a, b) or before(b, a)):
        return False
    return not any(rules.is_facet(x, y) for x in a.types for y in b.types)


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


def one_site(a: Probe, b: Probe, nested_km: float) -> bool:
    """Whether both probes name one facility, or one names a facility and the other the town
    holding it (a point within `nested_km`): "the prison in Hasakah" and "Ghwayran prison"."""
    if one_facility(a, b):
        return True
    if a.site is None or b.site is None or not (a.site.is_point and b.site.is_point):
        return False
    kinds = {a.site.place.precision, b.site.place.precision}
    # One facility and one town: two different prisons a few kilometres apart are two sites.
    return kinds == {Precision.FACILITY, Precision.TOWN} and (
        distance_km(a.site.place, b.site.place) <= nested_km
    )


def told_at_one_site(a: Probe, b: Probe, nested_km: float, rules: TypeRules) -> bool:
    """Whether two undated reports of two types of one family or facets say they are one
    happening by place and publication: one facility (or it and the town holding it) in
    reports at most `SITE_NEWS_DAYS` apart, if the types are facets of one happening
    (`TypeRules.facet_kin`; a facility's transfers, surrenders and recaptures of one week are
    several), or one town named by both in reports at most `SAME_NEWS_DAYS` apart."""
    if a.stated or b.stated:
        return False  # a date told (if vaguely) is compared as a date, not as the news
    if a.claim.evidence.document_id == b.claim.evidence.document_id:
        return False  # one report's publication says nothing of its paragraphs' happenings
    apart = published_apart(a.claim, b.claim)
    if one_site(a, b, nested_km):
        if apart is None or apart > SITE_NEWS_DAYS:
            return False
        return any(rules.facet_kin(x, y) for x in a.types for y in b.types)
    if a.site is None or b.site is None or not (a.site.is_point and b.site.is_point):
        return False
    if a.site.place.place_id is None or a.site.place.place_id != b.site.place.place_id:
        return False
    return apart is not None and apart <= SAME_NEWS_DAYS


def same_news(a: Probe, b: Probe, same_actor: bool) -> bool:
    """Whether two reports, neither of which dates what it tells, tell one type of happening by
    one named actor (`same_actor`) and were published at most `SAME_NEWS_DAYS` apart by two
    documents: the same news, whatever the one names no finer place than a country."""
    if not same_actor or a.stated or b.stated or not (a.types & b.types):
        return False
    if a.claim.evidence.document_id == b.claim.evidence.document_id:
        return False
    apart = published_apart(a.claim, b.claim)
    return apart is not None and apart <= SAME_NEWS_DAYS


def two_towns(a: Probe, b: Probe, *, seats: bool = True) -> bool:
    """Whether both probes name a point (facility or town) and the two are different places.

    With `seats`, a town bearing its governorate's name may mean the governorate and is no
    second town; callers pass False when both reports date their happenings precisely (an
    air strike on Aleppo city and one on Manbij the same day are two)."""
    return (
        a.site is not None
        and b.site is not None
        and a.site.is_point
        and b.site.is_point
        and not (seats and (a.site.seat or b.site.seat))
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
