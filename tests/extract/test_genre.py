"""Genre refined from labels, official markers and the statement-kind mix."""

from __future__ import annotations

from dataclasses import replace

from helpers.reading import make, seed_text
from watchfloor.extract.attribution import find_attributions
from watchfloor.extract.genre import find_genre, genre_signals
from watchfloor.extract.statements import find_statements
from watchfloor.model import Genre


def _read(text: str, genre: Genre = Genre.UNKNOWN):
    doc, context = make(text)
    doc = replace(doc, document=replace(doc.document, genre=genre))
    doc = find_statements(find_attributions(doc, context), context)
    return find_genre(doc, context)


def test_genre_opinion_label_in_first_line() -> None:
    assert _read(seed_text()).genre is Genre.OPINION


def test_genre_official_statement_label() -> None:
    doc = _read("Statement by the Press Secretary on Syria\nThe United States commends the SDF.")
    assert doc.genre is Genre.OFFICIAL


def test_genre_news_from_attributed_reporting() -> None:
    text = (
        "The SDF said 40 detainees escaped on Monday. Guards recaptured 12 of them, "
        "officials told reporters. The prison is in al-Hasakah."
    )
    doc = _read(text)
    assert doc.genre is Genre.NEWS
    _, signals = genre_signals(doc)
    assert any("reporting share" in s for s in signals)


def test_genre_argument_without_label_is_opinion() -> None:
    text = (
        "This policy is a disastrous and shameful mistake. The world must act now. "
        "Our leaders should stop this terrible failure. It is clearly a hidden agenda."
    )
    assert _read(text).genre is Genre.OPINION


def test_genre_weak_signals_keep_ingest_guess() -> None:
    doc = _read("The convoy left at dawn. It reached the crossing.", genre=Genre.ANALYSIS)
    assert doc.genre is Genre.ANALYSIS
