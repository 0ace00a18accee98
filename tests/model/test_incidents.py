"""The incident model: stable ids, plain round trips, overrides built from their content."""

from __future__ import annotations

from datetime import UTC, date, datetime

from watchfloor.model.events import EventMention, event_mention_id
from watchfloor.model.incidents import (
    Claim,
    Corroboration,
    Incident,
    Override,
    OverrideKind,
    incident_id,
    override_id,
)
from watchfloor.model.mentions import DateMention, DatePrecision, Evidence, Precision
from watchfloor.model.provenance import Source, SourceKind, StatementKind
from watchfloor.model.serialize import from_plain, to_plain

EV = Evidence("doc-a", 0, 0, 7, "test.v1")
WHEN = datetime(2022, 1, 21, 8, tzinfo=UTC)


def make_mention() -> EventMention:
    return EventMention(
        id=event_mention_id("doc-a", 0, 7, "prison_escape"),
        event_type="prison_escape",
        trigger="escaped",
        actor1=None,
        actor2=None,
        target=None,
        place=None,
        date=DateMention("Thursday", date(2022, 1, 20), date(2022, 1, 20), DatePrecision.DAY, EV),
        figures=(),
        chain=(Source("Rudaw", SourceKind.OUTLET), Source("SDF", SourceKind.ACTOR, "sdf")),
        kind=StatementKind.ATTRIBUTED_CLAIM,
        salience=1.0,
        evidence=EV,
    )


def make_claim() -> Claim:
    m = make_mention()
    return Claim(
        mention_id=m.id,
        document_id=m.evidence.document_id,
        outlet="Rudaw",
        published=WHEN,
        origin="sdf",
        event_type=m.event_type,
        trigger=m.trigger,
        chain=m.chain,
        kind=m.kind,
        evidence=m.evidence,
        figures=m.figures,
        actor1=None,
        actor2=None,
        target=None,
        place=None,
        date=m.date,
        salience=m.salience,
    )


def test_incidents_id_is_content_derived():
    assert incident_id("evm-1") == incident_id("evm-1")
    assert incident_id("evm-1") != incident_id("evm-2")
    assert incident_id("evm-1").startswith("inc-")


def test_incidents_claim_rebuilds_its_mention():
    assert make_claim().as_mention() == make_mention()


def test_incidents_incident_round_trips_plain():
    claim = make_claim()
    incident = Incident(
        id=incident_id(claim.mention_id),
        event_type="prison_escape",
        family="detention",
        place=None,
        places=(),
        start=date(2022, 1, 20),
        end=date(2022, 1, 20),
        actors=(),
        claims=(claim,),
        figures=(),
        origins=(),
        corroboration=Corroboration.SINGLE_SOURCE,
        discrepancies=(),
        timeline=(),
        related=(),
        mention_ids=(claim.mention_id,),
    )
    assert from_plain(Incident, to_plain(incident)) == incident


def test_incidents_override_id_changes_with_content():
    a = Override.build(OverrideKind.MERGE, ("evm-1", "evm-2"), "ana", WHEN)
    b = Override.build(OverrideKind.MERGE, ("evm-1", "evm-3"), "ana", WHEN)
    assert a.id != b.id
    assert a.id == override_id("merge", ("evm-1", "evm-2"), None, None, "ana", WHEN)


def test_precision_ranks_finest_first_with_every_level_once() -> None:
    order = sorted(Precision, key=lambda p: p.rank)
    assert order == [
        Precision.FACILITY,
        Precision.TOWN,
        Precision.DISTRICT,
        Precision.GOVERNORATE,
        Precision.REGION,
        Precision.COUNTRY,
    ]
    assert len({p.rank for p in Precision}) == len(Precision)
