"""The Arabic normaliser: letter variants, tashkeel, tatweel, digits, separators, clitics."""

from __future__ import annotations

import pytest

from watchfloor.extract.arabic.normalise import normalise, strip_clitics
from watchfloor.extract.arabic.reader import build_nlp


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أحمد إبراهيم آمنة", "احمد ابراهيم امنه"),
        ("مستشفى", "مستشفي"),
        ("الحسكة", "الحسكه"),
        ("قُتِلَ", "قتل"),
        ("قـــتل", "قتل"),
        ("١٢٣٤٥٦٧٨٩٠", "1234567890"),
        ("۱۲۳", "123"),
        ("١٬٥٠٠", "1,500"),
        ("٣٫٥", "3.5"),
        ("\ufefb", "لا"),  # presentation form of lam-alef, folded by NFKC
    ],
)
def test_normalise_folds_variants(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_spacy_component_sets_norm() -> None:
    doc = build_nlp()("قُتِلَ ١٥ شخصاً في الحسكة")
    assert [t.norm_ for t in doc] == ["قتل", "15", "شخصا", "في", "الحسكه"]
    assert doc[0].text == "قُتِلَ"  # the text itself is untouched


@pytest.mark.parametrize(
    ("word", "reading"),
    [
        ("والحسكه", "حسكه"),
        ("بالشدادي", "شدادي"),
        ("وبالرقه", "رقه"),
        ("للمرصد", "المرصد"),
        ("فالهجوم", "هجوم"),
        ("كالعاده", "عاده"),
    ],
)
def test_strip_clitics(word: str, reading: str) -> None:
    readings = strip_clitics(word)
    assert readings[0] == word
    assert reading in readings


def test_strip_clitics_keeps_short_words() -> None:
    assert strip_clitics("لست") == ("لست",)  # never "ست" (six)
