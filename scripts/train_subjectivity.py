"""Train the subjective / objective model the statement classifier ships with.

Data: NewsSD-ENG (Antici et al., LREC-COLING 2024; CC BY 4.0), read from
../shared/data/newssd_eng: `train.csv` fits the weights, `val.csv` picks the regularisation
and the decision threshold. Nothing else is read: the CheckThat! sentences only measure.

Each sentence is read by watchfloor's own parse and components up to attribution, then turned
into features by `watchfloor.extract.subjectivity.sentence_features`, so training and use see
the same numbers. The fit is a plain L2-regularised logistic regression solved by Newton's
method in numpy: deterministic, no random state (the seed below fixes the only shuffle, the
validation folds), so the same data and code write the same file byte for byte.

    python scripts/train_subjectivity.py [--data DIR] [--out FILE]     (or: make model)
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from watchfloor.extract import ExtractOptions
from watchfloor.extract.attribution import sentence_span
from watchfloor.extract.components import Context
from watchfloor.extract.nlp import load_nlp
from watchfloor.extract.registrations import default_registry
from watchfloor.extract.resources import load_resources
from watchfloor.extract.subjectivity import CUE_NAMES, MODEL_FILE, sentence_features
from watchfloor.model import AnnotatedDocument, Document, Genre

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "newssd_eng"
OUT = ROOT / "src" / "watchfloor" / "resolve" / "data" / "models" / MODEL_FILE
SEED = 15
COMPONENTS = (
    "watchfloor.sentences.v1",
    "watchfloor.places.v1",
    "watchfloor.actors.v1",
    "watchfloor.attribution.v1",
)
L2_GRID = (1.0, 3.0, 10.0, 30.0, 100.0)
CREDIT = (
    "Trained on NewsSD-ENG (F. Antici, F. Ruggeri, A. Galassi, K. Korre, A. Muti, A. Bardi, "
    "A. Fedotova, A. Barrón-Cedeño, 'A Corpus for Sentence-Level Subjectivity Detection on "
    "English News Articles', LREC-COLING 2024; github.com/nlp-unibo/newssd-eng), licensed "
    "CC BY 4.0. The model holds weights only, no sentence of the corpus."
)


def read_split(path: Path) -> tuple[list[str], np.ndarray]:
    """Sentences and labels (1 = SUBJ) of one NewsSD-ENG file."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r["Sentence"].strip() for r in rows], np.array(
        [r["Label"].strip() == "SUBJ" for r in rows], dtype=np.float64
    )


def featurise(texts: Iterable[str]) -> np.ndarray:
    """The feature matrix of sentences, read as the product reads them (one text each)."""
    options = ExtractOptions(components=COMPONENTS)
    resources = load_resources()
    registry = default_registry()
    components = [registry.get(name) for name in COMPONENTS]
    nlp = load_nlp(options.spacy_model, resources.ruler_patterns())
    when = datetime(2024, 1, 1, tzinfo=UTC)
    documents = [
        Document.build(
            text,
            raw=text.encode(),
            media_type="text/plain",
            source="newssd",
            retrieved=when,
            published=when,
            language="en",
            genre=Genre.UNKNOWN,
        )
        for text in texts
    ]
    rows = []
    parses = nlp.pipe((d.text for d in documents), batch_size=64)
    for document, parsed in zip(documents, parses, strict=True):
        context = Context(parsed=parsed, resources=resources, options=options)
        annotated = AnnotatedDocument(document=document)
        for comp in components:
            annotated = comp(annotated, context)
        span = sentence_span(context, 0, len(parsed.text)) or parsed[:]
        rows.append(sentence_features(span, annotated.attributions))
    return np.vstack(rows)


def fit(x: np.ndarray, y: np.ndarray, l2: float, weights: np.ndarray | None = None) -> np.ndarray:
    """L2 logistic regression by Newton's method; the last weight is the (free) bias."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    sample = np.ones(len(y)) if weights is None else weights
    penalty = np.full(xb.shape[1], l2)
    penalty[-1] = 0.0
    w = np.zeros(xb.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (sample * (p - y)) + penalty * w
        hess = (xb * (sample * p * (1 - p))[:, None]).T @ xb + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Probabilities of SUBJ."""
    return 1.0 / (1.0 + np.exp(-(x @ w[:-1] + w[-1])))


def macro_f1(y: np.ndarray, guess: np.ndarray) -> float:
    """Mean of the SUBJ and OBJ F1."""
    gold, pred = y.astype(bool), guess.astype(bool)
    scores = []
    for a, b in ((gold, pred), (~gold, ~pred)):
        tp, fp, fn = (a & b).sum(), (~a & b).sum(), (a & ~b).sum()
        scores.append(2 * tp / max(2 * tp + fp + fn, 1))
    return float(np.mean(scores))


def select(
    x: np.ndarray, y: np.ndarray, xv: np.ndarray, yv: np.ndarray
) -> tuple[float, float, list[dict[str, float]]]:
    """Regularisation and threshold: best mean macro-F1 over validation and train folds.

    The validation split is small (99 sentences), so each setting is also scored by 5-fold
    cross-validation on train (folds shuffled with SEED); both count equally.
    """
    folds = np.random.default_rng(SEED).permutation(len(y)) % 5
    balance = _balance(y)
    table = []
    best = (-1.0, 1.0, 0.5)
    for l2 in L2_GRID:
        w = fit(x, y, l2, balance)
        pv = predict(w, xv)
        oof = np.zeros(len(y))
        for k in range(5):
            held = folds == k
            wk = fit(x[~held], y[~held], l2, balance[~held])
            oof[held] = predict(wk, x[held])
        for threshold in np.arange(0.30, 0.71, 0.05):
            score = (macro_f1(yv, pv >= threshold) + macro_f1(y, oof >= threshold)) / 2
            table.append({"l2": l2, "threshold": round(float(threshold), 2), "score": score})
            if score > best[0] + 1e-9:
                best = (score, l2, round(float(threshold), 2))
    return best[1], best[2], table


def _balance(y: np.ndarray) -> np.ndarray:
    """Sample weights that give both classes equal total weight."""
    positive = y.mean()
    return np.where(y == 1, 0.5 / positive, 0.5 / (1 - positive))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not (args.data / "train.csv").exists():
        print(f"no NewsSD-ENG at {args.data}: nothing trained", file=sys.stderr)
        return 1
    texts, y = read_split(args.data / "train.csv")
    val_texts, yv = read_split(args.data / "val.csv")
    x, xv = featurise(texts), featurise(val_texts)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z, zv = (x - mean) / scale, (xv - mean) / scale
    l2, threshold, _ = select(z, y, zv, yv)
    w = fit(z, y, l2, _balance(y))
    val_f1 = macro_f1(yv, predict(w, zv) >= threshold)
    model = {
        "name": "watchfloor subjectivity (logistic regression)",
        "credit": CREDIT,
        "trained_on": "NewsSD-ENG train.csv (731 sentences); selected on val.csv (99)",
        "seed": SEED,
        "l2": l2,
        "threshold": threshold,
        "val_macro_f1": round(val_f1, 4),
        "cues": list(CUE_NAMES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "weights": [round(float(v), 6) for v in w[:-1]],
        "bias": round(float(w[-1]), 6),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"l2 {l2}, threshold {threshold}, validation macro-F1 {val_f1:.3f} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
