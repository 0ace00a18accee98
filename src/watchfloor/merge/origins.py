"""Origins: follow each claim's chain to its root and count independent confirmation.

Three outlets citing the SDF are one origin (the SDF); an outlet's own reporting (or its
author's voice) is the outlet's own origin; a vague source ("sources said") and a claim that
is not an assertion of fact never corroborate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from watchfloor.merge.chains import claim_origin, root
from watchfloor.merge.discrepancies import is_nested
from watchfloor.merge.options import MergeOptions
from watchfloor.model.incidents import Claim, Corroboration, Origin
from watchfloor.model.provenance import SourceKind, StatementKind

__all__ = [
    "claim_origin",
    "collect_origins",
    "corroboration_level",
    "is_contested",
    "is_corroborating",
    "root",
]

# Only these statement kinds assert that something happened; an opinion, a question or a call
# to action mentioning an event is no confirmation of it.
_ASSERTING = frozenset({StatementKind.REPORTED_FACT, StatementKind.ATTRIBUTED_CLAIM})


def is_corroborating(claim: Claim) -> bool:
    """True when a claim can count as confirmation: a named root and an assertion of fact."""
    return root(claim.chain).kind is not SourceKind.VAGUE and claim.kind in _ASSERTING


def collect_origins(claims: Iterable[Claim]) -> tuple[Origin, ...]:
    """The origins behind a set of claims, each with its outlets and claims, sorted by key."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[claim.origin].append(claim)
    origins = []
    for key in sorted(groups):
        members = sorted(groups[key], key=lambda c: c.mention_id)
        # Name the origin after its first claim in id order, so the name is order-independent.
        source = root(members[0].chain)
        origins.append(
            Origin(
                key=key,
                name=source.name,
                kind=source.kind,
                outlets=tuple(sorted({c.outlet for c in members})),
                claims=tuple(c.mention_id for c in members),
                is_independent=any(is_corroborating(c) for c in members),
            )
        )
    return tuple(origins)


def _conflict(a: Claim, b: Claim, options: MergeOptions) -> bool:
    """True when two claims cannot both be right about where, when or who."""
    first = a.actor1.actor_id if a.actor1 is not None else None
    second = b.actor1.actor_id if b.actor1 is not None else None
    if first and second and first != second:
        return True
    if a.place is not None and b.place is not None and not is_nested(a.place, b.place, options):
        return True
    return (
        a.date is not None
        and b.date is not None
        and (a.date.end < b.date.start or b.date.end < a.date.start)
    )


def is_contested(claims: Sequence[Claim], options: MergeOptions) -> bool:
    """True when claims of two different independent origins conflict on where, when or who."""
    asserting = [c for c in claims if is_corroborating(c)]
    for i, a in enumerate(asserting):
        for b in asserting[i + 1 :]:
            if a.origin != b.origin and _conflict(a, b, options):
                return True
    return False


def corroboration_level(
    origins: tuple[Origin, ...], claims: Sequence[Claim], options: MergeOptions
) -> Corroboration:
    """How well an incident is confirmed, from its origins and its claims.

    Contested: claims of two independent origins disagree on place, date or actor (figures
    may differ without putting the happening in doubt; they are shown as discrepancies).
    Corroborated: two or more independent origins. Single origin: several outlets, one
    origin. Else single source.
    """
    independent = [o for o in origins if o.is_independent]
    if len(independent) >= 2:
        if is_contested(claims, options):
            return Corroboration.CONTESTED
        return Corroboration.CORROBORATED
    outlets = {outlet for o in origins for outlet in o.outlets}
    if len(independent) == 1 and len(outlets) >= 2:
        return Corroboration.SINGLE_ORIGIN
    return Corroboration.SINGLE_SOURCE
