"""Loaded-language and name-calling markers against the PTC (SemEval-2020 task 11) dev spans.

Each article of ../shared/data/ptc_semeval2020_t11_dev is read by the components up to
rhetoric; its LOADED_TERM and NAME_CALLING markers are compared with the gold
Loaded_Language and Name_Calling,Labeling spans, with partial overlap counting as a match (as
the task's span scorer does). Precision is the share of predicted markers that overlap a
gold span of the technique; recall the share of gold spans overlapped by a marker. "either"
pools both techniques, since the corpus itself often labels one phrase with both. Skips when
the data set is absent. Research-only data: never copy it into the project.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

from watchfloor.extract import ExtractOptions, Extractor
from watchfloor.model import Document, Genre, MarkerKind

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PTC = DATA / "ptc_semeval2020_t11_dev"
COMPONENTS = (
    "watchfloor.sentences.v1",
    "watchfloor.places.v1",
    "watchfloor.actors.v1",
    "watchfloor.attribution.v1",
    "watchfloor.rhetoric.v1",
)
TECHNIQUES = {
    "Loaded_Language": {MarkerKind.LOADED_TERM},
    "Name_Calling,Labeling": {MarkerKind.NAME_CALLING},
    "either": {MarkerKind.LOADED_TERM, MarkerKind.NAME_CALLING},
}


def _document(text: str, name: str) -> Document:
    when = datetime(2019, 1, 1, tzinfo=UTC)
    return Document.build(
        text,
        raw=text.encode(),
        media_type="text/plain",
        source=name,
        retrieved=when,
        published=when,
        language="en",
        genre=Genre.UNKNOWN,
    )


def align(raw: str, normal: str) -> list[int]:
    """For each character of the normalised text, its offset in the raw text.

    Normalisation only drops or collapses whitespace, so a greedy walk pairs the characters.
    """
    mapping: list[int] = []
    j = 0
    for char in normal:
        while j < len(raw) and raw[j] != char and (raw[j].isspace() or char.isspace()):
            j += 1
        mapping.append(min(j, len(raw) - 1))
        j += 1
    mapping.append(len(raw))
    return mapping


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main() -> int:
    """Print precision and recall per technique; 0 always (a benchmark does not gate)."""
    if not PTC.exists():
        print(f"skipped: {PTC} is absent")
        return 0
    gold: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted((PTC / "labels_tc").glob("*.labels")):
        for line in path.read_text(encoding="utf-8").splitlines():
            article, technique, first, last = line.split("\t")
            gold[article][technique].append((int(first), int(last)))
            if technique in TECHNIQUES:
                gold[article]["either"].append((int(first), int(last)))
    paths = sorted((PTC / "articles").glob("article*.txt"))
    raws = [p.read_text(encoding="utf-8") for p in paths]
    docs = [_document(raw, p.name) for raw, p in zip(raws, paths, strict=True)]
    extractor = Extractor(ExtractOptions(components=COMPONENTS))
    tp_pred: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    tp_gold: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for path, raw, read in zip(paths, raws, extractor.extract(docs), strict=True):
        article = path.stem.removeprefix("article")
        offsets = align(raw, read.document.text)
        for technique, kinds in TECHNIQUES.items():
            spans = gold[article][technique]
            predicted = [
                (offsets[m.evidence.start], offsets[m.evidence.end], m.text)
                for m in read.markers
                if m.kind in kinds
            ]
            # A marker whose raw text differs was misaligned: count it as a miss, say so.
            misaligned = [p for p in predicted if raw[p[0] : p[1]].lower() != p[2].lower()]
            if misaligned:
                print(f"warning: {path.name}: {len(misaligned)} markers misaligned")
            n_pred[technique] += len(predicted)
            n_gold[technique] += len(spans)
            for start, end, text in predicted:
                hit = any(_overlaps((start, end), s) for s in spans)
                tp_pred[technique] += hit
                if not hit and technique == "either":
                    wrong[text.lower()] += 1
            for span in spans:
                hit = any(_overlaps(span, (s, e)) for s, e, _ in predicted)
                tp_gold[technique] += hit
                if not hit and technique == "either":
                    missed[raw[span[0] : span[1]].lower()[:40]] += 1
    print(f"PTC dev: {len(paths)} articles")
    for technique in TECHNIQUES:
        precision = tp_pred[technique] / n_pred[technique] if n_pred[technique] else 0.0
        recall = tp_gold[technique] / n_gold[technique] if n_gold[technique] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"{technique:<24} precision {precision:.3f} ({tp_pred[technique]}/{n_pred[technique]})"
            f"  recall {recall:.3f} ({tp_gold[technique]}/{n_gold[technique]})  F1 {f1:.3f}"
        )
    print("\nmost frequent markers outside gold spans:", wrong.most_common(40))
    print("most frequent gold spans missed:", missed.most_common(40))
    return 0


if __name__ == "__main__":
    sys.exit(main())
