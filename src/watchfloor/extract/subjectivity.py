"""A learned subjective / objective score for a sentence in the author's voice.

The score is a logistic regression over two kinds of features of one parsed sentence:

- named cues that a reader can check: the packaged lexicons (evaluative words, boosters,
  loaded terms, hedges), first person, hedging and obligation modals, superlatives and
  comparatives, negation, exclamation, scare quotes, figures, proper names, and the shares of
  adjectives, adverbs and pronouns;
- the mean of spaCy's contextual token vectors over the sentence (`doc.tensor`, already
  computed by the parse, so it costs nothing more to read).

The weights ship as `resolve/data/models/subjectivity.json`, trained by
`scripts/train_subjectivity.py` on NewsSD-ENG (CC BY 4.0, see the file's `credit`) with a
fixed seed. A decision keeps its explanation: the probability and the named cues that pushed
it furthest (weight x value), which the statement classifier writes into Statement.reasons.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from spacy.tokens import Span, Token

from watchfloor.errors import ConfigError
from watchfloor.extract.rhetoric import find_terms, quoted_spans
from watchfloor.model import Attribution
from watchfloor.resolve.ontology import load_lexicon

__all__ = [
    "CUE_NAMES",
    "MODEL_FILE",
    "SubjectivityModel",
    "SubjectivityScore",
    "cue_values",
    "load_model",
    "sentence_features",
]

MODEL_FILE = "subjectivity.json"
_FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
_FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_HEDGE_MODALS = frozenset({"may", "might", "could", "would"})
_STRONG_MODALS = frozenset({"should", "must", "ought", "shall"})
_NEGATIONS = frozenset({"not", "n't", "never", "no", "nothing", "nobody", "nor"})

# Each named cue, as shown in a reason. Counts are per sentence; shares are of its words.
CUE_NAMES: tuple[str, ...] = (
    "evaluative word",
    "booster",
    "loaded term",
    "hedge",
    "first person singular",
    "first person plural",
    "second person",
    "hedging modal",
    "obligation modal",
    "superlative",
    "comparative",
    "negation",
    "exclamation",
    "scare quote",
    "quotation marks",
    "figures",
    "proper names",
    "adjectives",
    "adverbs",
    "pronouns",
    "reporting verb",
    "attributed share",
    "long sentence",
)


@dataclass(frozen=True, slots=True)
class SubjectivityScore:
    """A sentence's probability of being subjective and the named cues behind it."""

    probability: float
    cues: tuple[tuple[str, float], ...]  # (cue, contribution to the log-odds), largest first

    def reasons(self, top: int = 3) -> list[str]:
        """The probability and the strongest cues for the decision, as reason strings."""
        subjective = self.probability >= 0.5
        shown = [
            f"{name} ({weight:+.2f})"
            for name, weight in self.cues
            if (weight > 0) == subjective and abs(weight) >= 0.05
        ][:top]
        text = f"learned subjectivity {self.probability:.2f}"
        return [text + (": " + ", ".join(shown) if shown else "")]


def cue_values(span: Span, attributions: Sequence[Attribution] = ()) -> np.ndarray:
    """The named cue values of a sentence, in CUE_NAMES order (author's voice only)."""

    def voiced(token: Token) -> bool:
        return not any(a.evidence.start <= token.idx < a.evidence.end for a in attributions)

    words = [t for t in span if not t.is_punct and not t.is_space]
    n = max(len(words), 1)
    quoted = quoted_spans(span)
    values = dict.fromkeys(CUE_NAMES, 0.0)

    def count(lexicon: str, cue: str) -> None:
        for i, _, _, _ in find_terms(span, load_lexicon(lexicon)):
            token = span.doc[i]
            if voiced(token) and not any(a <= token.idx < b for a, b, _ in quoted):
                values[cue] += 1.0

    count("evaluative", "evaluative word")
    count("boosters", "booster")
    count("loaded_terms", "loaded term")
    count("hedges", "hedge")
    reporting = load_lexicon("reporting_verbs")
    attributed = 0
    for token in span:
        if not voiced(token):
            attributed += 1
            continue
        lower, tag = token.lower_, token.tag_
        if lower in _FIRST_SINGULAR:
            values["first person singular"] += 1.0
        elif lower in _FIRST_PLURAL:
            values["first person plural"] += 1.0
        elif lower in _SECOND_PERSON:
            values["second person"] += 1.0
        if tag == "MD":
            if lower in _HEDGE_MODALS:
                values["hedging modal"] += 1.0
            elif lower in _STRONG_MODALS:
                values["obligation modal"] += 1.0
        if tag in ("JJS", "RBS"):
            values["superlative"] += 1.0
        elif tag in ("JJR", "RBR"):
            values["comparative"] += 1.0
        if lower in _NEGATIONS:
            values["negation"] += 1.0
        if token.text == "!":
            values["exclamation"] += 1.0
        if token.like_num:
            values["figures"] += 1.0
        if token.pos_ == "PROPN":
            values["proper names"] += 1.0 / n
        elif token.pos_ == "ADJ":
            values["adjectives"] += 1.0 / n
        elif token.pos_ == "ADV":
            values["adverbs"] += 1.0 / n
        elif token.pos_ == "PRON":
            values["pronouns"] += 1.0 / n
        if token.pos_ == "VERB" and token.lemma_.lower() in reporting:
            values["reporting verb"] += 1.0
    values["scare quote"] = float(sum(1 for _, _, w in quoted if w <= 4))
    values["quotation marks"] = float(sum(1 for _, _, w in quoted if w > 4))
    values["attributed share"] = attributed / max(len(span), 1)
    values["long sentence"] = min(len(words) / 40.0, 2.0)
    raw = np.array([values[name] for name in CUE_NAMES], dtype=np.float64)
    # Counts grow slowly: the second evaluative word says less than the first.
    return np.log1p(raw)


def sentence_features(span: Span, attributions: Sequence[Attribution] = ()) -> np.ndarray:
    """Named cues followed by the mean contextual vector of the sentence's words."""
    cues = cue_values(span, attributions)
    tensor = span.doc.tensor
    rows = [t.i for t in span if not t.is_punct and not t.is_space]
    if tensor is None or not len(tensor) or not rows:
        width = 0 if tensor is None or not len(tensor) else tensor.shape[1]
        vector = np.zeros(width, dtype=np.float64)
    else:
        vector = np.asarray(tensor[rows], dtype=np.float64).mean(axis=0)
    return np.concatenate([cues, vector])


@dataclass(frozen=True)
class SubjectivityModel:
    """Standardise, then a logistic regression; weights and scaling come from the model file."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float
    meta: dict[str, Any]

    def score(self, span: Span, attributions: Sequence[Attribution] = ()) -> SubjectivityScore:
        """The probability that the sentence is subjective, with its strongest named cues."""
        features = sentence_features(span, attributions)
        if features.shape != self.mean.shape:
            # A parse without the expected vectors (another spaCy model): cues only.
            features = np.concatenate([features[: len(CUE_NAMES)], self.mean[len(CUE_NAMES) :]])
        z = (features - self.mean) / self.scale
        contributions = z * self.weights
        logit = float(contributions.sum()) + self.bias
        # Shift so that the shipped threshold reads as 0.5.
        logit -= float(np.log(self.threshold / (1.0 - self.threshold)))
        probability = 1.0 / (1.0 + float(np.exp(-logit)))
        named = contributions[: len(CUE_NAMES)]
        order = np.argsort(-np.abs(named))
        cues = tuple((CUE_NAMES[i], float(named[i])) for i in order if features[i] != 0.0)
        return SubjectivityScore(probability, cues)


@cache
def load_model(name: str = MODEL_FILE) -> SubjectivityModel:
    """The packaged model (read once per process)."""
    path = resources.files("watchfloor.resolve") / "data" / "models" / name
    if not path.is_file():
        raise ConfigError(
            f"no subjectivity model {name!r} in watchfloor/resolve/data/models; "
            "rebuild it with `make model`"
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["cues"]) != CUE_NAMES:
        raise ConfigError(f"{name}: its cues differ from this code's; rebuild with `make model`")
    return SubjectivityModel(
        mean=np.array(data["mean"], dtype=np.float64),
        scale=np.array(data["scale"], dtype=np.float64),
        weights=np.array(data["weights"], dtype=np.float64),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        meta={k: v for k, v in data.items() if k not in ("mean", "scale", "weights")},
    )
