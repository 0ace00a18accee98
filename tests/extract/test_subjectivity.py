"""The learned subjectivity score: shipped model, explanation, and its place among the kinds."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from helpers.reading import make
from watchfloor.extract.attribution import find_attributions, sentence_span
from watchfloor.extract.statements import find_statements
from watchfloor.extract.subjectivity import CUE_NAMES, SubjectivityScore, cue_values, load_model
from watchfloor.model import StatementKind

ROOT = Path(__file__).resolve().parents[2]
NEWSSD = ROOT.parent / "shared" / "data" / "newssd_eng"

OPINION = "This is a shameful, utterly foolish policy, and I think it will fail."
FACT = "The ministry opened 12 new schools in Raqqa on Tuesday."


def _read(text: str):
    doc, context = make(text)
    return find_statements(find_attributions(doc, context), context), context


def _probability(text: str) -> float:
    doc, context = make(text)
    doc = find_attributions(doc, context)
    span = sentence_span(context, 0, len(doc.document.text))
    assert span is not None
    return load_model().score(span, doc.attributions).probability


def test_subjectivity_model_ships_with_its_credit_and_seed() -> None:
    model = load_model()
    assert "NewsSD-ENG" in model.meta["credit"] and "CC BY 4.0" in model.meta["credit"]
    assert isinstance(model.meta["seed"], int)
    assert 0.0 < model.threshold < 1.0
    assert model.weights.shape == model.mean.shape == model.scale.shape
    assert len(model.weights) > len(CUE_NAMES)  # the named cues plus the parse's vectors


def test_subjectivity_opinion_scores_above_a_plain_fact() -> None:
    assert _probability(OPINION) > 0.5 > _probability(FACT)


def test_subjectivity_decides_opinion_vs_reported_fact_with_reasons() -> None:
    doc, _ = _read(f"{OPINION} {FACT}")
    main = {s.sentence: s for s in reversed(doc.statements)}
    assert main[0].kind is StatementKind.OPINION
    assert main[1].kind is StatementKind.REPORTED_FACT
    for statement in main.values():
        assert statement.reasons[0].startswith("learned subjectivity 0.")
    assert "first person" in main[0].reasons[0] or "evaluative" in " ".join(main[0].reasons)


def test_subjectivity_attributed_opinion_stays_attributed() -> None:
    doc, _ = _read("The SDF said that this shameful, utterly foolish policy will fail.")
    assert doc.statements[0].kind is StatementKind.ATTRIBUTED_CLAIM


def test_subjectivity_cues_in_an_attribution_do_not_count() -> None:
    doc, context = make("The SDF said that this shameful, foolish policy will fail.")
    doc = find_attributions(doc, context)
    span = sentence_span(context, 0, len(doc.document.text))
    assert span is not None
    voiced = dict(zip(CUE_NAMES, cue_values(span), strict=True))
    quoted = dict(zip(CUE_NAMES, cue_values(span, doc.attributions), strict=True))
    assert voiced["evaluative word"] > 0 and quoted["evaluative word"] == 0
    assert quoted["attributed share"] > 0


def test_subjectivity_reasons_name_the_cues_on_the_decided_side() -> None:
    score = SubjectivityScore(0.8, (("booster", 0.9), ("figures", -0.4), ("hedge", 0.01)))
    (reason,) = score.reasons()
    assert reason == "learned subjectivity 0.80: booster (+0.90)"
    assert SubjectivityScore(0.2, ()).reasons() == ["learned subjectivity 0.20"]


def _training_script():
    path = ROOT / "scripts" / "train_subjectivity.py"
    spec = importlib.util.spec_from_file_location("train_subjectivity", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_subjectivity_training_fit_is_deterministic_and_learns() -> None:
    train = _training_script()
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3))
    y = (x[:, 0] - x[:, 1] > 0).astype(float)
    first, second = train.fit(x, y, 1.0), train.fit(x, y, 1.0)
    assert np.array_equal(first, second)
    assert train.macro_f1(y, train.predict(first, x) >= 0.5) > 0.9


@pytest.mark.skipif(not NEWSSD.exists(), reason="../shared/data/newssd_eng is absent")
def test_subjectivity_training_reads_newssd_labels() -> None:
    texts, labels = _training_script().read_split(NEWSSD / "val.csv")
    assert len(texts) == len(labels) > 50
    assert 0 < labels.mean() < 1
