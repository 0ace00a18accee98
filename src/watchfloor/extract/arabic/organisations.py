"""Organisations the catalogue does not hold, read from the shape of their Arabic names.

An Arabic organisation's name is a head noun followed by its genitive and adjectives, which
are definite: "مجلس الأمن الدولي", "البرلمان العراقي", "حركة المقاومة الإسلامية". Heads come
from `names_ar.yaml`: `organisation_heads` (مجلس، حزب، البرلمان ...) with or without the
article; `organisation_heads_construct`, kinds with many members (صحيفة، شركة، وزارة), only
without it: "الصحيفة البريطانية" describes, "صحيفة الغارديان" names. The head may carry
proclitics ("للأمم المتحدة"). The name runs over the definite words after the head, up to a
punctuation mark, a word another reading took (a catalogue name, a place), a stop word (الذي,
إلى, days, التابع), a noun after its adjectives (a verb's object: "أعلنت نقابة المحامين
السوريين الإضراب") or five words; a head with no definite word after it ("المجلس") is not
read. What is found is an unresolved actor, as the English reader's NER candidates are: no
catalogue id, a score of 0.5.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from watchfloor.extract.arabic.normalise import strip_clitics
from watchfloor.extract.arabic.tokens import Tok

__all__ = ["find_organisations", "latin_names"]

_MAX_WORDS = 5
# Endings of relative adjectives (nisba: العراقي، الإسلامية، السوريين), normalised.
_NISBA = ("ي", "يه", "يين", "يون")


def _is_head(word: str, heads: Collection[str], construct: Collection[str]) -> bool:
    readings = strip_clitics(word)
    definite = any(r.startswith("ال") for r in readings)
    for reading in readings:
        if reading in heads or (reading.startswith("ال") and reading[2:] in heads):
            return True
        if reading in construct and not definite:
            return True
    return False


def find_organisations(
    toks: Sequence[Tok],
    lo: int,
    hi: int,
    text: str,
    taken: Collection[int],
    words: tuple[Collection[str], Collection[str], Collection[str]],
) -> list[tuple[int, int]]:
    """(first, last) token spans of organisation names in toks[lo:hi], left to right.

    `words`: heads read with or without the article, heads read only without it (first term
    of a construct), and the definite words that end a name.
    """
    heads, construct, stops = words
    out: list[tuple[int, int]] = []
    i = lo
    while i < hi:
        if i in taken or not _is_head(toks[i].norm, heads, construct):
            i += 1
            continue
        j = i + 1
        adjectives = False
        while j < hi and j - i < _MAX_WORDS and j not in taken:
            word = toks[j].norm
            joined = not text[toks[j - 1].end : toks[j].start].strip()  # no punctuation between
            if not joined or not word.startswith("ال") or len(word) <= 3 or word in stops:
                break
            nisba = word.endswith(_NISBA)
            if adjectives and not nisba:
                break  # after its adjectives a name ends: "نقابة المحامين السوريين | الإضراب"
            adjectives = adjectives or nisba
            j += 1
        if j - i >= 2:
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


_LATIN_NAME = re.compile(r"^[وفبلك]?([A-Z][A-Za-z0-9&.\-']+)$")


def latin_names(
    toks: Sequence[Tok], lo: int, hi: int, taken: Collection[int]
) -> list[tuple[int, int]]:
    """Runs of capitalised Latin-script words in Arabic text ("CNN", "وDell", "Al Jazeera").

    Arabic news keeps a foreign organisation's or brand's name in Latin letters far more often
    than a person's or a place's, which are transliterated; the caller resolves a run to the
    catalogue (its Latin aliases) when it can, else keeps it unresolved.
    """
    out: list[tuple[int, int]] = []
    i = lo
    while i < hi:
        if i in taken or not _LATIN_NAME.match(toks[i].text):
            i += 1
            continue
        j = i + 1
        while (
            j < hi
            and j not in taken
            and _LATIN_NAME.match(toks[j].text)
            and toks[j].text[0].isupper()
        ):
            j += 1
        out.append((i, j))
        i = j
    return out
