"""Hand-built event mentions for merge tests: places, outlets and figures, no spaCy needed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from watchfloor.model.events import EventMention, Figure, event_mention_id
from watchfloor.model.incidents import DocumentInfo
from watchfloor.model.mentions import (
    ActorMention,
    DateMention,
    DatePrecision,
    Evidence,
    PlaceMention,
    Precision,
    Qualifier,
    Quantity,
)
from watchfloor.model.provenance import Source, SourceKind, StatementKind

X = "test.fixture.v1"


def place(name, lat, lon, admin1="Al-Hasakah", precision=Precision.TOWN, country="SY", pid=None):
    """A geocoded place; the id defaults to a slug of the name."""
    return PlaceMention(
        text=name,
        name=name,
        place_id=pid or name.casefold().replace(" ", "-"),
        lat=lat,
        lon=lon,
        country_code=country,
        admin1=admin1,
        precision=precision,
        score=0.9,
        feature=None,
        evidence=Evidence("doc-x", 0, 0, len(name), X),
    )


SHADDADI = place("al-Shaddadi", 36.06, 40.73)
SHADDADI_PRISON = place("al-Shaddadi prison", 36.055, 40.735, precision=Precision.FACILITY)
GHWAYRAN = place("Ghwayran prison", 36.48, 40.75, precision=Precision.FACILITY)
HASAKAH_GOV = place("Al-Hasakah Governorate", 36.5, 40.75, precision=Precision.GOVERNORATE)
RAQQA = place("Raqqa", 35.95, 39.01, admin1="Ar-Raqqa")

SDF = Source("SDF", SourceKind.ACTOR, "sdf")
ISIS = ActorMention("ISIS", "isis", "Islamic State", "armed_group", None, Evidence("d", 0, 0, 4, X))
SDF_ACTOR = ActorMention("SDF", "sdf", "SDF", "armed_group", "SY", Evidence("d", 0, 0, 3, X))


def outlet(name):
    """The publishing outlet as the head of a chain."""
    return Source(name, SourceKind.OUTLET)


def published(day, hour=8):
    """A timezone-aware publication time on a day."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def figure(text, low, high, role, chain, qualifier=Qualifier.EXACT, doc="doc-x"):
    """A figure with its own chain."""
    q = Quantity(text, low, high, qualifier, "prisoners", role, Evidence(doc, 1, 0, len(text), X))
    return Figure(q, role, chain, StatementKind.ATTRIBUTED_CLAIM)


def mention(
    doc,
    *,
    event_type="prison_escape",
    where=SHADDADI,
    day=date(2022, 1, 20),
    span=0,
    actor1=ISIS,
    figures=(),
    chain=None,
    kind=StatementKind.REPORTED_FACT,
    start=0,
):
    """An event mention in document `doc`; the chain defaults to the outlet's own reporting."""
    chain = chain or (outlet(doc),)
    evidence = Evidence(doc, 0, start, start + 7, X)
    when = None
    if day is not None:
        when = DateMention(str(day), day, day + timedelta(days=span), DatePrecision.DAY, evidence)
    return EventMention(
        id=event_mention_id(doc, start, start + 7, event_type),
        event_type=event_type,
        trigger="escaped",
        actor1=actor1,
        actor2=None,
        target=None,
        place=where,
        date=when,
        figures=tuple(figures),
        chain=chain,
        kind=kind,
        salience=1.0,
        evidence=evidence,
    )


def documents(*pairs):
    """document id → DocumentInfo from (doc, outlet, published) triples."""
    return {doc: DocumentInfo(name, when) for doc, name, when in pairs}
