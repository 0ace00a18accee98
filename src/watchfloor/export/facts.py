"""Facts every export reads off an incident: outlets, documents, origins, actors, fatalities.

Kept in one place so the CSV, GeoJSON and STIX exports agree on what an incident says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from watchfloor.model.incidents import Claim, FigureRange, Incident, SourceRange
from watchfloor.model.mentions import ActorMention
from watchfloor.model.provenance import SourceKind, StatementKind

__all__ = [
    "FATALITY_ROLES",
    "ActorFacts",
    "actor_facts",
    "conservative_figure",
    "document_ids",
    "figure_for",
    "independent_origin_names",
    "latest_published",
    "outlets",
]

# Roles that count deaths; the extractors use "killed", other producers may use the others.
FATALITY_ROLES = frozenset({"killed", "dead", "deaths", "fatalities"})
# Statement kinds that assert a fact: only their figures are "credible" for the conservative
# rule. Opinion, vague attribution, questions and calls to action never set a count.
_FACT_KINDS = frozenset({StatementKind.REPORTED_FACT, StatementKind.ATTRIBUTED_CLAIM})


def outlets(incident: Incident) -> list[str]:
    """The publishing outlets of an incident's claims, in first-report order, once each."""
    return list(dict.fromkeys(c.outlet for c in _by_time(incident.claims)))


def document_ids(incident: Incident) -> list[str]:
    """The documents behind an incident's claims, in first-report order, once each."""
    return list(dict.fromkeys(c.document_id for c in _by_time(incident.claims)))


def independent_origin_names(incident: Incident) -> list[str]:
    """Names of the origins that count as independent confirmation."""
    return [o.name for o in incident.origins if o.is_independent]


def latest_published(incident: Incident) -> datetime | None:
    """When the newest claim about the incident was published (UTC)."""
    times = [c.published.astimezone(UTC) for c in incident.claims if c.published]
    return max(times) if times else None


def _by_time(claims: Iterable[Claim]) -> list[Claim]:
    """Claims oldest first; undated ones last, in their stored order."""
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(claims, key=lambda c: c.published.astimezone(UTC) if c.published else far)


def figure_for(incident: Incident, roles: Iterable[str]) -> FigureRange | None:
    """The incident's combined range for the first of these roles that it has."""
    wanted = set(roles)
    for figure in incident.figures:
        if figure.role in wanted:
            return figure
    return None


def _is_credible(source: SourceRange, kinds: dict[str, StatementKind]) -> bool:
    """A figure asserted as fact by a non-vague source."""
    if any(link.kind is SourceKind.VAGUE for link in source.chain):
        return False
    return kinds.get(source.mention_id) in _FACT_KINDS


def conservative_figure(incident: Incident, roles: Iterable[str] = FATALITY_ROLES) -> int:
    """ACLED's conservative single figure: the lowest credible reading's low bound, else 0.

    A reading is what one source says in one claim: the sum of its distinct figures there
    ("a woman and three children" is 4). A credible reading is one asserted as fact by a named
    source (not opinion, not "sources said"); when no reading is credible, every reading counts.
    Vague figures ("dozens", "hundreds") contribute the low bound of their range, as ACLED
    codes the lowest number the wording allows. No figure for the roles gives 0, ACLED's
    code for "no reported deaths".
    """
    figure = figure_for(incident, roles)
    if figure is None or not figure.sources:
        return 0
    kinds = {c.mention_id: c.kind for c in incident.claims}
    credible = [s for s in figure.sources if _is_credible(s, kinds)] or list(figure.sources)
    return min(_readings(credible).values())


def _readings(sources: Iterable[SourceRange]) -> dict[tuple[str, tuple[str, ...]], int]:
    """Each source's reading of one claim: the sum of the distinct figures it gives there.

    "killing a woman and three children" is one reading of 4 (two figures, one voice); the SDF's
    "4 soldiers" and Turkish sources' "one soldier" in one report are two readings.
    """
    readings: dict[tuple[str, tuple[str, ...]], int] = {}
    seen: set[tuple[str, str, int, int]] = set()
    for source in sources:
        ev = source.evidence
        if (source.mention_id, source.text, ev.start, ev.end) in seen:
            continue
        seen.add((source.mention_id, source.text, ev.start, ev.end))
        key = (source.mention_id, tuple(link.name for link in source.chain))
        readings[key] = readings.get(key, 0) + source.low
    return readings


@dataclass(frozen=True, slots=True)
class ActorFacts:
    """What the claims tell about one actor of an incident: its catalogue type and country."""

    key: str
    name: str
    actor_type: str | None
    country: str | None


def _actor_key(actor_id: str | None, name: str) -> str:
    return actor_id or name.casefold()


def actor_facts(incident: Incident) -> dict[str, ActorFacts]:
    """Each actor of the incident (by catalogue id, else name) with its type and country.

    `IncidentActor` keeps only names and counts; the types live on the claims' mentions.
    """
    found: dict[str, ActorFacts] = {}
    for claim in incident.claims:
        mentions: tuple[ActorMention | None, ...] = (claim.actor1, claim.actor2, claim.target)
        for mention in mentions:
            if mention is None:
                continue
            key = _actor_key(mention.actor_id, mention.name)
            known = found.get(key)
            if known is None or (known.actor_type is None and mention.actor_type):
                found[key] = ActorFacts(key, mention.name, mention.actor_type, mention.country)
    for actor in incident.actors:
        key = _actor_key(actor.actor_id, actor.name)
        found.setdefault(key, ActorFacts(key, actor.name, None, None))
    return found
