"""The combined range of an incident's figures."""

from __future__ import annotations

from watchfloor.merge.assemble import _envelope
from watchfloor.model import Evidence, Qualifier, Quantity

EVIDENCE = Evidence("doc-x", 0, 0, 1, "test")


def _q(text: str, low: int, high: int | None, qualifier: Qualifier) -> Quantity:
    return Quantity(text, low, high, qualifier, "members", "escaped", EVIDENCE)


def test_envelope_vague_unbounded_figure_gives_way_to_counted_ones():
    figures = [
        _q("hundreds", 100, 999, Qualifier.VAGUE),
        _q("approximately 1,500", 1500, 1500, Qualifier.APPROXIMATELY),
        _q("a large number", 2, None, Qualifier.VAGUE),
    ]
    assert _envelope(figures) == (100, 1650)


def test_envelope_keeps_vague_figure_when_it_is_all_there_is():
    assert _envelope([_q("a large number", 2, None, Qualifier.VAGUE)]) == (2, None)


def test_envelope_at_least_stays_open_ended():
    figures = [
        _q("at least 200", 200, None, Qualifier.AT_LEAST),
        _q("150", 150, 150, Qualifier.EXACT),
    ]
    assert _envelope(figures) == (150, None)
