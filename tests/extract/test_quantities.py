"""Figures: numbers, ranges, hedges and vague quantities, with counted noun and role."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers.reading import read_news
from watchfloor.extract import ExtractOptions, Extractor
from watchfloor.extract.quantities import parse_number
from watchfloor.model import AnnotatedDocument, Quantity
from watchfloor.samples import sample_paths

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "quantities.yaml").read_text("utf-8"))
COMPONENTS = ("watchfloor.sentences.v1", "watchfloor.quantities.v1")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """One extractor for the whole module."""
    return Extractor(ExtractOptions(components=COMPONENTS))


def _read(extractor: Extractor, text: str) -> AnnotatedDocument:
    return read_news(extractor, text)


def _check(found: Quantity, expected: dict[str, Any]) -> None:
    assert (found.low, found.high) == (expected["low"], expected["high"])
    assert found.qualifier.value == expected["qualifier"]
    if "unit" in expected:
        assert found.unit is not None and expected["unit"] in found.unit
    if "role" in expected:
        assert found.role == expected["role"]


@pytest.fixture(scope="module")
def seed(extractor: Extractor) -> AnnotatedDocument:
    """The reference article, read once."""
    path = next(p for p in sample_paths() if p.name == "isis-revival-opinion.txt")
    return _read(extractor, path.read_text("utf-8"))


@pytest.mark.parametrize("expected", CASES["seed"], ids=lambda r: r["text"])
def test_quantities_seed_golden(seed: AnnotatedDocument, expected: dict[str, Any]) -> None:
    matching = [q for q in seed.quantities if q.text == expected["text"]]
    assert len(matching) == 1, [q.text for q in seed.quantities]
    _check(matching[0], expected)
    span = matching[0].evidence
    assert seed.document.text[span.start : span.end] == expected["text"]


def test_quantities_seed_skips_list_numbers_and_references(seed: AnnotatedDocument) -> None:
    texts = {q.text for q in seed.quantities}
    assert not texts & {"One", "Two", "Three", "Four", "two"}


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["sentence"][:40])
def test_quantities_case_table(extractor: Extractor, case: dict[str, Any]) -> None:
    found = {q.text: q for q in _read(extractor, case["sentence"]).quantities}
    assert sorted(found) == sorted(f["text"] for f in case["figures"])
    for expected in case["figures"]:
        _check(found[expected["text"]], expected)


@pytest.mark.parametrize("sentence", CASES["none"])
def test_quantities_years_dates_and_names_are_not_figures(
    extractor: Extractor, sentence: str
) -> None:
    assert [q.text for q in _read(extractor, sentence).quantities] == []


def test_quantities_at_least_has_no_upper_bound(extractor: Extractor) -> None:
    (figure,) = _read(extractor, "At least 12,000 fighters are held.").quantities
    assert figure.high is None and figure.low == 12000


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["1,500"], 1500),
        (["12.000"], 12000),
        (["three", "hundred"], 300),
        (["three", "hundred", "and", "fifty"], 350),
        (["twenty-five"], 25),
        (["1.5", "million"], 1_500_000),
        (["a", "dozen"], 12),
        (["two", "thousand", "five", "hundred"], 2500),
        (["many"], None),
    ],
)
def test_quantities_parse_number_reads_digits_and_words(
    words: list[str], value: int | None
) -> None:
    assert parse_number(words) == value
