"""Extraction on a Dask LocalCluster stores exactly what a local run stores."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from watchfloor.errors import ConfigError
from watchfloor.extract import ExtractOptions, Extractor
from watchfloor.model import Document, Genre
from watchfloor.pipeline import store_documents
from watchfloor.pipeline.distributed import DaskExtractor, extract_on_dask
from watchfloor.store import open_store

# Small, varied reports: figures, places, dates, attributions, a quote and an opinion.
TEXTS = [
    "Hundreds of prisoners escaped from a prison in Hasakah on Monday, the SDF said.",
    "At least 12 people were killed in an attack near the Iraqi border, officials told Reuters.",
    "The government must act now to stop the militants, an editorial argued on 3 March 2025.",
    "Approximately 1,500 detainees fled al-Hol camp, according to a local monitor.",
    "Turkish forces shelled villages near Tal Tamr last week; no casualties were reported.",
    "A spokesman said dozens of fighters had surrendered in Deir ez-Zor province.",
    "So-called 'reconciliation' deals have failed, the opposition claimed in a statement.",
    "Aid agencies said between 200 and 300 families were displaced by the fighting.",
]
OPTIONS = ExtractOptions(batch_size=2)  # small chunks: several tasks per worker, out of order


def _documents() -> list[Document]:
    return [
        Document.build(
            text,
            raw=f"<p>{text}</p>".encode(),
            media_type="text/html",
            source=f"report-{i}.html",
            retrieved=datetime(2026, 1, 26, tzinfo=UTC),
            published=datetime(2026, 1, 20 + i % 5, tzinfo=UTC),
            language="en",
            genre=Genre.NEWS,
        )
        for i, text in enumerate(TEXTS)
    ]


@pytest.fixture(scope="module")
def on_dask() -> Iterator[DaskExtractor]:
    """One two-worker LocalCluster for the module (each worker loads the models once)."""
    with DaskExtractor("local:2", OPTIONS) as extractor:
        yield extractor


@pytest.fixture(scope="module")
def local() -> Extractor:
    """The local extractor the cluster's results are compared with."""
    return Extractor(OPTIONS)


@pytest.mark.slow
@pytest.mark.issue(8)
def test_distributed_store_identical_to_local_run(tmp_path, on_dask, local):
    documents = _documents()
    stores = {}
    for name, extractor in (("local", local), ("dask", on_dask)):
        store = open_store(str(tmp_path / f"{name}.db"))
        report = store_documents(documents, store, extractor)
        assert report.counts == {"stored": len(documents)}
        stores[name] = store
    assert on_dask.version == local.version
    ids = stores["local"].document_ids()
    assert ids == stores["dask"].document_ids() == sorted(d.id for d in documents)
    for ref in ids:
        assert stores["dask"].get_document(ref) == stores["local"].get_document(ref)
        assert stores["dask"].get_annotated(ref) == stores["local"].get_annotated(ref)
        assert stores["dask"].extractor_of(ref) == local.version
    assert stores["dask"].event_mentions() == stores["local"].event_mentions()


@pytest.mark.slow
def test_distributed_results_in_input_order_with_raw_bytes(on_dask):
    documents = _documents() * 2  # more chunks than the window: results must still be in order
    readings = list(on_dask.extract(iter(documents)))
    assert [r.document.id for r in readings] == [d.id for d in documents]
    # The raw bytes never travel to the workers, yet every reading carries them.
    assert [r.document.raw for r in readings] == [d.raw for d in documents]


@pytest.mark.slow
def test_distributed_stops_early_without_leaving_work(on_dask):
    stream = on_dask.extract(_documents())
    first = next(stream)
    stream.close()  # the consumer gives up: queued chunks are cancelled, nothing hangs
    assert first.document.source == "report-0.html"
    assert on_dask.extract_one(_documents()[1]).document.source == "report-1.html"


@pytest.mark.parametrize("address", ["local:0", "local:two", "http://127.0.0.1:8786", "8786"])
def test_distributed_bad_address_is_config_error(address):
    with pytest.raises(ConfigError, match="WF-C001"):
        list(extract_on_dask(_documents()[:1], address, OPTIONS))


def test_distributed_unreachable_scheduler_is_config_error():
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
        list(extract_on_dask(_documents()[:1], "tcp://127.0.0.1:9", OPTIONS))


@pytest.mark.slow
def test_distributed_reports_each_workers_peak_memory(on_dask):
    peaks = on_dask.worker_peak_memory()
    assert len(peaks) == on_dask.workers == 2
    # A worker holds spaCy and the resources: tens of megabytes at the very least.
    assert all(peak > 50 * 2**20 for peak in peaks.values())
