"""An incident's parts assembled from claims the simple way: what merge does, without its rules.

The desk's test helper (tests/helpers/desk.py), the hand-made incidents (bench/incident_factory.py)
and the benchmark's synthetic store (bench/synthetic_store.py) hand-build incidents from claims.
Benchmarks import it from their own folder, tests through pytest's `pythonpath`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from watchfloor.model import PlaceMention
from watchfloor.model.incidents import (
    Claim,
    Corroboration,
    Discrepancy,
    DiscrepancyKind,
    FigureRange,
    Origin,
    PlaceCount,
    SourceRange,
    TimelineEntry,
    TimelineKind,
)


def place_count(place: PlaceMention, count: int) -> PlaceCount:
    """The place named `count` times across an incident's claims."""
    return PlaceCount(
        place.name, place.place_id, place.precision, place.admin1, place.country_code, count
    )


def figure_ranges(claims: Sequence[Claim]) -> tuple[FigureRange, ...]:
    """Per role, in the order roles first appear: each source's range and the envelope of all."""
    by_role: dict[str, list[SourceRange]] = {}
    for c in claims:
        for f in c.figures:
            q = f.quantity
            by_role.setdefault(f.role or "count", []).append(
                SourceRange(
                    c.mention_id,
                    c.document_id,
                    c.outlet,
                    c.origin,
                    f.chain,
                    q.text,
                    q.low,
                    q.high,
                    q.qualifier,
                    q.evidence,
                )
            )
    return tuple(
        FigureRange(
            role,
            tuple(rs),
            min(r.low for r in rs),
            # An open bound anywhere leaves the envelope open.
            None if any(r.high is None for r in rs) else max(r.high or 0 for r in rs),
        )
        for role, rs in by_role.items()
    )


def grouped_origins(
    claims: Sequence[Claim], is_independent: Callable[[list[Claim]], bool]
) -> tuple[Origin, ...]:
    """One origin per chain root, with its outlets sorted; `is_independent` judges its claims."""
    grouped: dict[str, list[Claim]] = {}
    for c in claims:
        grouped.setdefault(c.origin, []).append(c)
    return tuple(
        Origin(
            key,
            cs[0].chain[-1].name,
            cs[0].chain[-1].kind,
            tuple(sorted({c.outlet for c in cs})),
            tuple(c.mention_id for c in cs),
            is_independent(cs),
        )
        for key, cs in grouped.items()
    )


def figure_discrepancies(figures: Sequence[FigureRange]) -> tuple[Discrepancy, ...]:
    """A discrepancy per role whose sources give more than one range."""
    return tuple(
        Discrepancy(
            DiscrepancyKind.FIGURES,
            fr.role,
            tuple(s.text for s in fr.sources),
            tuple(s.mention_id for s in fr.sources),
        )
        for fr in figures
        if len({(s.low, s.high) for s in fr.sources}) > 1
    )


def corroboration_of(
    claims: Sequence[Claim], origins: Sequence[Origin], discrepancies: Sequence[Discrepancy]
) -> Corroboration:
    """Contested or corroborated by independent origins; else single origin or single source."""
    independent = sum(o.is_independent for o in origins)
    if discrepancies and independent > 1:
        return Corroboration.CONTESTED
    if independent > 1:
        return Corroboration.CORROBORATED
    if len({c.outlet for c in claims}) > 1:
        return Corroboration.SINGLE_ORIGIN
    return Corroboration.SINGLE_SOURCE


def publication_timeline(claims: Sequence[Claim]) -> tuple[TimelineEntry, ...]:
    """The claims by publication time: the first report, then confirmations."""
    ordered = sorted(claims, key=lambda c: c.published or datetime.min.replace(tzinfo=UTC))
    return tuple(
        TimelineEntry(
            c.published,
            c.document_id,
            c.outlet,
            TimelineKind.FIRST_REPORT if i == 0 else TimelineKind.CONFIRMATION,
            c.trigger,
            (c.mention_id,),
        )
        for i, c in enumerate(ordered)
    )


@dataclass(frozen=True, slots=True)
class Assembled:
    """The parts of an incident that follow from its claims alone."""

    figures: tuple[FigureRange, ...]
    origins: tuple[Origin, ...]
    discrepancies: tuple[Discrepancy, ...]
    corroboration: Corroboration
    timeline: tuple[TimelineEntry, ...]


def assemble_claims(
    claims: Sequence[Claim], is_independent: Callable[[list[Claim]], bool]
) -> Assembled:
    """Figures, origins, figure discrepancies, corroboration and timeline of the claims."""
    figures = figure_ranges(claims)
    origins = grouped_origins(claims, is_independent)
    discrepancies = figure_discrepancies(figures)
    return Assembled(
        figures,
        origins,
        discrepancies,
        corroboration_of(claims, origins, discrepancies),
        publication_timeline(claims),
    )
