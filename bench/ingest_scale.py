"""Ingest + extract + store on 1 and 2 Dask workers against plain spaCy and a local run.

The same texts go through four paths in one run:

- plain spaCy: `nlp.pipe` with the stock pipeline (the floor any extraction pays);
- local: `read_text` → `Extractor` → SQLite through `store_documents`, one process;
- dask 1 and dask 2: the same, with extraction on a LocalCluster of 1 or 2 worker processes
  (`DaskExtractor`), writing through the one writer in this process.

Start-up (loading models in each process) is timed apart from throughput. Prints documents/s,
words/s, the ratios between paths (what carries over between machines), and peak resident
memory of this process and of each worker. On a machine with N cores, k workers cannot beat
min(k, N - 1) times the local speed: the writer and the scheduler need a core too.

    python bench/ingest_scale.py [DOCUMENTS] [--workers 1,2]
"""

from __future__ import annotations

import argparse
import csv
import resource
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import spacy

from watchfloor.extract import ExtractOptions, Extractor
from watchfloor.ingest import IngestOptions, read_text
from watchfloor.model import Document
from watchfloor.pipeline import store_documents
from watchfloor.pipeline.distributed import DaskExtractor
from watchfloor.pipeline.documents import Reader
from watchfloor.samples import sample_paths
from watchfloor.store import open_store

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
GUARDIAN = DATA / "guardian_syria_isis_2017_2019" / "guardian_syria_sample.csv"
MB = 2**20


def load_texts(count: int) -> tuple[str, list[str]]:
    """`count` distinct report texts: the Guardian sample when present, else the bundled ones."""
    if GUARDIAN.exists():
        csv.field_size_limit(10**8)
        with GUARDIAN.open(encoding="utf-8") as handle:
            base = [r["text"] for r in csv.DictReader(handle) if r["text"].strip()]
        origin = "guardian sample"
    else:
        base = [p.read_text("utf-8") for p in sample_paths() if p.suffix in (".txt", ".md")]
        origin = "bundled samples"
    # Cycle through the base texts; a numbered first line keeps every document distinct.
    texts = [f"Bulletin {i}.\n{base[i % len(base)]}" for i in range(count)]
    return origin, texts


def ingest(texts: list[str]) -> list[Document]:
    """The texts as documents, through the same reader as `watchfloor ingest`."""
    options = IngestOptions(language="en")
    return [read_text(text, f"bench-{i}.txt", options) for i, text in enumerate(texts)]


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def run_plain_spacy(texts: list[str], batch_size: int) -> dict[str, Any]:
    """Seconds for the stock spaCy pipeline over the texts (models loaded before timing)."""
    start_up, nlp = _timed(lambda: spacy.load(ExtractOptions().spacy_model))
    list(nlp.pipe(texts[:2]))
    seconds, _ = _timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=batch_size)))
    return {"start_up_s": start_up, "seconds": seconds}


def run_store(
    name: str, make: Callable[[], Reader], texts: list[str], folder: Path
) -> dict[str, Any]:
    """Ingest, extract and store the texts into a fresh SQLite file with one reader."""
    start_up, reader = _timed(make)
    store = open_store(str(folder / f"{name}.db"))
    try:
        seconds, report = _timed(lambda: store_documents(ingest(texts), store, reader))
        stored = report.counts.get("stored", 0)
        readings = store.summary()["annotated"]
        workers = reader.worker_peak_memory() if isinstance(reader, DaskExtractor) else {}
    finally:
        store.close()
        if isinstance(reader, DaskExtractor):
            reader.close()
    return {
        "start_up_s": start_up,
        "seconds": seconds,
        "stored": stored,
        "readings": readings,
        "worker_peak_mb": [round(v / MB) for v in sorted(workers.values())],
    }


def main() -> None:
    """Run every path on the same texts and print figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", nargs="?", type=int, default=48)
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args()
    origin, texts = load_texts(args.documents)
    words = sum(len(t.split()) for t in texts)
    options = ExtractOptions(batch_size=args.batch_size)
    print(f"texts: {origin}, {len(texts)} documents, {words} words")

    results: dict[str, dict[str, Any]] = {"plain spaCy": run_plain_spacy(texts, args.batch_size)}
    with tempfile.TemporaryDirectory(prefix="wf-bench-") as tmp:
        folder = Path(tmp)
        results["local"] = run_store("local", lambda: Extractor(options), texts, folder)
        for count in (int(w) for w in args.workers.split(",")):
            results[f"dask {count}"] = run_store(
                f"dask{count}", partial(DaskExtractor, f"local:{count}", options), texts, folder
            )

    local = results["local"]["seconds"]
    plain = results["plain spaCy"]["seconds"]
    print(f"{'path':<12} {'start-up s':>10} {'docs/s':>8} {'words/s':>8} "
          f"{'x local':>8} {'x spaCy':>8}  stored  worker peak MB")  # fmt: skip
    for name, r in results.items():
        per_s = len(texts) / r["seconds"]
        stored = f"{r['stored']}/{r['readings']}" if "stored" in r else "-"
        print(
            f"{name:<12} {r['start_up_s']:>10.1f} {per_s:>8.2f} {words / r['seconds']:>8.0f} "
            f"{local / r['seconds']:>8.2f} {plain / r['seconds']:>8.2f}  {stored:<6}  "
            f"{r.get('worker_peak_mb') or '-'}"
        )
    # ru_maxrss: kilobytes on Linux. This process holds the writer and, for `local`, the models.
    caller = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process (writer, local models): {caller:.0f} MB")


if __name__ == "__main__":
    main()
