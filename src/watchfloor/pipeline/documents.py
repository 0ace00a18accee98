"""Documents through the stages: ingest → extract → store, one document at a time.

Each document is isolated: an `InputError` becomes a stored `Rejection` and the run goes on;
any other exception is a bug, recorded with its traceback as a rejection of code WF-X001,
counted, and re-raised only with `fail_fast`. Each document and its reading are written in one
transaction, so a crash never leaves half a document.
"""

from __future__ import annotations

import logging
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum
from typing import Protocol

from watchfloor.errors import (
    ExtractionError,
    InputError,
    NothingFound,
    StoreError,
    UnsupportedLanguage,
)
from watchfloor.extract import ExtractOptions
from watchfloor.extract.arabic import reads_language, unread_reason
from watchfloor.ingest import IngestOptions, read_inputs
from watchfloor.model import AnnotatedDocument, Document, Rejection, content_hash
from watchfloor.store import Store, WriteStatus

__all__ = [
    "ExitCode",
    "Outcome",
    "RunReport",
    "extract_stored",
    "ingest_targets",
    "store_documents",
]

logger = logging.getLogger(__name__)

Progress = Callable[["Outcome"], None]

NOTHING_FOUND = "nothing found"  # the status of a folder input with no file in it


class Reader(Protocol):
    """What the pipeline needs of an extractor: the local `Extractor` or `DaskExtractor`."""

    @property
    def options(self) -> ExtractOptions:
        """Options; `batch_size` is how many documents are handed over per `extract` call."""
        ...

    @property
    def version(self) -> str:
        """The version stamp stored with every reading."""
        ...

    def extract(self, documents: list[Document]) -> Iterator[AnnotatedDocument]:
        """Annotate documents, in order."""
        ...

    def extract_one(self, document: Document) -> AnnotatedDocument:
        """Annotate one document, raising what went wrong."""
        ...


class ExitCode(IntEnum):
    """Exit codes of batch commands (documented in the README)."""

    OK = 0  # every input stored (read, or unread for its language) or already present
    SOME_REJECTED = 1  # some inputs were refused; the rest are stored
    USAGE = 2  # bad usage or configuration: nothing was done
    NEARLY_ALL_REJECTED = 3  # 90 % or more of the inputs were refused
    INTERNAL_ERROR = 4  # a bug was hit on some input (recorded with its traceback)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input: stored, already stored, new version, rejected or failed."""

    source: str
    status: str
    document_id: str | None = None
    code: str | None = None
    message: str | None = None


@dataclass
class RunReport:
    """The outcomes of a batch and the exit code they imply."""

    outcomes: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        """Record one input's outcome."""
        self.outcomes.append(outcome)

    @property
    def counts(self) -> dict[str, int]:
        """How many inputs ended in each status."""
        return dict(Counter(o.status for o in self.outcomes))

    @property
    def exit_code(self) -> ExitCode:
        """0 when all went in, 1 when some were refused, 3 when nearly all, 4 on a bug."""
        counts = self.counts
        if counts.get("failed"):
            return ExitCode.INTERNAL_ERROR
        rejected = counts.get("rejected", 0)
        if not rejected:
            # A folder with nothing in it is a refusal, never "nearly all" of them.
            return ExitCode.SOME_REJECTED if counts.get(NOTHING_FOUND) else ExitCode.OK
        if rejected >= 0.9 * len(self.outcomes) and len(self.outcomes) > 1:
            return ExitCode.NEARLY_ALL_REJECTED
        if rejected == len(self.outcomes):
            return ExitCode.NEARLY_ALL_REJECTED
        return ExitCode.SOME_REJECTED


def _rejection(
    error: Exception, stage: str, source: str, raw: bytes, detail: str = ""
) -> Rejection:
    code = getattr(error, "code", ExtractionError.code)
    message = getattr(error, "message", None) or str(error)
    return Rejection(
        code=code,
        message=message,
        stage=stage,
        source=source,
        content_hash=content_hash(raw),
        created=datetime.now(UTC),
        detail=detail,
    )


def _batches(
    items: Iterable[Document | Rejection], size: int
) -> Iterator[list[Document | Rejection]]:
    batch: list[Document | Rejection] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def store_documents(
    items: Iterable[Document | Rejection],
    store: Store,
    extractor: Reader | None,
    *,
    fail_fast: bool = False,
    progress: Progress | None = None,
    report: RunReport | None = None,
) -> RunReport:
    """Extract and store documents (and record rejections), batch by batch.

    Args:
        items: documents and rejections, as `read_inputs` yields them.
        store: where to write.
        extractor: reads each document; None stores documents without a reading.
        fail_fast: re-raise the first unexpected error instead of recording it.
        progress: called with each input's outcome.
        report: an existing report to add to.
    """
    report = report if report is not None else RunReport()
    batch_size = extractor.options.batch_size if extractor else 64

    def done(outcome: Outcome) -> None:
        report.add(outcome)
        if progress:
            progress(outcome)

    for batch in _batches(items, batch_size):
        documents = [item for item in batch if isinstance(item, Document)]
        for item in batch:
            if isinstance(item, Rejection):
                store.add_rejection(item)
                status = NOTHING_FOUND if item.code == NothingFound.code else "rejected"
                if item.detail:
                    status = "failed"  # a bug while reading the input (its traceback kept)
                done(Outcome(item.source, status, code=item.code, message=item.message))
        readings = _read_batch(documents, store, extractor, fail_fast)
        for document in documents:
            reading = readings.get(document.id)
            if isinstance(reading, Rejection):
                # The document is kept (raw text is never lost); only its reading is missing,
                # and `watchfloor extract ID` can read it later.
                store.add_rejection(reading)
                store.write_document(document)
                status = _unread_status(reading)
                done(Outcome(document.source, status, document.id, reading.code, reading.message))
                continue
            extractor_version = extractor.version if extractor else None
            try:
                written = store.write_document(document, reading, extractor_version)
            except Exception as error:
                failure = _write_failure(error, document, fail_fast)
                store.add_rejection(failure)
                done(Outcome(document.source, "failed", document.id, failure.code, failure.message))
                continue
            done(Outcome(document.source, written.value, document.id))
    return report


def _write_failure(error: Exception, document: Document, fail_fast: bool) -> Rejection:
    """The rejection of a document whose write raised a bug; store faults stop the run."""
    if fail_fast or isinstance(error, StoreError):
        raise error  # the store itself failed: stop, nothing half-written (one transaction)
    logger.exception("storing %s failed", document.source)
    bug = ExtractionError(
        f"storing the document failed: {error!r}; this is a bug, please report it"
    )
    return _rejection(bug, "store", document.source, document.raw, detail=traceback.format_exc())


def _unread_status(rejection: Rejection) -> str:
    """A bug is "failed"; a language we do not read is still stored; else "rejected"."""
    if rejection.detail:
        return "failed"
    if rejection.code == UnsupportedLanguage.code:
        return "stored unread"
    return "rejected"


def _read_batch(
    documents: Sequence[Document],
    store: Store,
    extractor: Reader | None,
    fail_fast: bool,
) -> dict[str, AnnotatedDocument | Rejection | None]:
    """Readings of the documents that need one; rejections for those that cannot be read."""
    readings: dict[str, AnnotatedDocument | Rejection | None] = {}
    if extractor is None:
        return readings
    todo: list[Document] = []
    for document in documents:
        if store.extractor_of(document.id) == extractor.version:
            continue  # already stored and read by this very extractor: nothing to do
        if not reads_language(document.language, extractor.options.languages):
            error = UnsupportedLanguage(
                unread_reason(document.language, extractor.options.languages),
                source=document.source,
            )
            readings[document.id] = _rejection(error, "extract", document.source, document.raw)
            continue
        todo.append(document)
    if not todo:
        return readings
    try:
        for annotated in extractor.extract(todo):
            readings[annotated.document.id] = annotated
    except Exception:
        if fail_fast:
            raise
        # One document broke the batch: read them one by one to isolate it.
        for document in todo:
            readings[document.id] = _read_one(document, extractor, fail_fast)
    return readings


def _read_one(
    document: Document, extractor: Reader, fail_fast: bool
) -> AnnotatedDocument | Rejection:
    try:
        return extractor.extract_one(document)
    except InputError as error:
        return _rejection(error, "extract", document.source, document.raw)
    except Exception as error:
        if fail_fast:
            raise
        logger.exception("extraction failed on %s", document.source)
        return _rejection(
            ExtractionError(f"extraction failed: {error!r}; this is a bug, please report it"),
            "extract",
            document.source,
            document.raw,
            detail=traceback.format_exc(),
        )


def ingest_targets(
    targets: Sequence[str],
    options: IngestOptions,
    store: Store,
    extractor: Reader | None,
    *,
    fail_fast: bool = False,
    progress: Progress | None = None,
) -> RunReport:
    """Ingest files, folders, feeds and URLs, extract each document and store it."""
    return store_documents(
        read_inputs(targets, options, on_bug="raise" if fail_fast else "record"),
        store,
        extractor,
        fail_fast=fail_fast,
        progress=progress,
    )


def extract_stored(
    store: Store,
    extractor: Reader,
    ids: Sequence[str] | None = None,
    *,
    fail_fast: bool = False,
    progress: Progress | None = None,
) -> RunReport:
    """Re-read stored documents and replace their derived rows; raw documents stay as they are."""
    report = RunReport()
    documents = list(store.iter_documents(ids))
    for start in range(0, len(documents), extractor.options.batch_size):
        chunk = documents[start : start + extractor.options.batch_size]
        try:
            readings: list[AnnotatedDocument | Rejection] = list(extractor.extract(chunk))
        except Exception:
            if fail_fast:
                raise
            readings = [_read_one(d, extractor, fail_fast) for d in chunk]
        for document, reading in zip(chunk, readings, strict=True):
            if isinstance(reading, Rejection):
                store.add_rejection(reading)
                status = "failed" if reading.detail else "rejected"
                outcome = Outcome(document.source, status, document.id, reading.code)
            else:
                try:
                    store.replace_annotations(reading, extractor.version)
                    outcome = Outcome(document.source, WriteStatus.STORED.value, document.id)
                except Exception as error:
                    failure = _write_failure(error, document, fail_fast)
                    store.add_rejection(failure)
                    outcome = Outcome(document.source, "failed", document.id, failure.code)
            report.add(outcome)
            if progress:
                progress(outcome)
    return report
