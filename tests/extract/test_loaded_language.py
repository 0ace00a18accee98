"""Loaded language and name calling found by pattern (valence, intensifiers, people nouns)."""

from __future__ import annotations

import pytest

from helpers.reading import make
from watchfloor.extract.attribution import find_attributions
from watchfloor.extract.rhetoric import find_markers
from watchfloor.model import MarkerKind


def _markers(text: str) -> set[tuple[str, str]]:
    doc, context = make(text)
    read = find_markers(find_attributions(doc, context), context)
    return {(m.kind.value, m.text) for m in read.markers}


@pytest.mark.parametrize(
    ("text", "kind", "marked"),
    [
        ("The report described a horrifying scene at the border.", "loaded_term", "horrifying"),
        ("The plan failed miserably within a week.", "loaded_term", "miserably"),
        ("Corrupt politicians signed the deal.", "name_calling", "Corrupt politicians"),
        ("The stupid officials ignored the warning.", "name_calling", "stupid officials"),
        ("The vermin came back to the town.", "name_calling", "vermin"),
    ],
)
def test_loaded_language_patterns_mark(text: str, kind: str, marked: str) -> None:
    assert (kind, marked) in _markers(text)


def test_loaded_language_plain_conflict_reporting_is_not_loaded() -> None:
    found = _markers("Two soldiers were killed in an attack on a checkpoint near Raqqa.")
    assert not {m for m in found if m[0] in ("loaded_term", "name_calling")}


def test_loaded_language_inside_a_quotation_is_the_speakers() -> None:
    found = _markers("“These horrifying crimes will be punished,” the commander said.")
    assert ("loaded_term", "horrifying") not in found


def test_loaded_language_marker_kinds_exist() -> None:
    assert MarkerKind.LOADED_TERM.value == "loaded_term"
    assert MarkerKind.NAME_CALLING.value == "name_calling"
