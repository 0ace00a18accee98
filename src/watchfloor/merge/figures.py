"""Figures two reports give: the counted readings worth comparing, and whether they agree."""

from __future__ import annotations

from collections.abc import Sequence

from watchfloor.model.events import Figure
from watchfloor.model.incidents import Claim

__all__ = ["TELLING_FIGURE", "counts", "figure_role", "figures_agree", "figures_conflict"]


def figure_role(figure: Figure) -> str:
    """The role a figure counts (escaped, killed...), falling back to its unit, else "count"."""
    return figure.role or figure.quantity.role or figure.quantity.unit or "count"


# A counted figure this large, told the same by two reports, is a sign they tell one happening.
TELLING_FIGURE = 5


def counts(claims: Sequence[Claim]) -> tuple[tuple[str, int, int], ...]:
    """The bounded figures of some claims worth comparing: (role, low, high) readings."""
    found = set()
    for claim in claims:
        for figure in claim.figures:
            low, high = figure.quantity.bounds()
            if high is not None and low >= TELLING_FIGURE:
                found.add((figure_role(figure), low, high))
    return tuple(sorted(found))


def figures_agree(a: tuple[tuple[str, int, int], ...], b: tuple[tuple[str, int, int], ...]) -> bool:
    """Whether two reports give one role a figure whose readings overlap (120 and "about 120")."""
    return any(ra == rb and la <= hb and lb <= ha for ra, la, ha in a for rb, lb, hb in b)


def figures_conflict(
    a: tuple[tuple[str, int, int], ...], b: tuple[tuple[str, int, int], ...]
) -> bool:
    """Whether two reports give one role figures of which no readings overlap (5 and 200)."""
    roles = {r for r, _, _ in a} & {r for r, _, _ in b}
    return any(
        not any(
            la <= hb and lb <= ha
            for ra, la, ha in a
            if ra == role
            for rb, lb, hb in b
            if rb == role
        )
        for role in roles
    )
