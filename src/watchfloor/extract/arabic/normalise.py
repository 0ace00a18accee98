"""Arabic orthographic normalisation, as a function and as the spaCy component `ar_normaliser`.

One key for the spellings an Arabic text may use for the same word: alef forms (أ إ آ ٱ → ا),
alef maqsura (ى → ي), ta marbuta (ة → ه), no tashkeel (harakat, shadda, sukun, dagger alef),
no tatweel, Arabic-Indic (٠-٩) and Persian (۰-۹) digits as ASCII, the Arabic thousands and
decimal separators (٬ ٫) as "," and ".", presentation forms folded by NFKC. The map is
character for character (NFKC aside), so a token's normalised form lines up with its text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["PROCLITICS", "is_arabic", "normalise", "strip_clitics"]

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "٬": ",",
        "٫": ".",
        "،": "،",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")

# Proclitics written attached to the next word: conjunctions و ف, prepositions ب ل ك.
PROCLITICS = ("و", "ف", "ب", "ل", "ك")


def normalise(text: str) -> str:
    """The normalised form of an Arabic text (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text)
    return _TASHKEEL.sub("", text).translate(_MAP)


def is_arabic(text: str) -> bool:
    """True when the text holds at least one Arabic letter."""
    return _ARABIC_LETTER.search(text) is not None


@lru_cache(maxsize=1 << 16)
def strip_clitics(word: str) -> tuple[str, ...]:
    """The readings of a normalised word with proclitics and the article peeled off.

    "والحسكه" → ["والحسكه", "الحسكه", "حسكه"]; "بالشدادي" → [..., "الشدادي", "شدادي"];
    "للمرصد" (ل + ال with the alef dropped) → [..., "المرصد", "مرصد"]. The word itself comes
    first; a reading is kept only while at least two letters remain.
    """
    readings = [word]
    rest = word
    for _ in range(2):  # at most a conjunction then a preposition: "وبال..."
        if len(rest) > 3 and rest[0] in PROCLITICS:
            if rest[0] == "ل" and rest.startswith("لل") and len(rest) > 4:
                readings.append("ال" + rest[2:])  # ل + ال: the alef is not written
                rest = "ال" + rest[2:]
                break
            rest = rest[1:]
            readings.append(rest)
        else:
            break
    if rest.startswith("ال") and len(rest) > 3:
        readings.append(rest[2:])
    return tuple(dict.fromkeys(readings))


@Language.component("ar_normaliser")
def ar_normaliser(doc: Doc) -> Doc:
    """Set `token.norm_` to the normalised form of each token."""
    for token in doc:
        token.norm_ = normalise(token.text)
    return doc
