"""`pipeline.update_incidents`: ingest's incremental entry point into the stored incidents."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

from helpers.merge import GHWAYRAN, RAQQA, SDF, SHADDADI_PRISON, figure, mention
from watchfloor.merge import merge_mentions, mergeable, split_override
from watchfloor.model import AnnotatedDocument
from watchfloor.pipeline import apply_analyst_override, merge_options, update_incidents


def _store(store, make_document, text, **fields):
    doc = make_document(text, outlet="Wire", published=datetime(2022, 1, 21, tzinfo=UTC))
    event = mention(doc.id, **fields)
    store.write_document(doc, AnnotatedDocument(document=doc, events=(event,)), "test")
    return doc.id, event


def test_update_incidents_no_documents_no_work(memory_store):
    assert update_incidents(memory_store, []).mentions == 0


def test_update_incidents_new_document_joins_its_neighbourhood_only(memory_store, make_document):
    far, _ = _store(memory_store, make_document, "Strikes hit Raqqa.", event_type="airstrike",
                    where=RAQQA)  # fmt: skip
    first, _ = _store(memory_store, make_document, "Prisoners escaped.", where=SHADDADI_PRISON)
    update_incidents(memory_store, [far, first])
    assert len(memory_store.incidents()) == 2
    later, _ = _store(memory_store, make_document, "Inmates fled the prison.",
                      where=SHADDADI_PRISON)  # fmt: skip
    summary = update_incidents(memory_store, [later])
    assert summary.incidents == 1  # only the prison's incident was re-merged and written
    assert sorted(len(i.claims) for i in memory_store.incidents()) == [1, 2]


def test_update_incidents_analyst_split_keeps_winning(memory_store, make_document):
    a, first = _store(memory_store, make_document, "Prisoners escaped.", where=SHADDADI_PRISON)
    b, _ = _store(memory_store, make_document, "Inmates fled.", where=SHADDADI_PRISON)
    update_incidents(memory_store, [a, b])
    (incident,) = memory_store.incidents()
    assert len(incident.claims) == 2
    override = split_override([first.id], "ana", datetime.now(UTC), "two breaks")
    apply_analyst_override(memory_store, override)
    c, _ = _store(memory_store, make_document, "More fled the prison.", where=SHADDADI_PRISON)
    update_incidents(memory_store, [c])
    alone = [i for i in memory_store.incidents() if first.id in i.mention_ids]
    assert len(alone) == 1 and alone[0].mention_ids == (first.id,)


def test_update_incidents_failed_happening_makes_no_incident(memory_store, make_document):
    doc = make_document("ISIS failed in its effort to break out.", outlet="Wire",
                        published=datetime(2022, 1, 21, tzinfo=UTC))  # fmt: skip
    event = dataclasses.replace(mention(doc.id, day=date(2022, 1, 20)), modality="failed")
    memory_store.write_document(doc, AnnotatedDocument(document=doc, events=(event,)), "test")
    update_incidents(memory_store, [doc.id])
    assert memory_store.incidents() == []


def _report(store, make_document, text, day, *events):
    """A stored report published on `day` whose events are built from its document id."""
    doc = make_document(text, outlet="Wire", published=datetime(day.year, day.month, day.day,
                                                                8, tzinfo=UTC))  # fmt: skip
    made = tuple(e(doc.id) for e in events)
    store.write_document(doc, AnnotatedDocument(document=doc, events=made), "test")
    return doc.id, made


def _toll(doc_id):
    """'121 of its fighters had been killed', told again later on: no place, no date."""
    killed = figure("121", 121, 121, "killed", (SDF,), doc=doc_id)
    told = mention(doc_id, event_type="armed_attack", where=None, day=None, actor1=None,
                   figures=(killed,), start=900)  # fmt: skip
    later = dataclasses.replace(told.evidence, sentence=6)  # paragraphs after the attack
    return dataclasses.replace(told, evidence=later, background=True)


def test_update_incidents_told_again_rides_along_as_in_one_batch(memory_store, make_document):
    # The siege's report tells the death toll paragraphs after the attack; a second report of
    # the attack comes the next day. Filed one document at a time, in either order, the toll
    # stays with the attack, as when both are merged at once.
    night = date(2022, 1, 20)

    def attack(doc_id):
        return mention(doc_id, event_type="attack_on_detention_facility", where=GHWAYRAN)

    first, told = _report(memory_store, make_document, "Siege toll.", night, attack, _toll)
    second, more = _report(memory_store, make_document, "Prison attack.", night, attack)
    for order in ([first], [second]), ([second], [first]):
        for ids in order:
            update_incidents(memory_store, ids)
        (incident,) = memory_store.incidents()
        assert set(incident.mention_ids) == {m.id for m in (*told, *more)}
        assert [f.high for f in incident.figures if f.role == "killed"] == [121]
        batch = merge_mentions(
            mergeable([*told, *more]),
            documents=memory_store.document_infos([first, second]),
            options=merge_options(),
        )
        assert [i.mention_ids for i in batch.incidents] == [incident.mention_ids]
        for stored in memory_store.incidents():  # start the other order afresh
            memory_store.save_incidents((), {}, (stored.id,))
