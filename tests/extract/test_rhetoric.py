"""Rhetorical markers: scare quotes vs quotations vs names, loaded terms, hedges, boosters."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

# The suite runs in importlib mode: make this folder's helper module importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_reading_support import make, nlp, seed_text

from watchfloor.extract.attribution import find_attributions
from watchfloor.extract.rhetoric import find_markers, find_terms, quoted_spans
from watchfloor.model import MarkerKind

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "rhetoric.yaml").read_text())


def _read(text: str):
    doc, context = make(text)
    return find_markers(find_attributions(doc, context), context)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_rhetoric_cases(case) -> None:
    doc = _read(case["text"])
    found = {(m.kind.value, m.text) for m in doc.markers}
    for kind, text in case["markers"]:
        assert (kind, text) in found, found
    if not case["markers"]:
        assert not found
    for name in case.get("not_scare", ()):
        assert ("scare_quote", name) not in found


def test_rhetoric_find_terms_prefers_longest_match() -> None:
    span = nlp()("The Zionist regime and the regime in Damascus.")[:]
    terms = [
        (entry, tag) for _, _, entry, tag in find_terms(span, {"zionist regime": "x", "regime": ""})
    ]
    assert terms == [("zionist regime", "x"), ("regime", "")]


def test_rhetoric_quoted_spans_exclude_inner_punctuation() -> None:
    span = nlp()("They are the “primary organizers,” he wrote.")[:]
    ((start, end, words),) = quoted_spans(span)
    assert span.doc.text[start:end] == "primary organizers" and words == 2


def test_rhetoric_seed_article_scare_quotes() -> None:
    doc = _read(seed_text())
    scare = [m.text for m in doc.markers if m.kind is MarkerKind.SCARE_QUOTE]
    assert len(scare) >= 14, scare
    assert "Rudaw" not in scare and "al-Shaddadi prison" not in scare
    names = {m.text for m in doc.markers if m.kind is MarkerKind.NAME_CALLING}
    assert {"Zionist regime", "Takfiri"} <= names
