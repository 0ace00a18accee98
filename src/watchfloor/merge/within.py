"""Within a document first: the claims one report makes of one happening, before any other report.

A report tells a happening in its title, its lead and later paragraphs, and one phrase can carry
two triggers ("successfully executed an airstrike": an attack and an airstrike). Cross-document
merging compares these groups (units), not single sentences, so one report counts once and a
title's vague date or coarse place is read with the lead's precise ones.

Two claims of one document are one happening when nothing contradicts it (no two named actors,
no two places that cannot be one, no dates that cannot overlap) and

- their triggers sit in one sentence a few characters apart and their types are of one family
  (one trigger, one event), or anywhere in one sentence when the rules list them as facets
  (an attack on a prison, the car bomb and the clashes of it), or
- their types are one type or a pair the rules list as one incident (an attack on a prison and
  the escape it let happen), or
- they would merge if two reports told them (`similarity.pair`: types of one family or facets
  at one facility, town or district on overlapping dates: the car bomb at the prison gate and
  the attack on the prison, told paragraphs apart).

Grouping is greedy over the document's claims in text order, so it depends only on the set.
Background the report tells again (`Claim.background`: "the attack" of a later paragraph whose
place or date is borrowed) is grouped last: it joins the one unit it is one happening with by
the same test, and is dropped when none or several fit. It is a passenger: the unit's place,
date, actor and types, which cross-document merging compares, come from the other claims.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from watchfloor.merge.blocking import merge_place
from watchfloor.merge.claims import canonical_key, claim_interval
from watchfloor.merge.options import MergeOptions
from watchfloor.merge.similarity import pair, probe
from watchfloor.merge.sites import place_evidence, site, site_factor
from watchfloor.model.incidents import Claim
from watchfloor.model.mentions import Precision

__all__ = ["FOLD_CHARS", "document_units", "one_happening"]

# Triggers this close in one sentence name one event ("executed an airstrike").
FOLD_CHARS = 24


def _told(claim: Claim, options: MergeOptions) -> tuple[date, date] | None:
    """A claim's date as its report gives it (the extraction's window before publication
    included): within one report these windows are alike and compare as they are."""
    if claim.date is not None:
        return claim.date.start, claim.date.end
    return claim_interval(claim, options)


def _interval(claims: Sequence[Claim], options: MergeOptions) -> tuple[date, date] | None:
    intervals = [i for c in claims if (i := _told(c, options)) is not None]
    if not intervals:
        return None
    return max(i[0] for i in intervals), min(i[1] for i in intervals)


def _vague(interval: tuple[date, date] | None, options: MergeOptions) -> bool:
    return interval is not None and (interval[1] - interval[0]).days > options.max_interval_days


def _contradicts(unit: Sequence[Claim], claim: Claim, options: MergeOptions) -> bool:
    """Whether the claim cannot be the unit's happening: actors, places or dates disagree, or
    one type follows the other up (the recapture of escapees)."""
    rules = options.rules
    if any(
        rules.is_follow_up(claim.event_type, c.event_type)
        or rules.is_follow_up(c.event_type, claim.event_type)
        for c in unit
    ):
        return True
    mine = claim.actor1.actor_id if claim.actor1 is not None else None
    if mine is not None:
        named = {c.actor1.actor_id for c in unit if c.actor1 is not None and c.actor1.actor_id}
        if named and mine not in named:
            return True
    country = claim.place.country_code if claim.place is not None else None
    if country and any(o.place and o.place.country_code not in (None, country) for o in unit):
        return True
    here = site(merge_place(claim.place))
    if here is not None:
        for other in unit:
            there = site(merge_place(other.place))
            if there is not None and site_factor(here, there, options) == 0.0:
                return True
    own = _told(claim, options)
    together = _interval([*unit, claim], options)
    if own is not None and together is not None and together[0] > together[1]:
        return True  # no day lies in every claim's interval
    # Undated, vague and dated claims are filed apart: a unit keeps to one kind.
    lead = _told(unit[0], options)
    return (own is None) != (lead is None) or _vague(own, options) != _vague(lead, options)


def _folds(a: Claim, b: Claim, options: MergeOptions) -> bool:
    """One trigger, one event: two types of one family read from one phrase."""
    if a.evidence.sentence != b.evidence.sentence:
        return False
    rules = options.rules
    if rules.is_follow_up(a.event_type, b.event_type) or rules.is_follow_up(
        b.event_type, a.event_type
    ):
        return False
    if rules.is_facet(a.event_type, b.event_type):
        return True  # "attacked the prison, setting off a car bomb and clashing with guards"
    if rules.family(a.event_type) != rules.family(b.event_type):
        return False
    gap = max(a.evidence.start, b.evidence.start) - min(a.evidence.end, b.evidence.end)
    return gap <= FOLD_CHARS


def _retells(unit: Sequence[Claim], claim: Claim, options: MergeOptions) -> bool:
    """Whether background of another type tells the unit's happening again.

    Its type must be a facet of a type of the unit ("killed" at the prison whose attack the
    report tells) or, where the unit is placed at one facility, kin to one (one incident with
    a common third type: the escape and the clashes of an attack on the prison), never only of
    its family (the coalition's air strikes beside the fighting, or the shelling and the
    battles of a town, may be other happenings). And its place must be the same place by
    `sites.place_evidence` (the same facility or town or one within `nested_km`, or a district
    and a town in it), or it has none of its own and gives a figure ("121 of its fighters had
    been killed", in the report of the siege).
    """
    rules = options.rules
    here = site(claim.place)
    for other in unit:
        a, b = other.event_type, claim.event_type
        at_facility = other.place is not None and other.place.precision == Precision.FACILITY
        if not (rules.is_facet(a, b) or (at_facility and rules.kin(a, b))):
            continue
        if here is None:
            if claim.figures:
                return True
        elif place_evidence(here, site(other.place), options) >= 2:
            return True
    return False


def one_happening(unit: Sequence[Claim], claim: Claim, options: MergeOptions) -> bool:
    """Whether a claim of the unit's document tells the unit's happening."""
    if _contradicts(unit, claim, options):
        return False
    paired = options.rules.same_incident
    for other in unit:
        if other.event_type == claim.event_type:
            return True
        if frozenset((other.event_type, claim.event_type)) in paired:
            return True
        if _folds(other, claim, options):
            return True
    if claim.background:
        return _retells(unit, claim, options)
    mine = probe(claim, options)
    for other in unit:
        theirs = probe(other, options)
        if mine.interval is None or theirs.interval is None:
            continue
        if mine.lo > theirs.hi or theirs.lo > mine.hi:
            continue  # one report giving two dates tells two happenings
        score, ok, _ = pair(mine, theirs, options)
        if ok and score >= options.threshold:
            return True
    return False


def document_units(claims: Iterable[Claim], options: MergeOptions) -> list[list[Claim]]:
    """Claims grouped by document and happening; units in canonical order of their first claim.

    Each unit's claims are in canonical order, so its first claim is the one that names it.
    """
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_doc[claim.document_id].append(claim)
    units: list[list[Claim]] = []
    for members in by_doc.values():
        found: list[list[Claim]] = []
        in_text_order = sorted(members, key=lambda c: (c.evidence.start, c.mention_id))
        for claim in in_text_order:
            if claim.background:
                continue
            for unit in found:
                if one_happening(unit, claim, options):
                    unit.append(claim)
                    break
            else:
                found.append([claim])
        told = [list(unit) for unit in found]  # passengers are tested against these only
        for claim in in_text_order:
            if claim.background:
                fits = [n for n, unit in enumerate(told) if one_happening(unit, claim, options)]
                if len(fits) == 1:
                    found[fits[0]].append(claim)
        units.extend(sorted(unit, key=canonical_key) for unit in found)
    units.sort(key=lambda unit: canonical_key(unit[0]))
    return units
