"""Statement kinds against the CheckThat! 2025 subjectivity labels (English dev set).

Each sentence of ../shared/data/checkthat2025_subjectivity_en/dev_en.tsv is read on its own
by the sentence, actor, attribution and statement components. A sentence counts as SUBJ when
its main kind is opinion, unsupported_assertion, call_to_action or question, and OBJ when it is
reported_fact, attributed_claim or vague_attribution (a clause-level unsupported assertion
inside an objective sentence does not flip it). Prints accuracy, per-class F1 and macro F1,
and the kinds behind the errors. Skips when the data set is absent. This is a development
set with a held-out part: change cue lists for general reasons, never for these rows.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from watchfloor.extract import ExtractOptions, Extractor
from watchfloor.extract.subjectivity import load_model
from watchfloor.model import Document, Genre, StatementKind

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CHECKTHAT = DATA / "checkthat2025_subjectivity_en" / "dev_en.tsv"
COMPONENTS = (
    "watchfloor.sentences.v1",
    "watchfloor.places.v1",
    "watchfloor.actors.v1",
    "watchfloor.attribution.v1",
    "watchfloor.statements.v1",
)
SUBJECTIVE = frozenset(
    {
        StatementKind.OPINION,
        StatementKind.UNSUPPORTED_ASSERTION,
        StatementKind.CALL_TO_ACTION,
        StatementKind.QUESTION,
    }
)


def _document(text: str) -> Document:
    when = datetime(2025, 1, 1, tzinfo=UTC)
    return Document.build(
        text,
        raw=text.encode(),
        media_type="text/plain",
        source="checkthat",
        retrieved=when,
        published=when,
        language="en",
        genre=Genre.UNKNOWN,
    )


def _f1(gold: list[str], predicted: list[str], label: str) -> float:
    tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
    fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> int:
    """Print the agreement figures; 0 always (a benchmark reports, it does not gate)."""
    if not CHECKTHAT.exists():
        print(f"skipped: {CHECKTHAT} is absent")
        return 0
    with CHECKTHAT.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    extractor = Extractor(ExtractOptions(components=COMPONENTS))
    docs = [_document(r["sentence"]) for r in rows]
    gold = [r["label"] for r in rows]
    predicted: list[str] = []
    errors: Counter[tuple[str, str]] = Counter()
    for label, read in zip(gold, extractor.extract(docs), strict=True):
        main_kinds = {s.sentence: s.kind for s in reversed(read.statements)}
        subjective = any(kind in SUBJECTIVE for kind in main_kinds.values())
        guess = "SUBJ" if subjective else "OBJ"
        predicted.append(guess)
        if guess != label:
            kinds = "+".join(sorted({k.value for k in main_kinds.values()})) or "(none)"
            errors[(label, kinds)] += 1
    hits = sum(g == p for g, p in zip(gold, predicted, strict=True))
    subj, obj = _f1(gold, predicted, "SUBJ"), _f1(gold, predicted, "OBJ")
    print(f"CheckThat! 2025 subjectivity (en dev): {len(rows)} sentences")
    print(f"accuracy:  {hits / len(rows):.3f}")
    print(f"F1 SUBJ:   {subj:.3f}")
    print(f"F1 OBJ:    {obj:.3f}")
    print(f"macro F1:  {(subj + obj) / 2:.3f}")
    print("\nerrors by gold label and predicted kinds:")
    for (label, kinds), count in errors.most_common(10):
        print(f"  {count:>3}  gold {label:<4}  read as {kinds}")
    reliability(extractor, [r["sentence"] for r in rows], gold)
    return 0


def reliability(extractor: Extractor, sentences: list[str], gold: list[str]) -> None:
    """Calibration of the learned probability: each sentence scored whole, in ten bins."""
    model = load_model()
    docs = [_document(s) for s in sentences]
    probabilities = []
    for read in extractor.extract(docs):
        parsed = extractor.nlp(read.document.text)
        probabilities.append(model.score(parsed[:], read.attributions).probability)
    bins: list[list[tuple[float, bool]]] = [[] for _ in range(10)]
    for p, label in zip(probabilities, gold, strict=True):
        bins[min(int(p * 10), 9)].append((p, label == "SUBJ"))
    print("\nreliability of the learned probability (whole sentence, author's voice):")
    print("  bin        n   mean p   share SUBJ")
    ece = 0.0
    for k, members in enumerate(bins):
        if not members:
            continue
        mean_p = sum(p for p, _ in members) / len(members)
        share = sum(s for _, s in members) / len(members)
        ece += len(members) / len(gold) * abs(mean_p - share)
        print(f"  {k / 10:.1f}-{(k + 1) / 10:.1f}  {len(members):>4}   {mean_p:.3f}    {share:.3f}")
    print(f"  expected calibration error: {ece:.3f}")


if __name__ == "__main__":
    sys.exit(main())
