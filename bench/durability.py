"""SQLite synchronous=FULL against NORMAL: documents stored per second, one transaction each.

Writes the same N small documents (with a one-sentence reading) into two fresh stores in a
temporary folder on the same disk, alternating the modes over R rounds, and prints documents/s
per mode and the ratio FULL/NORMAL (the cost of durability on this disk; it carries over
between runs on the same kind of disk, absolute speeds do not).

    python bench/durability.py [--documents 2000] [--rounds 3] [--dir /path/on/the/disk]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from watchfloor.model import AnnotatedDocument, Document, Genre, Sentence
from watchfloor.store import open_store


def _documents(count: int, salt: str) -> list[tuple[Document, AnnotatedDocument]]:
    made = []
    for i in range(count):
        text = f"Report {salt}-{i}: hundreds of prisoners escaped near Hasakah, officials said."
        document = Document.build(
            text,
            raw=text.encode(),
            media_type="text/plain",
            source=f"bench-{i}.txt",
            retrieved=datetime(2026, 1, 26, tzinfo=UTC),
            language="en",
            genre=Genre.NEWS,
        )
        reading = AnnotatedDocument(
            document=document, sentences=(Sentence(0, 0, len(text), text),), extractors=("b",)
        )
        made.append((document, reading))
    return made


def _rate(folder: Path, mode: str, count: int, salt: str) -> float:
    store = open_store(str(folder / f"{mode}-{salt}.db"), synchronous=mode)
    items = _documents(count, salt)
    started = time.perf_counter()
    for document, reading in items:
        store.write_document(document, reading, "b")
    elapsed = time.perf_counter() - started
    store.close()
    return count / elapsed


def main() -> None:
    """Alternate the modes over the rounds and print the rates and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", help="a folder on the disk to measure (default: a temp dir)")
    args = parser.parse_args()
    rates: dict[str, list[float]] = {"full": [], "normal": []}
    with tempfile.TemporaryDirectory(prefix="wf-durability-", dir=args.dir) as tmp:
        for round_ in range(args.rounds):
            for mode in ("full", "normal") if round_ % 2 == 0 else ("normal", "full"):
                rates[mode].append(_rate(Path(tmp), mode, args.documents, f"{mode}{round_}"))
    full, normal = statistics.median(rates["full"]), statistics.median(rates["normal"])
    print(f"{args.documents} documents x {args.rounds} rounds, one transaction per document")
    print(f"synchronous=FULL:   {full:8.0f} documents/s")
    print(f"synchronous=NORMAL: {normal:8.0f} documents/s")
    print(f"FULL / NORMAL: {full / normal:.2f}")


if __name__ == "__main__":
    main()
