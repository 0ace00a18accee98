"""Rhetorical markers: scare quotes vs quotations vs names, loaded terms, hedges, boosters."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.reading import make, nlp, seed_text
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


def _find_terms_reference(span, lexicon):
    """find_terms as first written: every window of 5..2 tokens, keys read from Doc.text."""
    found = []
    tokens = [t for t in span if not t.is_space]
    i = 0
    while i < len(tokens):
        match = None
        for size in range(min(5, len(tokens) - i), 1, -1):
            window = tokens[i : i + size]
            words = " ".join(t.lower_ for t in window)
            if words not in lexicon:
                text = span.doc.text[window[0].idx : window[-1].idx + len(window[-1].text)]
                words = " ".join(text.lower().split())
            if words in lexicon:
                match = (tokens[i].i, tokens[i + size - 1].i + 1, words, lexicon[words])
                break
        if match is None:
            token = tokens[i]
            for key in (token.lower_, token.lemma_.lower()):
                fits = key not in ("may", "might", "could") or token.tag_ == "MD"
                if key in lexicon and fits:
                    match = (token.i, token.i + 1, key, lexicon[key])
                    break
        if match is not None:
            found.append(match)
            i += match[1] - match[0]
        else:
            i += 1
    return found


# Words and separators that stress the shortcuts: hyphenated and glued entries, prefixes of
# entries, non-ASCII case folding (final sigma, dotted I), line breaks and double spaces.
_WORDS = ["so", "called", "so-called", "it", "is", "essential", "the", "a", "may"]
_WORDS += ["Hidden", "hands", "ΟΔΟΣ", "İstanbul", "naïve"]
_WORDS += ["regime", "Zionist", "behind", "scenes", "x"]
_GAPS = [" ", " ", " ", "  ", "-", "", "\n", ", ", "’s "]
_ENTRIES = ["so-called", "so called", "it is essential", "hidden hands", "οδος", "i̇stanbul"]
_ENTRIES += ["naïve regime", "zionist regime", "behind the scenes", "a", "may", "it", "x-x"]
_ENTRIES += ["regime", "the so-called regime"]


@given(
    words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14),
    gaps=st.lists(st.sampled_from(_GAPS), min_size=14, max_size=14),
    entries=st.sets(st.sampled_from(_ENTRIES), min_size=1),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_rhetoric_find_terms_matches_reference(words, gaps, entries) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False)).strip() or "x"
    span = nlp()(text)[:]
    lexicon = dict.fromkeys(entries, "")
    assert find_terms(span, lexicon) == _find_terms_reference(span, lexicon)
