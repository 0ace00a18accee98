"""Throughput of the whole extraction against plain spaCy over the same texts, in one run.

Texts: the Guardian sample (../shared/data/guardian_syria_isis_2017_2019), or the bundled
samples when it is absent. Prints documents/s and words/s of `Extractor` with every
registered component and of `nlp.pipe` with the stock pipeline, their ratio (what counts:
the absolute speed depends on the machine), and peak memory (tracemalloc's peak of Python
allocations during extraction, and the process's maximum resident set size).
"""

from __future__ import annotations

import csv
import resource
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import spacy

from watchfloor.extract import ExtractOptions, Extractor
from watchfloor.model import Document, Genre
from watchfloor.samples import sample_paths

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
GUARDIAN = DATA / "guardian_syria_isis_2017_2019" / "guardian_syria_sample.csv"


def load_texts(limit: int = 100) -> tuple[str, list[str]]:
    """The benchmark texts and where they come from."""
    if GUARDIAN.exists():
        csv.field_size_limit(10**8)
        rows = list(csv.DictReader(GUARDIAN.open(encoding="utf-8")))
        return "guardian", [r["text"] for r in rows[:limit] if r["text"].strip()]
    texts = [p.read_text("utf-8") for p in sample_paths() if not p.name.endswith(".yaml")]
    return "bundled samples", texts


def _documents(texts: list[str]) -> list[Document]:
    when = datetime(2019, 1, 1, tzinfo=UTC)
    return [
        Document.build(
            t,
            raw=t.encode(),
            media_type="text/plain",
            source=f"bench-{i}",
            retrieved=when,
            published=when,
            language="en",
            genre=Genre.NEWS,
        )
        for i, t in enumerate(texts)
    ]


def run(limit: int = 100) -> dict[str, Any]:
    """Documents/s, words/s, the extraction/spaCy ratio and peak memory."""
    origin, texts = load_texts(limit)
    documents = _documents(texts)
    words = sum(d.word_count for d in documents)
    options = ExtractOptions()
    extractor = Extractor(options)  # every registered component, models loaded before timing
    nlp = spacy.load(options.spacy_model)
    list(nlp.pipe(texts[:2]))  # warm both pipelines so neither pays first-call costs
    list(extractor.extract(documents[:2]))

    started = time.perf_counter()
    for _ in nlp.pipe((d.text for d in documents), batch_size=options.batch_size):
        pass
    plain = time.perf_counter() - started

    tracemalloc.start()
    started = time.perf_counter()
    for _ in extractor.extract(documents):
        pass
    full = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # ru_maxrss is in kilobytes on Linux.
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # tracemalloc slows Python code; the ratio is reported on the traced run, a conservative bound.
    return {
        "texts": origin,
        "documents": len(documents),
        "words": words,
        "components": len(extractor.components),
        "spacy_docs_per_s": round(len(documents) / plain, 2),
        "spacy_words_per_s": round(words / plain),
        "extract_docs_per_s": round(len(documents) / full, 2),
        "extract_words_per_s": round(words / full),
        "extract_to_spacy_time_ratio": round(full / plain, 2),
        "tracemalloc_peak_mb": round(peak / 2**20, 1),
        "max_rss_mb": round(max_rss, 1),
    }


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    for key, value in run(n).items():
        print(f"{key}: {value}")
