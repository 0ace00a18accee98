"""`pipeline.update_incidents`: ingest's incremental entry point into the stored incidents."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

from helpers.merge import RAQQA, SHADDADI_PRISON, mention
from watchfloor.merge import split_override
from watchfloor.model import AnnotatedDocument
from watchfloor.pipeline import apply_analyst_override, update_incidents


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
