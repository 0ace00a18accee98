"""Who says so in Arabic, and the kind of each sentence.

Constructions (words in `attribution` of `data/lexicon_ar.yaml`): بحسب / وفقاً لـ / نقلاً عن + a
source; قال / أفاد / أعلن ... with the source after the verb (VSO: "قالت قوات سوريا الديمقراطية")
or before it ("المرصد السوري ... قال"); مصادر / مصدر / ناشطون as a vague source; زعم / ادّعى as
distance. Sentence kinds: question, call to action, attributed claim, vague attribution,
opinion, reported fact, each with its reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from watchfloor.extract.arabic.lexicon import ArabicLexicon
from watchfloor.extract.arabic.names import NameHit
from watchfloor.extract.arabic.numbers import match_phrase
from watchfloor.extract.arabic.tokens import Tok
from watchfloor.model import Source, SourceKind, StatementKind

__all__ = ["Reading", "read_sentence"]

_OUTLET_TYPES = frozenset({"media_outlet", "monitor"})
_REACH = 6  # words between a reporting verb and its source


@dataclass(frozen=True, slots=True)
class Reading:
    """What one sentence says about its source: cited link, verb, vagueness, kind, reasons."""

    source: Source | None
    verb: str
    cue: int  # token index of the reporting word, or -1
    vague: bool
    kind: StatementKind
    reasons: tuple[str, ...]


def _any(toks: Sequence[Tok], lo: int, hi: int, phrases: Sequence[tuple[str, ...]]) -> int:
    for i in range(lo, hi):
        if any(match_phrase(toks, i, words) for words in phrases):
            return i
    return -1


def _source_of(hit: NameHit, types: Mapping[str, str | None], names: Mapping[str, str]) -> Source:
    kind = SourceKind.OUTLET if types.get(hit.ident) in _OUTLET_TYPES else SourceKind.ACTOR
    return Source(name=names.get(hit.ident, hit.ident), kind=kind, actor_id=hit.ident)


def read_sentence(
    toks: Sequence[Tok],
    lo: int,
    hi: int,
    text: str,
    actors: Sequence[NameHit],
    lex: ArabicLexicon,
    types: Mapping[str, str | None],
    names: Mapping[str, str],
) -> Reading:
    """The reading of the sentence over tokens [lo, hi) whose text is `text`."""
    att = lex.attribution
    source: Source | None = None
    verb, cue, vague = "", -1, False
    reasons: list[str] = []
    at = _any(toks, lo, hi, att["according_to"])
    said = _any(toks, lo, hi, att["said"])
    for index, construction in ((at, "according to"), (said, "said")):
        if index < 0 or source is not None:
            continue
        after = [a for a in actors if index < a.first <= index + _REACH]
        before = [a for a in actors if lo <= a.first < index and construction == "said"]
        vague_at = _any(toks, index + 1, min(hi, index + 4), att["vague"])
        if after and (vague_at < 0 or after[0].first < vague_at):
            source = _source_of(after[0], types, names)
        elif vague_at >= 0:
            source = Source(name=toks[vague_at].text, kind=SourceKind.VAGUE)
            vague = True
        elif before:
            source = _source_of(before[-1], types, names)
        if source is not None:
            verb, cue = toks[index].text, index
            reasons.append(f"{construction} «{toks[index].text}» → {source.name}")
    distance = _any(toks, lo, hi, att["distance"])
    stripped = text.strip()
    if stripped.endswith(("؟", "?")) or _any(toks, lo, min(hi, lo + 1), att["question"]) >= 0:
        kind, why = StatementKind.QUESTION, "question mark or question word"
    elif _any(toks, lo, hi, att["call_to_action"]) >= 0:
        kind, why = StatementKind.CALL_TO_ACTION, "call to act"
    elif source is not None and vague:
        kind, why = StatementKind.VAGUE_ATTRIBUTION, "unnamed source"
    elif source is not None or distance >= 0:
        kind, why = StatementKind.ATTRIBUTED_CLAIM, "attributed to a source"
        if distance >= 0:
            reasons.append(f"distance «{toks[distance].text}»")
    elif _any(toks, lo, hi, att["opinion"]) >= 0:
        kind, why = StatementKind.OPINION, "opinion wording"
    else:
        kind, why = StatementKind.REPORTED_FACT, "no source and no opinion cue"
    return Reading(source, verb, cue, vague, kind, (why, *reasons))
