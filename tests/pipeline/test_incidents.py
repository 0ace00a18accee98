"""Stored event mentions merge into stored incidents; overrides survive re-merging."""

from __future__ import annotations

from datetime import UTC, date, datetime

from watchfloor.merge import pin_override
from watchfloor.model import (
    ActorMention,
    AnnotatedDocument,
    DateMention,
    DatePrecision,
    EventMention,
    Evidence,
    Figure,
    PlaceMention,
    Precision,
    Qualifier,
    Quantity,
    Source,
    SourceKind,
    StatementKind,
    event_mention_id,
)
from watchfloor.pipeline import apply_analyst_override, merge_options, merge_stored, type_rules
from watchfloor.resolve.ontology import Ontology


def _escape(document_id: str, outlet: str, figure: int, cited: str | None) -> EventMention:
    evidence = Evidence(document_id, 0, 0, 10, "test")
    chain: tuple[Source, ...] = (Source(outlet, SourceKind.OUTLET),)
    if cited:
        chain = (*chain, Source(cited, SourceKind.ACTOR, cited.lower()))
    place = PlaceMention(
        text="Ghwayran prison",
        name="Ghwayran prison",
        place_id="fac-ghwayran",
        lat=36.49,
        lon=40.75,
        country_code="SY",
        admin1="Al-Hasakah",
        precision=Precision.FACILITY,
        score=0.9,
        feature="prison",
        evidence=evidence,
    )
    quantity = Quantity(
        str(figure), figure, figure, Qualifier.EXACT, "prisoners", "escaped", evidence
    )
    return EventMention(
        id=event_mention_id(document_id, 0, 10, "prison_escape"),
        event_type="prison_escape",
        trigger="escaped",
        actor1=ActorMention("ISIS", "isis", "ISIS", "armed_group", None, evidence),
        actor2=None,
        target=None,
        place=place,
        date=DateMention(
            "Thursday", date(2022, 1, 20), date(2022, 1, 20), DatePrecision.DAY, evidence
        ),
        figures=(Figure(quantity, "escaped", chain, StatementKind.ATTRIBUTED_CLAIM),),
        chain=chain,
        kind=StatementKind.ATTRIBUTED_CLAIM,
        salience=1.0,
        evidence=evidence,
    )


def _store_escape(store, make_document, outlet: str, figure: int, cited: str | None) -> str:
    doc = make_document(
        f"{outlet} reports that {figure} prisoners escaped.",
        outlet=outlet,
        published=datetime(2022, 1, 21, tzinfo=UTC),
    )
    mention = _escape(doc.id, outlet, figure, cited)
    store.write_document(doc, AnnotatedDocument(document=doc, events=(mention,)), "test")
    return doc.id


def test_type_rules_from_ontology_link_escape_and_recapture():
    rules = type_rules(Ontology.load())
    assert rules.family("prison_escape") == rules.family("attack_on_detention_facility")
    assert frozenset({"prison_escape", "attack_on_detention_facility"}) in rules.same_incident
    assert rules.is_follow_up("recapture", "prison_escape")
    assert not rules.is_follow_up("prison_escape", "recapture")


def test_merge_stored_one_incident_from_outlets_citing_one_origin(memory_store, make_document):
    ids = [
        _store_escape(memory_store, make_document, outlet, figure, "SDF")
        for outlet, figure in (("Rudaw", 100), ("Kurdistan24", 120), ("North Press", 200))
    ]
    summary = merge_stored(memory_store, ids, merge_options())
    assert summary.mentions == 3
    (incident,) = memory_store.incidents()
    assert len(incident.claims) == 3
    assert incident.independent_origins == 1  # three outlets, one origin: the SDF
    assert memory_store.get_incident(incident.id) == incident


def test_merge_stored_is_idempotent(memory_store, make_document):
    ids = [_store_escape(memory_store, make_document, "Rudaw", 100, "SDF")]
    merge_stored(memory_store, ids)
    first = memory_store.incidents()
    merge_stored(memory_store, ids)
    assert memory_store.incidents() == first


def test_merge_stored_new_document_joins_existing_incident(memory_store, make_document):
    merge_stored(memory_store, [_store_escape(memory_store, make_document, "Rudaw", 100, "SDF")])
    (before,) = memory_store.incidents()
    later = _store_escape(memory_store, make_document, "Reuters", 150, None)
    merge_stored(memory_store, [later])
    (after,) = memory_store.incidents()
    assert after.id == before.id  # incident ids are stable
    assert len(after.claims) == 2
    assert after.independent_origins == 2


def test_analyst_override_survives_remerge(memory_store, make_document):
    first = _store_escape(memory_store, make_document, "Rudaw", 100, "SDF")
    merge_stored(memory_store, [first])
    (incident,) = memory_store.incidents()
    mention = incident.claims[0].mention_id
    override = pin_override(
        incident, "event_type", "attack_on_detention_facility", "ana", datetime.now(UTC)
    )
    apply_analyst_override(memory_store, override)
    assert memory_store.incidents()[0].event_type == "attack_on_detention_facility"
    merge_stored(memory_store, [first])  # re-processing replays the override
    assert memory_store.incidents()[0].event_type == "attack_on_detention_facility"
    assert memory_store.incident_of_mention(mention) == memory_store.incidents()[0].id
    assert any(e["action"] == "override.pin" for e in memory_store.audit_entries())


def test_store_incident_filters_page_after_filtering(memory_store, make_document):
    ids = [
        _store_escape(memory_store, make_document, outlet, figure, "SDF")
        for outlet, figure in (("Rudaw", 100), ("Kurdistan24", 120))
    ]
    merge_stored(memory_store, ids)
    (incident,) = memory_store.incidents()
    assert memory_store.incidents(actor="isis") == [incident]
    assert memory_store.incidents(actor="ISIS", offset=1) == []
    assert memory_store.incidents(actor="sdf") == []  # the SDF is a source here, not a party
    assert memory_store.incidents(near=(36.5, 40.75, 10)) == [incident]
    assert memory_store.incidents(near=(33.3, 44.4, 50)) == []  # Baghdad is far away
    assert memory_store.incidents(event_type="prison_escape", limit=1) == [incident]


def test_merge_stored_keeps_non_happenings_out_of_incidents(memory_store, make_document):
    from dataclasses import replace

    from watchfloor.model import Modality

    real = _store_escape(memory_store, make_document, "Rudaw", 100, "SDF")
    failed_doc = make_document(
        "Prisoners failed to escape.",
        outlet="Kurdistan24",
        published=datetime(2022, 1, 21, tzinfo=UTC),
    )
    failed = replace(_escape(failed_doc.id, "Kurdistan24", 10, None), modality=Modality.FAILED)
    background_doc = make_document(
        "Years ago prisoners escaped.",
        outlet="Reuters",
        published=datetime(2022, 1, 21, tzinfo=UTC),
    )
    background = replace(_escape(background_doc.id, "Reuters", 5, None), background=True)
    for doc, mention in ((failed_doc, failed), (background_doc, background)):
        memory_store.write_document(doc, AnnotatedDocument(document=doc, events=(mention,)), "t")
    # Stored with their reading (the desk shows them) ...
    stored = memory_store.event_mentions([failed_doc.id, background_doc.id])
    assert {m.modality for m in stored} == {Modality.FAILED, Modality.ASSERTED}
    assert any(m.background for m in stored)
    # ... but only the happening becomes an incident.
    summary = merge_stored(memory_store, [real, failed_doc.id, background_doc.id])
    assert summary.mentions == 1
    (incident,) = memory_store.incidents()
    assert [c.outlet for c in incident.claims] == ["Rudaw"]
