"""Tokens of an Arabic document as the reader's components see them: text, normalised form, span."""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc

__all__ = ["Tok", "sentence_spans", "tokens_of"]

_EDGE_PUNCT = "\"'«»“”‘’()[]{}.,،؛;:!?؟-—–…"
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")


class Tok(NamedTuple):
    """One token: surface text, normalised key (edge punctuation off), character span."""

    text: str
    norm: str
    start: int
    end: int


def tokens_of(doc: Doc) -> list[Tok]:
    """The word tokens of a parsed Arabic document (punctuation-only tokens dropped)."""
    out: list[Tok] = []
    for token in doc:
        norm = token.norm_.strip(_EDGE_PUNCT)
        if not norm:
            continue
        out.append(Tok(token.text, norm, token.idx, token.idx + len(token.text)))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split after . ! ? ؟ and at line breaks, blank pieces dropped."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        piece = text[a:b]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            out.append((a + lead, a + lead + len(stripped)))
    return out
