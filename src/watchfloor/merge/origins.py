"""Origins: follow each claim's chain to its root and count independent confirmation.

Three outlets citing the SDF are one origin (the SDF); an outlet's own reporting (or its
author's voice) is the outlet's own origin; a vague source ("sources said") and a claim that
is not an assertion of fact never corroborate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from watchfloor.model.incidents import (
    Claim,
    Corroboration,
    Discrepancy,
    DiscrepancyKind,
    Origin,
)
from watchfloor.model.provenance import Source, SourceKind, StatementKind

__all__ = ["claim_origin", "collect_origins", "corroboration_level", "is_corroborating", "root"]

# Only these statement kinds assert that something happened; an opinion, a question or a call
# to action mentioning an event is no confirmation of it.
_ASSERTING = frozenset({StatementKind.REPORTED_FACT, StatementKind.ATTRIBUTED_CLAIM})

# Disagreements on where, when and who put the happening itself in doubt; figures do not.
_IDENTITY = frozenset({DiscrepancyKind.PLACE, DiscrepancyKind.ACTORS, DiscrepancyKind.DATE})


def root(chain: tuple[Source, ...]) -> Source:
    """The source a chain rests on; an author speaks for the outlet that publishes them."""
    if not chain:
        raise ValueError("an attribution chain has at least the publishing outlet")
    last = chain[-1]
    if last.kind is SourceKind.AUTHOR:
        return chain[0]
    return last


def claim_origin(chain: tuple[Source, ...]) -> str:
    """The origin key of a chain: the `Source.key` of its root."""
    return root(chain).key


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


def corroboration_level(
    origins: tuple[Origin, ...], discrepancies: tuple[Discrepancy, ...]
) -> Corroboration:
    """How well an incident is confirmed, from its origins and its disagreements.

    Contested: independent origins disagree on place, date or actors. Corroborated: two or more
    independent origins. Single origin: several outlets, one origin. Else single source.
    """
    independent = [o for o in origins if o.is_independent]
    if len(independent) >= 2:
        origin_of = {claim: o.key for o in independent for claim in o.claims}
        for discrepancy in discrepancies:
            if discrepancy.kind not in _IDENTITY:
                continue
            involved = {origin_of[c] for c in discrepancy.claims if c in origin_of}
            if len(involved) >= 2:
                return Corroboration.CONTESTED
        return Corroboration.CORROBORATED
    outlets = {outlet for o in origins for outlet in o.outlets}
    if len(independent) == 1 and len(outlets) >= 2:
        return Corroboration.SINGLE_ORIGIN
    return Corroboration.SINGLE_SOURCE
