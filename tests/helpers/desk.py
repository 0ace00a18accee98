"""Hand-built documents, readings and incidents for the desk's tests (no NLP model loaded)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from incident_assembly import assemble_claims, place_count
from watchfloor.model import (
    ActorMention,
    AnnotatedDocument,
    DateMention,
    DatePrecision,
    Document,
    Evidence,
    Figure,
    Genre,
    Marker,
    MarkerKind,
    PlaceMention,
    Precision,
    Qualifier,
    Quantity,
    Sentence,
    Source,
    SourceKind,
    Statement,
    StatementKind,
    origin_key,
)
from watchfloor.model.incidents import (
    Claim,
    Incident,
    IncidentActor,
    incident_id,
)
from watchfloor.store import Store

X = "test.factory.v1"


@dataclass
class Reading:
    """A document and its hand-made reading, plus where things are in it."""

    annotated: AnnotatedDocument
    spans: dict[str, Evidence] = field(default_factory=dict)

    @property
    def document(self) -> Document:
        return self.annotated.document


def _sentences(doc_id: str, text: str) -> tuple[Sentence, ...]:
    out: list[Any] = []
    for i, m in enumerate(re.finditer(r"[^.!?\n]+[.!?]?", text)):
        if m.group(0).strip():
            out.append(Sentence(len(out), m.start(), m.end(), m.group(0)))
        del i
    return tuple(out)


def _evidence(doc_id: str, sentences: tuple[Sentence, ...], text: str, needle: str) -> Evidence:
    start = text.index(needle)
    idx = next(s.index for s in sentences if s.start <= start < s.end)
    return Evidence(doc_id, idx, start, start + len(needle), X)


def make_reading(
    text: str,
    *,
    outlet: str = "Rudaw",
    published: datetime | None = None,
    title: str | None = "A report",
    genre: Genre = Genre.NEWS,
    actors: dict[str, str] | None = None,
    places: dict[str, tuple[float, float]] | None = None,
    figures: dict[str, tuple[int, int | None, str]] | None = None,
    dates: dict[str, date] | None = None,
    scare: tuple[str, ...] = (),
    kinds: dict[int, StatementKind] | None = None,
    url: str | None = None,
) -> Reading:
    """A document with mentions found by substring: actors {text: id}, places {text: (lat, lon)}."""
    published = published or datetime(2026, 1, 25, 9, tzinfo=UTC)
    doc = Document.build(
        text,
        raw=text.encode("utf-8", "replace"),
        media_type="text/plain",
        source=f"{outlet}.txt",
        retrieved=published,
        language="en",
        genre=genre,
        outlet=outlet,
        title=title,
        published=published,
        url=url,
    )
    sents = _sentences(doc.id, doc.text)
    spans: dict[str, Evidence] = {}

    def ev(needle: str) -> Evidence:
        spans[needle] = _evidence(doc.id, sents, doc.text, needle)
        return spans[needle]

    actor_m = tuple(
        ActorMention(t, aid, aid.upper(), "armed_group", None, ev(t))
        for t, aid in (actors or {}).items()
    )
    place_m = tuple(
        PlaceMention(
            text=t,
            name=t,
            place_id=f"pl-{t}",
            lat=la,
            lon=lo,
            country_code="SY",
            admin1="Al-Hasakah",
            precision=Precision.TOWN,
            score=0.9,
            feature="camp",
            evidence=ev(t),
        )
        for t, (la, lo) in (places or {}).items()
    )
    qty = tuple(
        Quantity(
            t, lo, hi, Qualifier.EXACT if lo == hi else Qualifier.RANGE, "prisoners", role, ev(t)
        )
        for t, (lo, hi, role) in (figures or {}).items()
    )
    date_m = tuple(DateMention(t, d, d, DatePrecision.DAY, ev(t)) for t, d in (dates or {}).items())
    markers = tuple(Marker(MarkerKind.SCARE_QUOTE, t, ev(t)) for t in scare)
    chain = (Source(outlet, SourceKind.OUTLET),)
    statements = tuple(
        Statement(
            s.index,
            (kinds or {}).get(s.index, StatementKind.REPORTED_FACT),
            chain,
            (),
            Evidence(doc.id, s.index, s.start, s.end, X),
        )
        for s in sents
    )
    annotated = AnnotatedDocument(
        document=doc,
        sentences=sents,
        actors=actor_m,
        places=place_m,
        dates=date_m,
        quantities=qty,
        statements=statements,
        markers=markers,
        genre=genre,
        extractors=(X,),
    )
    return Reading(annotated, spans)


def make_claim(
    reading: Reading,
    trigger: str,
    *,
    event_type: str = "prison_escape",
    figure: str | None = None,
    place: str | None = None,
    actor: str | None = None,
    origin: Source | None = None,
    kind: StatementKind = StatementKind.REPORTED_FACT,
    on: date | None = None,
) -> Claim:
    """A claim read from one sentence of a reading, optionally citing an origin."""
    doc = reading.document
    outlet = Source(doc.outlet or "?", SourceKind.OUTLET)
    chain = (outlet, origin) if origin else (outlet,)
    evidence = reading.spans.get(trigger) or _evidence(
        doc.id, reading.annotated.sentences, doc.text, trigger
    )
    figs: tuple[Figure, ...] = ()
    if figure:
        q = next(q for q in reading.annotated.quantities if q.text == figure)
        figs = (Figure(q, q.role, chain, kind),)
    place_m = next((p for p in reading.annotated.places if p.text == place), None)
    actor_m = next((a for a in reading.annotated.actors if a.text == actor), None)
    date_m = DateMention("on", on, on, DatePrecision.DAY, evidence) if on else None
    return Claim(
        mention_id=f"evm-{doc.id[4:14]}-{evidence.start}",
        document_id=doc.id,
        outlet=doc.outlet or "?",
        published=doc.published,
        origin=origin_key(chain),
        event_type=event_type,
        trigger=trigger,
        chain=chain,
        kind=kind,
        evidence=evidence,
        figures=figs,
        actor1=actor_m,
        actor2=None,
        target=None,
        place=place_m,
        date=date_m,
        salience=1.0,
    )


def _is_independent(claims: list[Claim]) -> bool:
    """An origin counts when all its claims are reported as fact or attributed to it."""
    return all(
        c.kind in (StatementKind.REPORTED_FACT, StatementKind.ATTRIBUTED_CLAIM) for c in claims
    )


def make_incident(claims: list[Claim], *, event_type: str | None = None) -> Incident:
    """An incident assembled from claims the simple way (what merge does, without its rules)."""
    first = claims[0]
    event_type = event_type or first.event_type
    place = next((c.place for c in claims if c.place), None)
    dates = [c.date for c in claims if c.date]
    parts = assemble_claims(claims, _is_independent)
    actors = tuple(
        IncidentActor(c.actor1.actor_id, c.actor1.name, "actor1", 1) for c in claims if c.actor1
    )
    places = (place_count(place, len(claims)),) if place else ()
    return Incident(
        id=incident_id(first.mention_id),
        event_type=event_type,
        family="conflict",
        place=place,
        places=places,
        start=min((d.start for d in dates), default=None),
        end=max((d.end for d in dates), default=None),
        actors=actors,
        claims=tuple(claims),
        figures=parts.figures,
        origins=parts.origins,
        corroboration=parts.corroboration,
        discrepancies=parts.discrepancies,
        timeline=parts.timeline,
        related=(),
        mention_ids=tuple(c.mention_id for c in claims),
    )


def escape_story() -> tuple[list[Reading], list[Incident]]:
    """Two outlets on a prison escape (contested figures), one on an attack elsewhere."""
    sdf = Source("SDF", SourceKind.ACTOR, "sdf")
    a = make_reading(
        "Hundreds of prisoners escaped from al-Hol camp on Monday. "
        "ISIS claimed the so-called 'liberation' of the camp. The West must act now.",
        outlet="Strategic Council Online",
        genre=Genre.OPINION,
        actors={"ISIS": "isis"},
        places={"al-Hol": (36.37, 41.15)},
        figures={"Hundreds": (100, 999, "escaped")},
        scare=("'liberation'",),
        kinds={2: StatementKind.CALL_TO_ACTION},
        published=datetime(2026, 1, 21, 8, tzinfo=UTC),
        title="ISIS revival",
    )
    b = make_reading(
        "Approximately 1,500 prisoners escaped from al-Hol, the SDF said. "
        "ISIS fighters attacked the gate.",
        outlet="Rudaw",
        actors={"ISIS": "isis"},
        places={"al-Hol": (36.37, 41.15)},
        figures={"1,500": (1500, 1500, "escaped")},
        kinds={0: StatementKind.ATTRIBUTED_CLAIM},
        published=datetime(2026, 1, 22, 10, tzinfo=UTC),
        title="Mass escape",
    )
    c = make_reading(
        "Gunmen attacked a checkpoint near Tal Tamr, killing 3 soldiers.",
        outlet="Enab Baladi",
        places={"Tal Tamr": (36.65, 40.37)},
        figures={"3": (3, 3, "killed")},
        published=datetime(2026, 1, 23, 10, tzinfo=UTC),
        title="Checkpoint attack",
    )
    escape = make_incident(
        [
            make_claim(
                a, "escaped", figure="Hundreds", place="al-Hol", actor="ISIS", on=date(2026, 1, 19)
            ),
            make_claim(
                b,
                "escaped",
                figure="1,500",
                place="al-Hol",
                origin=sdf,
                kind=StatementKind.ATTRIBUTED_CLAIM,
                on=date(2026, 1, 19),
            ),
        ]
    )
    attack = make_incident(
        [
            make_claim(
                c,
                "attacked",
                event_type="armed_clash",
                figure="3",
                place="Tal Tamr",
                on=date(2026, 1, 22),
            )
        ]
    )
    return [a, b, c], [escape, attack]


def fill_store(store: Store, readings: list[Reading], incidents: list[Incident]) -> None:
    """Write readings and incidents the way the pipeline does."""
    for r in readings:
        store.write_document(r.document, r.annotated, X)
    store.save_incidents(incidents, blocks={}, retired=())


# An Arabic report with a Latin name and a number inside, for right-to-left display.
ARABIC_ESCAPE = (
    "أعلنت قوات سوريا الديمقراطية (SDF) أن 15 سجيناً فروا من سجن غويران بالحسكة يوم الأحد."
)


def arabic_story() -> tuple[Reading, Incident]:
    """One Arabic reading (actor, figure, place after a clitic) and its incident."""
    reading = make_reading(
        ARABIC_ESCAPE,
        outlet="عنب بلدي",
        title="فرار سجناء من سجن غويران",
        actors={"قوات سوريا الديمقراطية": "sdf"},
        places={"الحسكة": (36.5, 40.75)},
        figures={"15": (15, 15, "escaped")},
        published=datetime(2026, 1, 20, 9, tzinfo=UTC),
    )
    incident = make_incident(
        [make_claim(reading, "فروا", figure="15", place="الحسكة", actor="قوات سوريا الديمقراطية")]
    )
    return reading, incident
