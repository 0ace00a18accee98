"""Matching keys for place names: the gazetteer README's normalisation plus transliteration folds.

`name_key` is the exact key (lower-case, no diacritics or apostrophes, articles dropped, no
spaces, doubled letters collapsed, final -ah/-eh folded). `skeleton_key` is a looser key, the
consonant skeleton, for spelling variants such as Deir ez-Zor / Dayr az-Zawr; it is only used
when the exact key finds nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from watchfloor.model.geo import haversine_km

__all__ = [
    "DEFAULT_ARTICLES",
    "KEY_VERSION",
    "distance_km",
    "ending_variants",
    "is_arabic",
    "name_key",
    "skeleton_key",
    "translit_key",
]

# Bumped whenever name_key changes: the packaged data stores precomputed keys under it.
KEY_VERSION = "1"
DEFAULT_ARTICLES = frozenset(
    [
        "al",
        "as",
        "ash",
        "ad",
        "ar",
        "at",
        "az",
        "el",
        "an",
        "ath",
        "adh",
        "es",
        "ed",
        "er",
        "et",
        "ez",
        "en",
        "il",
        "ul",
    ]
)
_APOSTROPHES = dict.fromkeys(map(ord, "ʿʾ‘’'`´ʻʼ′"), None)
_PUNCT = re.compile(r"[^\w]+|_")
_DOUBLES = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"([ae])h$")
# Arabic: short vowels, shadda, sukun, dagger alef and tatweel carry no identity.
_AR_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_AR_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
)
_ARABIC = re.compile("[\u0600-\u06ff]")
# Skeleton folds: letters that transliterations swap freely.
_SKELETON_PAIRS = (
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("th", "t"),
    ("dh", "d"),
    ("q", "k"),
    ("c", "k"),
    ("ou", "u"),
    ("ph", "f"),
    ("j", "g"),
)


def is_arabic(text: str) -> bool:
    """True when the text contains Arabic-script letters."""
    return bool(_ARABIC.search(text))


def _strip_marks(text: str) -> str:
    """Drop combining diacritics (NFKD) so Ḩasakah and Hasakah compare equal."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _arabic_key(text: str) -> str:
    """Arabic names: no vowel marks, unified alef/ya/ta marbuta, the article ال dropped."""
    text = _AR_MARKS.sub("", text).translate(_AR_FOLD)
    tokens = [t[2:] if t.startswith("ال") and len(t) > 3 else t for t in _PUNCT.split(text)]
    return "".join(tokens)


def name_key(name: str, articles: Iterable[str] = DEFAULT_ARTICLES) -> str:
    """The exact matching key of a place name ("" when nothing is left)."""
    if is_arabic(name):
        return _arabic_key(name)
    text = _strip_marks(name.translate(_APOSTROPHES)).lower()
    stop = articles if isinstance(articles, frozenset) else frozenset(articles)
    tokens = [t for t in _PUNCT.split(text) if t]
    kept = [t for t in tokens if t not in stop] or tokens
    key = _DOUBLES.sub(r"\1", "".join(kept))
    return _FINAL_H.sub(r"\1", key)


# Endings that the exact key keeps apart but transliterations swap: -eh/-ah (the key keeps
# their vowel: Hasakeh "hasake", Hasakah "hasaka"), -iyeh/-eyyeh/-iyah (Malikeyyeh, Malikiyah).
_ENDINGS = (
    (re.compile(r"(?:iy|ey|ei)[ae]$"), "iya"),
    (re.compile(r"e$"), "a"),
    (re.compile(r"a$"), "e"),
)


def ending_variants(key: str) -> list[str]:
    """Other exact keys the same name takes with another transliterated ending, tried only
    when the key itself finds nothing: "hasake" -> "hasaka", "malikeye" -> "malikiya"."""
    if len(key) < 4 or not key.isascii():
        return []
    found = [pattern.sub(repl, key) for pattern, repl in _ENDINGS if pattern.search(key)]
    return [k for k in dict.fromkeys(found) if k != key]


def skeleton_key(key: str) -> str:
    """The consonant skeleton of an exact key: first letter, then consonants without w/y/h."""
    if not key or not key.isascii():
        return ""
    folded = key
    for old, new in _SKELETON_PAIRS:
        folded = folded.replace(old, new)
    rest = re.sub(r"[aeiouwyh]", "", folded[1:])
    head = folded[0] if folded[0] not in "aeiouwy" else ""
    return _DOUBLES.sub(r"\1", head + rest)


# Transliteration folds: Arabic letters written with digraphs in one system and single
# letters in another (خ kh/k, ش sh/ch/s, ق q/k), and vowels that systems write differently
# (ي y/i/e/ee, و w/u/o/ou/oo); "h" is dropped inside a name because ح/ه are often left out.
_TRANSLIT_PAIRS = (
    ("kh", "k"),
    # غ (gh) stays apart from ج (j/g): "Ghouta" is not "Jawta". Upper case cannot clash with
    # the lower-case letters of a key.
    ("gh", "G"),
    ("sh", "s"),
    ("ch", "s"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("dj", "g"),
    ("j", "g"),
    ("q", "k"),
    ("c", "k"),
)
_VOWEL_CLASSES = str.maketrans({"e": "i", "y": "i", "o": "u", "w": "u"})


def translit_key(key: str) -> str:
    """A transliteration-folded form of an exact key that keeps vowel classes.

    "qodsaya" and "qadsaya" become "kudsaia" and "kadsaia", "sfuhen" and "safuhun" become
    "sfuin" and "safun": close enough for a similarity score, unlike the consonant skeleton,
    which makes Basira and Busra one name.
    """
    if not key or not key.isascii():
        return ""
    folded = key
    for old, new in _TRANSLIT_PAIRS:
        folded = folded.replace(old, new)
    folded = folded[0] + folded[1:].replace("h", "")
    return _DOUBLES.sub(r"\1", folded.translate(_VOWEL_CLASSES))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (the formula the whole desk shares)."""
    return haversine_km(lat1, lon1, lat2, lon2)
