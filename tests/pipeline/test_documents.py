"""Per-document isolation: refusals are stored, bugs are recorded, nothing stored is lost."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from watchfloor.extract import ExtractOptions
from watchfloor.model import AnnotatedDocument, Document, Rejection, Sentence
from watchfloor.pipeline import ExitCode, RunReport, extract_stored, store_documents
from watchfloor.pipeline.documents import Outcome


class FakeExtractor:
    """Reads a document into one sentence; raises on documents whose text says so."""

    def __init__(self, version: str = "fake.v1") -> None:
        self.options = ExtractOptions(batch_size=3)
        self.version = version
        self.calls = 0

    def _read(self, document: Document) -> AnnotatedDocument:
        self.calls += 1
        if "BOOM" in document.text:
            raise RuntimeError("extractor bug")
        sentence = Sentence(0, 0, len(document.text), document.text)
        return AnnotatedDocument(document=document, sentences=(sentence,), extractors=("fake",))

    def extract(self, documents):
        for document in list(documents):
            yield self._read(document)

    def extract_one(self, document: Document) -> AnnotatedDocument:
        return self._read(document)


def _rejection(source: str) -> Rejection:
    return Rejection(
        code="WF-I002",
        message="binary data",
        stage="ingest",
        source=source,
        content_hash="h-" + source,
        created=datetime.now(UTC),
    )


def test_pipeline_rejection_stored_and_run_goes_on(memory_store, make_document):
    good = make_document("A good report.")
    report = store_documents([_rejection("junk.bin"), good], memory_store, FakeExtractor())
    assert report.counts == {"rejected": 1, "stored": 1}
    assert report.exit_code is ExitCode.SOME_REJECTED
    assert memory_store.get_annotated(good.id) is not None
    assert memory_store.rejections()[0][0].code == "WF-I002"


def test_pipeline_bug_in_one_document_is_recorded(memory_store, make_document):
    docs = [make_document(f"Report number {i}.") for i in range(4)]
    bad = make_document("This one goes BOOM.")
    report = store_documents([*docs[:2], bad, *docs[2:]], memory_store, FakeExtractor())
    assert report.counts == {"stored": 4, "failed": 1}
    assert report.exit_code is ExitCode.INTERNAL_ERROR
    ((rejection, _),) = memory_store.rejections()
    assert rejection.code == "WF-X001"
    assert "RuntimeError" in rejection.detail
    assert all(memory_store.get_annotated(d.id) for d in docs)
    assert memory_store.get_document(bad.id) == bad  # kept unread, to re-read once fixed


def test_pipeline_fail_fast_reraises(memory_store, make_document):
    with pytest.raises(RuntimeError):
        store_documents([make_document("BOOM now.")], memory_store, FakeExtractor(), fail_fast=True)


def test_pipeline_unsupported_language_stored_unread(memory_store, make_document):
    # Arabic is read since issue 18; Kurdish is still stored unread, with its reason.
    kurdish = make_document("Hêzên SDF êrîşî girtîgehê kirin", language="ku")
    report = store_documents([kurdish], memory_store, FakeExtractor())
    assert report.counts == {"stored unread": 1}
    assert report.exit_code is ExitCode.OK
    assert memory_store.get_document(kurdish.id) == kurdish
    assert memory_store.get_annotated(kurdish.id) is None
    rejection = memory_store.rejections()[0][0]
    assert rejection.code == "WF-I007"
    assert "Kurdish" in rejection.message


def test_pipeline_arabic_dialect_code_is_read(memory_store, make_document):
    arabic = make_document("فر مئات من عناصر داعش من السجن", language="apc")
    report = store_documents([arabic], memory_store, FakeExtractor())
    assert report.counts == {"stored": 1}
    assert memory_store.get_annotated(arabic.id) is not None


def test_pipeline_reingest_is_idempotent(memory_store, make_document):
    doc = make_document("Same words twice.")
    extractor = FakeExtractor()
    store_documents([doc], memory_store, extractor)
    before = memory_store.get_annotated(doc.id)
    report = store_documents([doc], memory_store, extractor)
    assert report.counts == {"already stored": 1}
    assert extractor.calls == 1  # the stored reading by the same extractor is kept
    assert memory_store.get_annotated(doc.id) == before
    assert memory_store.summary()["documents"] == 1


def test_pipeline_bad_input_leaves_store_unchanged(memory_store, make_document):
    kept = [make_document(f"Stored before {i}.") for i in range(3)]
    store_documents(kept, memory_store, FakeExtractor())
    snapshot = [memory_store.get_annotated(d.id) for d in kept]
    store_documents(
        [_rejection("broken.html"), make_document("BOOM")], memory_store, FakeExtractor()
    )
    assert [memory_store.get_annotated(d.id) for d in kept] == snapshot


def test_pipeline_extract_stored_replaces_readings(memory_store, make_document):
    doc = make_document("To be re-read.")
    store_documents([doc], memory_store, FakeExtractor("fake.v1"))
    report = extract_stored(memory_store, FakeExtractor("fake.v2"))
    assert report.counts == {"stored": 1}
    assert memory_store.extractor_of(doc.id) == "fake.v2"
    assert memory_store.get_document(doc.id) == doc


@pytest.mark.parametrize(
    ("statuses", "code"),
    [
        (["stored", "already stored"], ExitCode.OK),
        (["stored", "rejected"], ExitCode.SOME_REJECTED),
        (["rejected"] * 10, ExitCode.NEARLY_ALL_REJECTED),
        (["stored", "failed"], ExitCode.INTERNAL_ERROR),
    ],
)
def test_pipeline_exit_codes(statuses, code):
    report = RunReport()
    for status in statuses:
        report.add(Outcome("x", status))
    assert report.exit_code is code


def test_pipeline_documents_keep_order_of_outcomes(memory_store, make_document):
    docs = [make_document(f"Doc {i}.") for i in range(7)]
    seen: list[Any] = []
    store_documents(docs, memory_store, FakeExtractor(), progress=seen.append)
    assert [o.document_id for o in seen] == [d.id for d in docs]
    assert replace(seen[0]).status == "stored"
