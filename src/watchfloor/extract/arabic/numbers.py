"""Arabic numbers: digits of both scripts, number words, duals, vague counts and hedges.

Reads on normalised tokens (Arabic-Indic and Persian digits are ASCII there, ٬ ٫ are , .):
"1,500" and "١٬٥٠٠", "خمسة وعشرين" (25), "ثلاثة آلاف" (3000), "جنديين" (2), "عشرات" (20..99),
"مئات" (200..999), "آلاف" (2000..9999), with the hedge before it: نحو / حوالي / قرابة
(approximately), ما لا يقل عن (at least), أكثر من (more than), أقل من (less than).
The words are data (`data/lexicon_ar.yaml`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from watchfloor.extract.arabic.lexicon import ArabicLexicon, Phrase
from watchfloor.extract.arabic.normalise import strip_clitics
from watchfloor.extract.arabic.tokens import Tok
from watchfloor.model import Qualifier

__all__ = ["NumberHit", "match_phrase", "read_numbers"]

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DUAL_ENDINGS = ("ين", "ان", "تين", "تان")


@dataclass(frozen=True, slots=True)
class NumberHit:
    """A figure over tokens [first, last): its range, hedge, and first token of the hedge."""

    first: int
    last: int
    low: int
    high: int | None
    qualifier: Qualifier
    hedge_first: int


def match_phrase(toks: Sequence[Tok], i: int, words: Phrase) -> bool:
    """Whether the phrase starts at token i (clitics allowed on its first word)."""
    if i + len(words) > len(toks):
        return False
    for k, word in enumerate(words):
        norms = strip_clitics(toks[i + k].norm) if k == 0 else (toks[i + k].norm,)
        if word.endswith("*"):
            if not any(n.startswith(word[:-1]) for n in norms):
                return False
        elif word not in norms:
            return False
    return True


def _word_value(norm: str, lex: ArabicLexicon) -> int | None:
    for reading in strip_clitics(norm):
        if reading in lex.number_words:
            return lex.number_words[reading]
        if _DIGITS.match(reading):
            return int(reading.replace(",", ""))
    return None


def _dual(norm: str, lex: ArabicLexicon) -> bool:
    for reading in strip_clitics(norm):
        for ending in _DUAL_ENDINGS:
            stem = reading[: -len(ending)]
            if reading.endswith(ending) and (
                stem in lex.dual_nouns or stem + "ه" in lex.dual_nouns
            ):
                return True
    return False


def _hedge(toks: Sequence[Tok], i: int, lex: ArabicLexicon) -> tuple[Qualifier, int]:
    """The hedge ending just before token i, and where it starts."""
    for name, phrases in lex.hedges.items():
        for words in phrases:
            start = i - len(words)
            if start >= 0 and match_phrase(toks, start, words):
                return Qualifier(name), start
    return Qualifier.EXACT, i


def read_numbers(toks: Sequence[Tok], lex: ArabicLexicon) -> list[NumberHit]:
    """Every figure in the tokens, left to right."""
    hits: list[NumberHit] = []
    i = 0
    while i < len(toks):
        norm = toks[i].norm
        value = _word_value(norm, lex)
        if (value is not None and value < 1900) or (value is not None and "," in norm):
            j = i + 1
            # "خمسة وعشرين": units and tens joined by و; "ثلاثة آلاف": a multiplier.
            if j < len(toks) and toks[j].norm.startswith("و"):
                more = _word_value(toks[j].norm[1:], lex)
                if more is not None and more >= 20 and value < 10:
                    value, j = value + more, j + 1
            if j < len(toks):
                mult = next(
                    (
                        lex.multipliers[r]
                        for r in strip_clitics(toks[j].norm)
                        if r in lex.multipliers
                    ),
                    None,
                )
                if mult is not None and value < 1000:
                    value, j = value * mult, j + 1
            qualifier, start = _hedge(toks, i, lex)
            hits.append(
                NumberHit(i, j, value, None if qualifier in _OPEN else value, qualifier, start)
            )
            i = j
            continue
        vague = next((lex.vague[r] for r in strip_clitics(norm) if r in lex.vague), None)
        if vague is not None:
            qualifier, start = _hedge(toks, i, lex)
            hits.append(NumberHit(i, i + 1, vague[0], vague[1], Qualifier.VAGUE, start))
            i += 1
            continue
        if _dual(norm, lex):
            hits.append(NumberHit(i, i + 1, 2, 2, Qualifier.EXACT, i))
        i += 1
    return hits


_OPEN = frozenset({Qualifier.AT_LEAST, Qualifier.MORE_THAN})
