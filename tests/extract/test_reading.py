"""The reading as data: discrepancies between an event's figures, and the text rendering."""

from __future__ import annotations

from watchfloor.extract.reading import find_discrepancies, render_text
from watchfloor.model import (
    EventMention,
    Evidence,
    Figure,
    Qualifier,
    Quantity,
    Source,
    SourceKind,
    StatementKind,
)

OUTLET = (Source("Desk", SourceKind.OUTLET),)


def _figure(text: str, low: int, high: int | None, qualifier: Qualifier, role: str) -> Figure:
    quantity = Quantity(text, low, high, qualifier, None, role, Evidence("d", 0, 0, 1, "q"))
    return Figure(quantity, role, OUTLET, StatementKind.REPORTED_FACT)


def _event(*figures: Figure) -> EventMention:
    return EventMention(
        "e", "prison_escape", "escaped", None, None, None, None, None, figures, OUTLET,
        StatementKind.REPORTED_FACT, 1.0, Evidence("d", 0, 0, 1, "e"),
    )  # fmt: skip


def test_reading_discrepancy_when_ranges_do_not_overlap() -> None:
    hundreds = _figure("hundreds", 100, 999, Qualifier.VAGUE, "escaped")
    about = _figure("approximately 1,500", 1500, 1500, Qualifier.APPROXIMATELY, "escaped")
    assert find_discrepancies([_event(hundreds, about)]) == [(hundreds, about)]


def test_reading_no_discrepancy_when_hedge_widens_into_range() -> None:
    hundreds = _figure("hundreds", 100, 999, Qualifier.VAGUE, "escaped")
    about = _figure("about 1,050", 1050, 1050, Qualifier.APPROXIMATELY, "escaped")
    assert find_discrepancies([_event(hundreds, about)]) == []


def test_reading_no_discrepancy_across_roles() -> None:
    escaped = _figure("40", 40, 40, Qualifier.EXACT, "escaped")
    killed = _figure("3", 3, 3, Qualifier.EXACT, "killed")
    assert find_discrepancies([_event(escaped, killed)]) == []


def test_reading_render_text_lists_discrepancy() -> None:
    reading = {
        "document": {"title": "T", "id": "d", "outlet": None, "published": None, "genre": "unknown",
                     "language": "en"},
        "events": [],
        "discrepancies": [{"type": "prison_escape", "role": "escaped",
                           "figures": [{"text": "hundreds"}, {"text": "1,500"}]}],
        "sentences": [],
    }  # fmt: skip
    text = render_text(reading)
    assert "unknown outlet" in text and "'hundreds' vs '1,500'" in text
