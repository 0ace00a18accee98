"""Throughput of the whole extraction against plain spaCy over the same texts, in one run.

Texts: the Guardian sample (../shared/data/guardian_syria_isis_2017_2019), or the bundled
samples when it is absent. Prints documents/s and words/s of `Extractor` with every
registered component and of `nlp.pipe` with the stock pipeline, their ratio (what counts:
the absolute speed depends on the machine), each step's share of the extraction time (the
parse with watchfloor's ruler, then every component), and peak memory (the process's maximum
resident set size; with `--trace-memory`, also tracemalloc's peak of Python allocations during
one more, slower, traced extraction).

The two runs alternate `--repeat` times and the fastest of each counts, so a burst of load
from other processes on a shared machine skews the ratio less.

    python bench/throughput.py [N] [--repeat R] [--trace-memory]
"""

from __future__ import annotations

import argparse
import csv
import resource
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import spacy

from watchfloor.extract import ExtractOptions, Extractor
from watchfloor.model import Document, Genre
from watchfloor.resolve.dates import clear_date_cache
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


def _time_extraction(
    extractor: Extractor, documents: list[Document]
) -> tuple[float, dict[str, float]]:
    """Wall time of one extraction pass and the seconds each step took in it."""
    clear_date_cache()  # repeated passes over the same texts must not find dates remembered
    before = dict(extractor.timings)
    started = time.perf_counter()
    for _ in extractor.extract(documents):
        pass
    elapsed = time.perf_counter() - started
    steps = {name: extractor.timings[name] - before.get(name, 0.0) for name in extractor.timings}
    return elapsed, steps


def run(limit: int = 100, repeat: int = 2, trace_memory: bool = False) -> dict[str, Any]:
    """Documents/s, words/s, the extraction/spaCy ratio, step shares and peak memory."""
    origin, texts = load_texts(limit)
    documents = _documents(texts)
    words = sum(d.word_count for d in documents)
    options = ExtractOptions()
    extractor = Extractor(options)  # every registered component, models loaded before timing
    nlp = spacy.load(options.spacy_model)
    list(nlp.pipe(texts[:2]))  # warm both pipelines so neither pays first-call costs
    list(extractor.extract(documents[:2]))

    plain = full = float("inf")
    steps: dict[str, float] = {}
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        for _ in nlp.pipe((d.text for d in documents), batch_size=options.batch_size):
            pass
        plain = min(plain, time.perf_counter() - started)
        elapsed, pass_steps = _time_extraction(extractor, documents)
        if elapsed < full:
            full, steps = elapsed, pass_steps

    result: dict[str, Any] = {
        "texts": origin,
        "documents": len(documents),
        "words": words,
        "components": len(extractor.components),
        "repeats": max(1, repeat),
        "spacy_docs_per_s": round(len(documents) / plain, 2),
        "spacy_words_per_s": round(words / plain),
        "extract_docs_per_s": round(len(documents) / full, 2),
        "extract_words_per_s": round(words / full),
        "extract_to_spacy_time_ratio": round(full / plain, 2),
        # The parse with watchfloor's ruler and line breaks, against the stock pipeline.
        "ruler_parse_to_spacy_time_ratio": round(steps.get("parse", 0.0) / plain, 2),
        "components_to_spacy_time_ratio": round(
            sum(s for name, s in steps.items() if name != "parse") / plain, 2
        ),
    }
    for name, seconds in sorted(steps.items(), key=lambda item: -item[1]):
        result[f"share {name}"] = f"{100 * seconds / full:.1f}% ({seconds:.2f} s)"
    if trace_memory:
        # tracemalloc slows Python code several times over: a separate pass, never timed.
        tracemalloc.start()
        for _ in extractor.extract(documents):
            pass
        result["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
    # ru_maxrss is in kilobytes on Linux.
    result["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def main() -> None:
    """Parse the command line and print one `key: value` line per figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("limit", nargs="?", type=int, default=100, help="number of texts")
    parser.add_argument("--repeat", type=int, default=2, help="alternating timed passes")
    parser.add_argument("--trace-memory", action="store_true", help="add a tracemalloc pass")
    args = parser.parse_args()
    for key, value in run(args.limit, args.repeat, args.trace_memory).items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
