"""A candidate span for a place mention: the type the candidate finders share."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PLACE_LABELS", "Candidate"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that may name a place, with a type word read beside it."""

    start: int
    end: int
    text: str
    label: str
    hint: str | None
    note: str = ""
    query: str | None = None  # the name to look up when it is not the text ("Becker County")
    # Said with the definite article as its own determiner ("the White House", "the Middle
    # East"): a building, an institution or an area, never a village of that name, unless the
    # gazetteer spells the name so ("The Hague").
    article: bool = False
