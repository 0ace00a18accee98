"""Batch extraction on a Dask cluster: the workers read, the caller writes through one writer.

Extraction is a pure function of the document, the options and the packaged data, so a back-fill
can spread it over Dask workers (`tcp://HOST:PORT` for a running scheduler, `local:N` for a
LocalCluster of N worker processes started here). Each worker process builds one `Extractor` on
first use and keeps it, so models and resources load once per process, not once per task.

Documents travel as plain data (`to_plain`), never pickled model objects: the wire format is the
store's format, and frozen model types with read-only mappings do not pickle. Raw bytes stay in
the caller (extraction reads only the text), and readings come back without their document,
which the caller re-attaches, so each document crosses the network once, as text.

Results are yielded in input order while a bounded window of chunks is in flight, so every
worker stays busy and memory stays flat however long the stream is.
"""

from __future__ import annotations

import dataclasses
import logging
import resource
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from watchfloor.errors import ConfigError
from watchfloor.extract import ExtractOptions, Extractor
from watchfloor.model import AnnotatedDocument, Document, from_plain, to_plain

__all__ = ["DaskExtractor", "extract_on_dask"]

logger = logging.getLogger(__name__)

# One extractor per worker process and options (spaCy and resources load once per process).
_WORKER_EXTRACTORS: dict[ExtractOptions, Extractor] = {}

# Chunks in flight per worker: two keeps a worker busy while its last result travels back.
_CHUNKS_PER_WORKER = 2


def _worker_extractor(options: ExtractOptions) -> Extractor:
    """This process's extractor for these options, built on first use."""
    extractor = _WORKER_EXTRACTORS.get(options)
    if extractor is None:
        extractor = Extractor(options)
        _WORKER_EXTRACTORS[options] = extractor
    return extractor


def _worker_version(options: ExtractOptions) -> str:
    """The version stamp of the extractor the workers run (runs on a worker)."""
    return _worker_extractor(options).version


def _warm_up(options: ExtractOptions) -> bool:
    """Load the models on a worker before the first chunk arrives."""
    _worker_extractor(options)
    return True


def _peak_memory() -> int:
    """This process's peak resident memory in bytes (runs on a worker)."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent that forked the
    # worker, so every worker would report at least its parent's peak.
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux


def _extract_chunk(documents: list[dict[str, Any]], options: ExtractOptions) -> list[Any]:
    """Read a chunk of plain documents on a worker; plain readings without their document."""
    extractor = _worker_extractor(options)
    readings = []
    for annotated in extractor.extract([from_plain(Document, d) for d in documents]):
        plain = to_plain(annotated)
        del plain["document"]  # the caller still holds it; do not send it back
        readings.append(plain)
    return readings


def _wire(document: Document) -> dict[str, Any]:
    """A document as sent to a worker: plain data, without the raw bytes."""
    plain: dict[str, Any] = to_plain(dataclasses.replace(document, raw=b""))
    return plain


def _attach(document: Document, plain: dict[str, Any]) -> AnnotatedDocument:
    """A worker's reading joined back to the caller's own document (raw bytes included)."""
    annotated = from_plain(AnnotatedDocument, {**plain, "document": None})
    return dataclasses.replace(annotated, document=document)


def _connect(address: str) -> tuple[Any, Any]:
    """A Dask client for `tcp://HOST:PORT` (or tls://) or `local:N`, and the cluster it owns."""
    # Imported here: dask is only needed for distributed runs, and it is slow to import.
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError(
            f"--dask {address}: dask is not installed; install the optional extra with: "
            "pip install 'watchfloor[dask]'"
        ) from None

    if address.startswith("local:"):
        count = address.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ConfigError(f"--dask {address}: use local:N with N >= 1 worker processes")
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=int(count),
            threads_per_worker=1,  # spaCy is not faster with threads; processes scale
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,  # its shutdown chatter is not the analyst's concern
        )
        return Client(cluster), cluster  # type: ignore[no-untyped-call]
    if not address.startswith(("tcp://", "tls://")):
        raise ConfigError(
            f"--dask {address!r}: give a scheduler address (tcp://HOST:8786) or local:N"
        )
    try:
        return Client(address, timeout="10s"), None  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise ConfigError(
            f"cannot reach the Dask scheduler at {address} ({exc}); start one with "
            f"`dask scheduler` and workers with `dask worker {address}`"
        ) from exc


class DaskExtractor:
    """An extractor whose reading runs on Dask workers; a drop-in for `Extractor` in batches.

    `options.batch_size` here is how many documents the pipeline hands over per call: enough
    for every worker to hold `_CHUNKS_PER_WORKER` chunks of the caller's batch size.
    """

    def __init__(self, address: str, options: ExtractOptions | None = None) -> None:
        self.address = address
        self.worker_options = dataclasses.replace(options or ExtractOptions(), n_process=1)
        self._client, self._cluster = _connect(address)
        try:
            self._client.wait_for_workers(1, timeout=60)
            self.workers = len(self._client.scheduler_info()["workers"])
            self._client.run(_warm_up, self.worker_options)
            self.version: str = self._client.submit(
                _worker_version, self.worker_options, pure=False
            ).result()
        except Exception:
            self.close()
            raise
        self.chunk_size = self.worker_options.batch_size
        self.options = dataclasses.replace(
            self.worker_options,
            batch_size=self.chunk_size * self.workers * _CHUNKS_PER_WORKER,
        )
        logger.info("dask: %d workers at %s, extractor %s", self.workers, address, self.version)

    def extract(self, documents: Iterable[Document]) -> Iterator[AnnotatedDocument]:
        """Annotate documents in input order, chunks spread over the workers."""
        window = self.workers * _CHUNKS_PER_WORKER
        pending: deque[tuple[list[Document], Any]] = deque()
        try:
            for chunk in _chunks(documents, self.chunk_size):
                pending.append((chunk, self._submit(chunk)))
                if len(pending) >= window:
                    yield from self._collect(*pending.popleft())
            while pending:
                yield from self._collect(*pending.popleft())
        finally:
            # A consumer that stops early (or an error) must not leave work queued.
            if pending:
                self._client.cancel([future for _chunk, future in pending])

    def extract_one(self, document: Document) -> AnnotatedDocument:
        """Annotate a single document on a worker (errors are raised here, as locally)."""
        return next(self.extract([document]))

    def _submit(self, chunk: Sequence[Document]) -> Any:
        plain = [_wire(d) for d in chunk]
        return self._client.submit(_extract_chunk, plain, self.worker_options, pure=False)

    @staticmethod
    def _collect(chunk: Sequence[Document], future: Any) -> Iterator[AnnotatedDocument]:
        readings = future.result()  # re-raises a worker's exception here, with its traceback
        for document, plain in zip(chunk, readings, strict=True):
            yield _attach(document, plain)

    def worker_peak_memory(self) -> dict[str, int]:
        """Each worker's peak resident memory so far, in bytes (for sizing a cluster)."""
        peaks: dict[str, int] = self._client.run(_peak_memory)
        return peaks

    def close(self) -> None:
        """Disconnect, and stop the LocalCluster if this extractor started one."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskExtractor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of at most `size` documents."""
    chunk: list[Document] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_on_dask(
    documents: Iterable[Document], address: str, options: ExtractOptions | None = None
) -> Iterator[AnnotatedDocument]:
    """Annotate a stream of documents on a Dask cluster, yielding readings in input order.

    Args:
        documents: any iterable, consumed lazily (a bounded window of chunks is in flight).
        address: `tcp://HOST:PORT` of a scheduler, or `local:N` for N local worker processes.
        options: extraction options; `batch_size` is the chunk sent to a worker at a time.
    """
    with DaskExtractor(address, options) as extractor:
        yield from extractor.extract(documents)
