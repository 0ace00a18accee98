"""Compatibility of a mention with an incident: type, place, time and actors, as one score.

The score is a product of four factors in 0..1. Type, place and time are gates (a factor of 0
forbids the merge); actors only lower the score, because outlets that blame different groups
for one attack are a discrepancy to show, not two attacks. Against an incident each factor is
the worst over the incident's members (complete linkage, `merge.profile`), so incidents cannot
chain out. Places compare by precision in `merge.sites`, figures in `merge.figures`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from watchfloor.merge.blocking import is_seat, merge_place
from watchfloor.merge.claims import claim_interval, is_unstated
from watchfloor.merge.figures import counts, figures_agree, figures_conflict
from watchfloor.merge.options import MergeOptions, TypeRules
from watchfloor.merge.sentences import SENTENCES_ALIKE, Gist, cosine, fill
from watchfloor.merge.sites import RANK, Site, place_evidence, site, site_factor
from watchfloor.merge.undated import (
    another_act,
    one_facility,
    published_apart,
    recent,
    same_news,
    told_at_one_site,
    told_together,
    two_towns,
)
from watchfloor.model.incidents import Claim
from watchfloor.model.mentions import PlaceMention, Precision

__all__ = [
    "PRECISE_DAYS",
    "PUBLISHED_DAYS",
    "SIEGE_DAYS",
    "Probe",
    "actor_factor",
    "is_precise",
    "kinds",
    "pair",
    "pair_score",
    "probe",
    "sentences_alike",
    "sufficient",
    "time_evidence",
    "time_factor",
    "type_factor",
    "unit_probe",
]

# Dates spanning fewer days than this are precise ("on Thursday", "overnight"); longer ones
# ("last week", "in recent weeks", an undated mention's window) cannot alone make one happening.
PRECISE_DAYS = 3
_PAIRED = 0.9  # type factor of a listed same-incident pair
# Reports published this many days apart or less can tell one happening without a shared place.
PUBLISHED_DAYS = 2
_FAMILY = 0.8  # type factor of one family at one place and time
# Two types of one happening at one town (or a prison and its town) told this many days apart
# or less may be the days of one siege or battle: no evidence, but no veto.
SIEGE_DAYS = 5


def type_factor(a: str, b: str, rules: TypeRules) -> float:
    """1 for one type; 0.9 for a listed same-incident pair; 0.5 within a family or for a
    listed facet pair; else 0.

    A follow-up pair (recapture after escape) scores 0: it is linked, never merged.
    """
    if a == b:
        return 1.0
    if rules.is_follow_up(a, b) or rules.is_follow_up(b, a):
        return 0.0
    if rules.family(a) != rules.family(b):
        # Facets of one happening across families (a prison attack's clashes) count as one
        # family: they merge only at one place and time.
        return 0.5 if rules.is_facet(a, b) else 0.0
    if frozenset((a, b)) in rules.same_incident:
        return 0.9
    # Same family, different type: too weak to merge on its own (0.5 × anything < 1 is below
    # the default threshold unless everything else matches perfectly).
    return 0.5


def time_factor(gap_days: int | None, options: MergeOptions) -> float:
    """1 for overlapping intervals, down to 0.6 at a window's gap, 0 beyond; 0.8 if undated."""
    if gap_days is None:
        return 0.8
    if gap_days > options.window_days:
        return 0.0
    return 1.0 - 0.4 * gap_days / options.window_days


def actor_factor(mine: str | None, theirs: set[str]) -> float:
    """1 when the same canonical actor1 is named; 0.9 when either side names none; else 0.6."""
    if mine is None or not theirs:
        return 0.9
    return 1.0 if theirs == {mine} else 0.6


def _time_class(interval: tuple[date, date] | None, options: MergeOptions) -> str:
    """Undated, vague (longer than max_interval_days) or dated: only like merges with like."""
    if interval is None:
        return "undated"
    return "vague" if (interval[1] - interval[0]).days > options.max_interval_days else "dated"


def is_precise(interval: tuple[date, date] | None) -> bool:
    """An interval of at most `PRECISE_DAYS` days: a date the report actually gives."""
    return interval is not None and (interval[1] - interval[0]).days < PRECISE_DAYS


def time_evidence(a: tuple[date, date] | None, b: tuple[date, date] | None, gap: int) -> int:
    """2 when both dates are precise and within two days, 1 when one is precise, else 0."""
    precise = is_precise(a) + is_precise(b)
    if precise == 2 and gap <= 2:
        return 2
    return 1 if precise >= 1 else 0


def sufficient(place: int, time: int, same_type: bool, same_actor: bool) -> bool:
    """Whether shared evidence can make two mentions one happening (never a vague date alone).

    The same facility, town or district is enough within the time window; the same governorate
    needs a precise date on one side (or the same type and actor); a country or no place needs
    precise dates on both sides, the same type and the same named actor.
    """
    if place >= 2:
        return True
    if place == 1:
        return time >= 1 or (same_type and same_actor)
    return time == 2 and same_type and same_actor


@dataclass(frozen=True, slots=True)
class Probe:
    """What scoring reads of a claim, or of the claims one document tells of one happening.

    `interval` is the tightest date the claims give together (their intersection), `site` the
    finest place, `actor_id` the first named canonical actor1, `types` every type told.
    """

    claim: Claim
    interval: tuple[date, date] | None
    time_class: str
    site: Site | None
    actor_id: str | None
    types: frozenset[str] = frozenset()
    lo: int = 0  # the interval's first and last day as ordinals (0 when undated)
    hi: int = 0
    counts: tuple[tuple[str, int, int], ...] = ()
    gist: Gist | None = None  # the unit's sentences (`merge.sentences`), embedded on first need
    country: str | None = None  # the country of the finest place, even a whole country's
    stated: bool = False  # a claim states a date (not only the window before publication)
    published: int | None = None  # the lead claim's publication day (ordinal)


def probe(claim: Claim, options: MergeOptions) -> Probe:
    """The probe of a claim."""
    return unit_probe([claim], options)


def unit_probe(claims: Sequence[Claim], options: MergeOptions, gist: Gist | None = None) -> Probe:
    """The probe of one document's claims of one happening (the first claim leads), with the
    unit's gist (its sentences, embedded only if a comparison needs them) when the merge has a
    sentence encoder."""
    # Background told again rides along: the unit is compared on what the others tell.
    claims = [c for c in claims if not c.background] or list(claims)
    lead = claims[0]
    intervals = [i for c in claims if (i := claim_interval(c, options)) is not None]
    interval = None
    if intervals:
        start, end = max(i[0] for i in intervals), min(i[1] for i in intervals)
        interval = (start, end) if start <= end else intervals[0]
    places = [c.place for c in claims if c.place is not None]
    finest = min(places, key=_fineness) if places else None
    place = merge_place(finest)
    actors = [c.actor1.actor_id for c in claims if c.actor1 is not None and c.actor1.actor_id]
    return Probe(
        claim=lead,
        interval=interval,
        time_class=_time_class(claim_interval(lead, options), options),
        site=site(place),
        country=finest.country_code if finest is not None else None,
        actor_id=actors[0] if actors else None,
        types=frozenset(c.event_type for c in claims),
        lo=interval[0].toordinal() if interval else 0,
        hi=interval[1].toordinal() if interval else 0,
        counts=counts(claims),
        gist=gist,
        stated=any(c.date is not None and not is_unstated(c.date) for c in claims),
        published=lead.published.date().toordinal() if lead.published is not None else None,
    )


def _fineness(place: PlaceMention) -> tuple[int, float]:
    """Finest first; a town bearing its governorate's name ranks as the governorate it may
    mean, so a report naming "Idlib" and Ariha is placed at Ariha."""
    rank = RANK[Precision.GOVERNORATE] if is_seat(place) else RANK[place.precision]
    return rank, -place.score


_KINDS: dict[tuple[int, frozenset[str], frozenset[str]], tuple[TypeRules, float]] = {}


def kinds(a: frozenset[str], b: frozenset[str], rules: TypeRules) -> float:
    """The best type factor between two sets of types; 0 if any pair is a follow-up.

    Memoised per rules object: a stream meets the same few type sets again and again.
    """
    key = (id(rules), a, b)
    known = _KINDS.get(key)
    if known is not None and known[0] is rules:
        return known[1]
    best = 0.0
    for x in a:
        for y in b:
            if rules.is_follow_up(x, y) or rules.is_follow_up(y, x):
                best = -1.0
                break
            best = max(best, type_factor(x, y, rules))
        if best < 0:
            break
    value = max(best, 0.0)
    if len(_KINDS) > 100_000:
        _KINDS.clear()
    _KINDS[key] = (rules, value)
    return value


def pair_score(a: Probe, b: Probe, options: MergeOptions) -> tuple[float, bool]:
    """The compatibility of two probes and whether their shared evidence suffices."""
    score, ok, alike_would = pair(a, b, options)
    return score, ok or (alike_would and sentences_alike(a, b))


def pair(a: Probe, b: Probe, options: MergeOptions) -> tuple[float, bool, bool]:
    """(score, evidence suffices by the fields, sentences told alike would make it suffice).

    The sentences are embedded here only for a pair of one family whose dates say too little,
    where they decide the score; where they could only add evidence, the caller asks
    (`sentences_alike`) once it knows no other member gives that evidence.
    """
    if a.time_class != b.time_class:
        return 0.0, False, False  # undated, vague and dated claims never share a block: never merge
    gap = 0
    if a.interval is None or b.interval is None:
        time = time_factor(None, options)
    else:
        gap = max(0, a.lo - b.hi, b.lo - a.hi)
        if gap > options.window_days:
            return 0.0, False, False
        time = 1.0 - 0.4 * gap / options.window_days  # as `time_factor`
    # Cheapest gates first: places (most candidates lie in a neighbouring town), then types.
    if a.country is not None and b.country is not None and a.country != b.country:
        return 0.0, False, False
    place = site_factor(a.site, b.site, options)
    if place == 0.0:
        return 0.0, False, False
    one = a.types == b.types and len(a.types) == 1
    kind = 1.0 if one else kinds(a.types, b.types, options.rules)
    if kind == 0.0:
        return 0.0, False, False
    if (a.site is None) != (b.site is None):
        return (*_one_placed(a, b, kind, place * time, options), False)
    where = place_evidence(a.site, b.site, options, place)
    precise = 0
    if a.interval is None or b.interval is None:
        when = 0
    else:
        precise = (a.hi - a.lo < PRECISE_DAYS) + (b.hi - b.lo < PRECISE_DAYS)
        when = 2 if precise == 2 and gap <= 2 else 1 if precise else 0  # as `time_evidence`
    alike = bool(a.counts and b.counts and figures_agree(a.counts, b.counts))
    agree = when < 2 and alike
    when += agree  # one figure told alike stands for a date told precisely
    # Or (not both) the same thing said in other words or another language does, only where
    # every field gate passed: the sentences may add the step the fields lack.
    said = not agree and when < 2 and a.gist is not None and b.gist is not None
    unproven = False
    if kind < _PAIRED and another_act(a, b, options.rules):
        return 0.0, False, False
    if kind < _PAIRED:
        # Only of one family (an airstrike and a clash) or facets (a prison attack and the
        # clashes at the prison): one happening only at one place and time, and then almost
        # as good as one type. One time: two precise dates within the window (the days of
        # fighting at one prison), else the looser date must be a week at most (a named
        # month or year places no two acts at one time) and reach within two days of the
        # other (a report's undated window ends at its publication, a day or two behind the
        # next report's news; a clash "last week" and a bombardment a week on are two).
        loose = max(a.hi - a.lo, b.hi - b.lo) > options.undated_days
        if where < 2:
            return 0.0, False, False
        if precise < 2 and (gap > PUBLISHED_DAYS or loose):
            if not (one_facility(a, b) or (where == 3 and not loose and gap <= SIEGE_DAYS)):
                return 0.0, False, False
            # At one prison or camp within the window, or at one town a few days apart, the
            # days of one siege or battle: not shown at one time, so no evidence, but no veto
            # either (below).
            unproven = True
        elif when < 1:
            if said and sentences_alike(a, b):
                when, said = when + 1, False
            elif told_at_one_site(a, b, options.nested_km, options.rules):
                # Undated facets at one prison (or the prison and the town holding it) in
                # reports of the same days, the days of one siege told under several types; or
                # two types of one family at one town in reports of the same day.
                when = 1
            else:
                # Nothing dates them together, but nothing sets them apart either: no evidence,
                # no veto. Such a pair never merges alone, yet a member told without a date
                # (the undated "fighting at the prison") does not bar a newcomer that fits the
                # incident through another member.
                unproven = True
        kind = _FAMILY
    if a.actor_id is None or b.actor_id is None:
        actor, same_actor = 0.9, False
    else:
        same_actor = a.actor_id == b.actor_id
        actor = 1.0 if same_actor else 0.6
    shared = one or bool(a.types & b.types)
    ok = (
        not unproven
        and sufficient(where, when, shared, same_actor)
        and (
            one_facility(a, b)
            or (
                (when > 0 or told_together(a, b, gap))
                and (alike or (recent(a, b) and recent(b, a)))
            )
        )
    )
    if ok and where == 1 and two_towns(a, b, seats=precise < 2):
        # Two named places a few kilometres apart are two places: on one day a war strikes
        # several towns of one area. Only a figure told alike makes them one happening.
        ok = alike
    alike_would = (
        said and not ok and not unproven and sufficient(where, when + 1, shared, same_actor)
    )
    return kind * place * time * actor, ok, alike_would


def sentences_alike(a: Probe, b: Probe) -> bool:
    """Whether two reports' sentences say the same thing (cosine ≥ `SENTENCES_ALIKE`).

    Embeds both reports' gists (one batch) if they are not embedded yet.
    """
    if a.gist is None or b.gist is None:
        return False
    fill([a.gist, b.gist])
    similar = cosine(a.gist.vector, b.gist.vector)
    return similar is not None and similar >= SENTENCES_ALIKE


def _one_placed(
    a: Probe, b: Probe, kind: float, rest: float, options: MergeOptions
) -> tuple[float, bool]:
    """A mention without a place against a placed one ("the White House condemned the attack").

    Nothing places them together, so other evidence must: the same named actor1, types of one
    happening (one type or a listed pair; of one family only when a figure is told alike),
    publication at most `PUBLISHED_DAYS` apart, and no figure of one role that cannot be the
    same. Without it the score stays but the evidence does not suffice, so such a mention can
    join an incident only through another member it shares evidence with.

    A mention placed only in a country (or region) says more than none and is held to more: a
    war's reports name one country and one actor day after day, so it also needs its date
    and the placed one's told precisely and at most two days apart, or a figure told alike,
    or to be the same news (`same_news`: one type, one named actor, neither dated, published
    within `SAME_NEWS_DAYS`: "ISIS leader killed in US raid in Syria" beside the report that
    names the town, hours apart).
    """
    same_actor = a.actor_id is not None and a.actor_id == b.actor_id
    agree = bool(a.counts and b.counts and figures_agree(a.counts, b.counts))
    wide = (a.site is None and a.country is not None) or (b.site is None and b.country is not None)
    if wide and not agree and not same_news(a, b, same_actor):
        gap = max(0, a.lo - b.hi, b.lo - a.hi)
        if (
            a.interval is None
            or b.interval is None
            or time_evidence(a.interval, b.interval, gap) < 2
        ):
            return kind * rest * 0.9, False
    if kind < _PAIRED:
        if not (same_actor and agree):
            return 0.0, False
        kind = _FAMILY
    actor = 1.0 if same_actor else 0.9 if a.actor_id is None or b.actor_id is None else 0.6
    apart = published_apart(a.claim, b.claim)
    ok = (
        same_actor
        and apart is not None
        and apart <= PUBLISHED_DAYS
        and not (a.counts and b.counts and figures_conflict(a.counts, b.counts))
    )
    return kind * rest * actor, ok
