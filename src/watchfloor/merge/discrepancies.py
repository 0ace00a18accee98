"""Discrepancies: where the claims of one incident disagree on figures, place, actors or date.

Figures disagree when their readings do not overlap (`Quantity.overlaps`: "hundreds" and
"approximately 1,500" do not; "about 1,500" and "1,400" do). Places disagree when neither holds
the other: a town inside the governorate another outlet names is the same place told coarser;
two towns are not, unless they lie within `nested_km` (a prison and its town). Actors disagree
when claims name different canonical actors in one role. Dates disagree when the claimed
intervals do not overlap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from watchfloor.merge.blocking import coarse_region, is_point
from watchfloor.merge.figures import figure_role
from watchfloor.merge.options import MergeOptions
from watchfloor.merge.sites import distance_km
from watchfloor.model.events import Figure
from watchfloor.model.incidents import Claim, Discrepancy, DiscrepancyKind
from watchfloor.model.mentions import PlaceMention, Precision

__all__ = [
    "actor_discrepancies",
    "date_discrepancies",
    "figure_discrepancies",
    "figure_role",
    "find_discrepancies",
    "is_nested",
    "place_discrepancies",
]

_COARSE = frozenset(
    {Precision.DISTRICT, Precision.GOVERNORATE, Precision.COUNTRY, Precision.REGION}
)


def figure_discrepancies(claims: Sequence[Claim]) -> list[Discrepancy]:
    """Per role, the figures whose readings do not overlap with some other figure of the role."""
    by_role: dict[str, list[tuple[Claim, Figure]]] = defaultdict(list)
    for claim in claims:
        for figure in claim.figures:
            by_role[figure_role(figure)].append((claim, figure))
    found = []
    for role in sorted(by_role):
        items = by_role[role]
        involved: set[int] = set()
        for i, (_, a) in enumerate(items):
            for j in range(i + 1, len(items)):
                if not a.quantity.overlaps(items[j][1].quantity):
                    involved |= {i, j}
        if involved:
            picked = [items[i] for i in sorted(involved)]
            found.append(
                Discrepancy(
                    kind=DiscrepancyKind.FIGURES,
                    what=f"{role}: the figures given do not overlap",
                    values=tuple(sorted({f.quantity.text for _, f in picked})),
                    claims=tuple(sorted({c.mention_id for c, _ in picked})),
                )
            )
    return found


def is_nested(a: PlaceMention, b: PlaceMention, options: MergeOptions) -> bool:
    """True when two claimed places can be one: equal, one inside the other, or adjacent points."""
    if a.place_id is not None and a.place_id == b.place_id:
        return True
    if is_point(a) and is_point(b):
        return distance_km(a, b) <= options.nested_km
    if a.precision in _COARSE or b.precision in _COARSE:
        coarse, fine = (a, b) if _rank(a) >= _rank(b) else (b, a)
        if coarse.precision in (Precision.COUNTRY, Precision.REGION):
            return _norm(coarse.country_code) == _norm(fine.country_code)
        if coarse.precision == fine.precision:
            return False  # two different districts or governorates
        return coarse_region(coarse) == coarse_region(fine)
    return a.name.casefold() == b.name.casefold()


_ORDER = list(Precision)


def _rank(place: PlaceMention) -> int:
    return _ORDER.index(place.precision)


def _norm(text: str | None) -> str:
    return (text or "").casefold()


def place_discrepancies(claims: Sequence[Claim], options: MergeOptions) -> list[Discrepancy]:
    """One discrepancy listing every pair of claimed places that cannot both be right."""
    placed = [c for c in claims if c.place is not None]
    names: set[str] = set()
    involved: set[str] = set()
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            assert a.place is not None and b.place is not None
            if not is_nested(a.place, b.place, options):
                names |= {a.place.name, b.place.name}
                involved |= {a.mention_id, b.mention_id}
    if not involved:
        return []
    what = "place: the claims name places that do not contain each other"
    return [Discrepancy(DiscrepancyKind.PLACE, what, tuple(sorted(names)), tuple(sorted(involved)))]


def actor_discrepancies(claims: Sequence[Claim]) -> list[Discrepancy]:
    """Per role (actor1, target), claims naming different canonical actors."""
    found = []
    for role in ("actor1", "target"):
        named: dict[str, set[str]] = defaultdict(set)
        labels: dict[str, str] = {}
        for claim in claims:
            actor = getattr(claim, role)
            if actor is not None and actor.actor_id is not None:
                named[actor.actor_id].add(claim.mention_id)
                labels[actor.actor_id] = actor.name
        if len(named) > 1:
            found.append(
                Discrepancy(
                    kind=DiscrepancyKind.ACTORS,
                    what=f"{role}: the claims name different actors",
                    values=tuple(sorted(labels[a] for a in named)),
                    claims=tuple(sorted(m for ids in named.values() for m in ids)),
                )
            )
    return found


def date_discrepancies(claims: Sequence[Claim]) -> list[Discrepancy]:
    """Claims whose own date intervals do not overlap (dates inferred from publication aside)."""
    dated = [c for c in claims if c.date is not None]
    values: set[str] = set()
    involved: set[str] = set()
    for i, a in enumerate(dated):
        for b in dated[i + 1 :]:
            assert a.date is not None and b.date is not None
            if a.date.end < b.date.start or b.date.end < a.date.start:
                for c in (a, b):
                    assert c.date is not None
                    values.add(f"{c.date.text} ({c.date.start}..{c.date.end})")
                involved |= {a.mention_id, b.mention_id}
    if not involved:
        return []
    what = "date: the claimed dates do not overlap"
    return [Discrepancy(DiscrepancyKind.DATE, what, tuple(sorted(values)), tuple(sorted(involved)))]


def find_discrepancies(
    claims: Sequence[Claim], options: MergeOptions, figures_of: Sequence[Claim] = ()
) -> tuple[Discrepancy, ...]:
    """Every discrepancy among an incident's claims: figures, place, actors, date.

    `figures_of`: when given, the claims whose figures are compared (the incident's claims
    with the background its reports tell again, whose place and date may be borrowed).
    """
    return (
        *figure_discrepancies(figures_of or claims),
        *place_discrepancies(claims, options),
        *actor_discrepancies(claims),
        *date_discrepancies(claims),
    )
