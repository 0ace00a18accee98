"""Hand-made incidents (the seed escape and its variants) for tests and benchmarks.

Tests import it through pytest's `pythonpath`; bench/taxii_pages.py from its own folder.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from incident_assembly import figure_ranges, place_count
from watchfloor.model import (
    ActorMention,
    DateMention,
    DatePrecision,
    Evidence,
    Figure,
    PlaceMention,
    Precision,
    Qualifier,
    Quantity,
    Source,
    SourceKind,
    StatementKind,
    origin_key,
)
from watchfloor.model.incidents import (
    Claim,
    Corroboration,
    Incident,
    IncidentActor,
    Origin,
    TimelineEntry,
    TimelineKind,
    incident_id,
)

DAY = date(2026, 1, 20)


def evidence(doc: str, sentence: int = 0) -> Evidence:
    """Evidence in a made-up document."""
    return Evidence(doc, sentence, 10 * sentence, 10 * sentence + 9, "test.v1")


def place(
    name: str = "al-Shaddadi",
    lat: float | None = 36.06,
    lon: float | None = 40.73,
    country: str = "SY",
    admin1: str = "Al-Hasakah",
    precision: Precision = Precision.TOWN,
    doc: str = "doc-a",
) -> PlaceMention:
    """A geocoded place mention."""
    return PlaceMention(
        text=name,
        name=name,
        place_id=f"pl-{name}",
        lat=lat,
        lon=lon,
        country_code=country,
        admin1=admin1,
        precision=precision,
        score=0.9,
        feature=None,
        evidence=evidence(doc),
    )


def actor(
    actor_id: str | None,
    name: str,
    actor_type: str | None,
    country: str | None = None,
    doc: str = "doc-a",
) -> ActorMention:
    """An actor mention."""
    return ActorMention(name, actor_id, name, actor_type, country, evidence(doc))


def chain(*links: tuple[str, SourceKind] | tuple[str, SourceKind, str]) -> tuple[Source, ...]:
    """An attribution chain from (name, kind[, actor_id]) tuples."""
    return tuple(Source(*link) for link in links)


def claim(
    n: int,
    outlet: str,
    links: tuple[Source, ...],
    *,
    kind: StatementKind,
    figures: tuple[tuple[str, int, int | None, Qualifier, str], ...] = (),
    where: PlaceMention | None = None,
    when: date = DAY,
    published: datetime | None = None,
    event_type: str = "prison_escape",
) -> Claim:
    """A claim of an incident: (role, low, high, qualifier, text) figures in one document."""
    doc = f"doc-{n:04d}"
    ev = evidence(doc, n)
    figs = tuple(
        Figure(Quantity(text, low, high, q, "prisoners", role, ev), role, links, kind)
        for role, low, high, q, text in figures
    )
    return Claim(
        mention_id=f"evm-{n:04d}",
        document_id=doc,
        outlet=outlet,
        published=published or datetime(2026, 1, 21, 8 + n, tzinfo=UTC),
        origin=origin_key(links),
        event_type=event_type,
        trigger="escape",
        chain=links,
        kind=kind,
        evidence=ev,
        figures=figs,
        actor1=actor("isis", "ISIS", "armed_group", doc=doc),
        actor2=actor("sdf", "SDF", "armed_group", "SY", doc=doc),
        target=None,
        place=where or place(doc=doc),
        date=DateMention("on Tuesday", when, when, DatePrecision.DAY, ev),
        salience=1.0,
    )


def seed_claims() -> list[Claim]:
    """Three reports of one escape: Rudaw citing the SDF, Al Jazeera, and an opinion piece."""
    rudaw = chain(("Rudaw", SourceKind.OUTLET), ("SDF", SourceKind.ACTOR, "sdf"))
    jazeera = chain(("Al Jazeera", SourceKind.OUTLET))
    opinion = chain(("Strategic Council Online", SourceKind.OUTLET))
    return [
        claim(
            1,
            "Rudaw",
            rudaw,
            kind=StatementKind.ATTRIBUTED_CLAIM,
            figures=(
                ("escaped", 1500, 1500, Qualifier.APPROXIMATELY, "approximately 1,500"),
                ("killed", 12, 12, Qualifier.EXACT, "12"),
            ),
        ),
        claim(
            2,
            "Al Jazeera",
            jazeera,
            kind=StatementKind.REPORTED_FACT,
            figures=(
                ("escaped", 100, 999, Qualifier.VAGUE, "hundreds"),
                ("killed", 20, None, Qualifier.AT_LEAST, "at least 20"),
            ),
        ),
        claim(
            3,
            "Strategic Council Online",
            opinion,
            kind=StatementKind.OPINION,
            figures=(("killed", 2, 2, Qualifier.EXACT, "two"),),
        ),
    ]


def make_incident(
    claims: list[Claim] | None = None,
    *,
    seed: str = "evm-0001",
    event_type: str = "prison_escape",
    where: PlaceMention | None = None,
    start: date | None = DAY,
    end: date | None = DAY,
) -> Incident:
    """An incident over the given claims (default: `seed_claims`), assembled by hand."""
    claims = claims if claims is not None else seed_claims()
    origins: dict[str, Origin] = {}
    for c in claims:
        root = c.chain[-1]
        independent = c.kind in (StatementKind.REPORTED_FACT, StatementKind.ATTRIBUTED_CLAIM)
        known = origins.get(c.origin)
        origins[c.origin] = Origin(
            c.origin,
            root.name,
            root.kind,
            tuple(dict.fromkeys([*(known.outlets if known else ()), c.outlet])),
            (*(known.claims if known else ()), c.mention_id),
            independent or bool(known and known.is_independent),
        )
    n_independent = sum(o.is_independent for o in origins.values())
    here = where or (claims[0].place if claims else None)
    return Incident(
        id=incident_id(seed),
        event_type=event_type,
        family="detention",
        place=here,
        places=(place_count(here, len(claims)),) if here else (),
        start=start,
        end=end,
        actors=(
            IncidentActor("isis", "ISIS", "actor1", len(claims)),
            IncidentActor("sdf", "SDF", "actor2", len(claims)),
        ),
        claims=tuple(claims),
        figures=figure_ranges(claims),
        origins=tuple(origins.values()),
        corroboration=Corroboration.CORROBORATED
        if n_independent >= 2
        else Corroboration.SINGLE_SOURCE,
        discrepancies=(),
        timeline=tuple(
            TimelineEntry(
                c.published,
                c.document_id,
                c.outlet,
                TimelineKind.FIRST_REPORT if i == 0 else TimelineKind.CONFIRMATION,
                "report",
                (c.mention_id,),
            )
            for i, c in enumerate(claims)
        ),
        related=(),
        mention_ids=tuple(c.mention_id for c in claims),
    )
