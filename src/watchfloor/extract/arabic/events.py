"""Arabic event triggers → the ontology's event types, with modality.

The trigger lexicon is data (`triggers` in `data/lexicon_ar.yaml`), mapped to the same codes as
the English reader (resolve/data/ontology.yaml). At each word the longest trigger wins; an
attack in a sentence that names a prison is an attack on a detention facility; words just
before a trigger that say it failed, was planned or is feared set its modality.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from watchfloor.extract.arabic.lexicon import ArabicLexicon
from watchfloor.extract.arabic.numbers import match_phrase
from watchfloor.extract.arabic.tokens import Tok
from watchfloor.model import Modality

__all__ = ["TriggerHit", "find_triggers"]

_MODALITY_REACH = 3
_ATTACKS = frozenset({"armed_attack", "suicide_bombing", "armed_clash"})


@dataclass(frozen=True, slots=True)
class TriggerHit:
    """A trigger over tokens [first, last) of one sentence, typed, with its modality."""

    first: int
    last: int
    event_type: str
    modality: Modality
    reason: str


def _modality(toks: Sequence[Tok], i: int, lo: int, lex: ArabicLexicon) -> tuple[Modality, str]:
    for name, phrases in lex.modality.items():
        for start in range(max(lo, i - _MODALITY_REACH), i):
            if any(match_phrase(toks, start, words) for words in phrases):
                return Modality(name), f"«{toks[start].text}» before the trigger: {name}"
    return Modality.ASSERTED, ""


def find_triggers(
    toks: Sequence[Tok], lo: int, hi: int, lex: ArabicLexicon, *, near_prison: bool
) -> list[TriggerHit]:
    """Event triggers of the sentence over tokens [lo, hi), left to right."""
    hits: list[TriggerHit] = []
    i = lo
    while i < hi:
        best: tuple[int, str] | None = None
        for event_type, phrases in lex.triggers.items():
            for words in phrases:
                fits = i + len(words) <= hi and match_phrase(toks, i, words)
                if fits and (best is None or len(words) > best[0]):
                    best = (len(words), event_type)
        if best is None:
            i += 1
            continue
        length, event_type = best
        reason = f"trigger «{' '.join(t.text for t in toks[i : i + length])}»"
        if event_type in _ATTACKS - {"armed_clash"} and near_prison:
            event_type = "attack_on_detention_facility"
            reason += " in a sentence naming a prison"
        modality, why = _modality(toks, i, lo, lex)
        hits.append(
            TriggerHit(i, i + length, event_type, modality, "; ".join(filter(None, (reason, why))))
        )
        i += length
    return hits
