"""A document with everything extraction read in it: the one type stages hand each other."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from watchfloor.model.document import Document, Genre
from watchfloor.model.events import EventMention
from watchfloor.model.mentions import (
    ActorMention,
    DateMention,
    Marker,
    PlaceMention,
    Quantity,
    Sentence,
)
from watchfloor.model.provenance import Attribution, Source, SourceKind, Statement

__all__ = ["AnnotatedDocument"]


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """A document and its annotations; components return a new one with their fields filled.

    `extractors` lists the versioned component names that ran, in order; `genre` is the
    refined genre (the document keeps ingest's first guess). Plugin data goes in `extras`.
    """

    document: Document
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    statements: tuple[Statement, ...] = ()
    markers: tuple[Marker, ...] = ()
    events: tuple[EventMention, ...] = ()
    genre: Genre | None = None
    extractors: tuple[str, ...] = ()
    extras: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def sentence_at(self, offset: int, *, before: bool = False) -> Sentence | None:
        """The sentence that contains a character offset, if any (sentences are in order).

        With `before`, an offset between sentences gets the last sentence that starts before it.
        """
        pos = bisect.bisect_right(self.sentences, offset, key=lambda s: s.start) - 1
        if pos >= 0 and (before or offset < self.sentences[pos].end):
            return self.sentences[pos]
        return None

    def outlet_source(self) -> Source:
        """The publishing outlet, which heads every chain."""
        return Source(name=self.document.outlet or "unknown outlet", kind=SourceKind.OUTLET)

    def chain_at(self, sentence: int, start: int, end: int | None = None) -> tuple[Source, ...]:
        """The chain of the innermost attribution whose clause holds the span, else the outlet's.

        Pure: it reads only `attributions`, so extraction and the readers of a stored reading
        (facilities, indicators) ask the same question the same way.
        """
        end = start if end is None else end
        best: Attribution | None = None
        for attribution in self.attributions:
            ev = attribution.evidence
            if ev.sentence != sentence or not (ev.start <= start and end <= ev.end):
                continue
            if best is None or (ev.end - ev.start) < (best.evidence.end - best.evidence.start):
                best = attribution
        return best.chain if best is not None else (self.outlet_source(),)

    def in_sentence(self, index: int) -> dict[str, tuple[Any, ...]]:
        """Every mention in one sentence, by field name."""
        names = ("actors", "places", "dates", "quantities", "markers")
        return {
            name: tuple(m for m in getattr(self, name) if m.evidence.sentence == index)
            for name in names
        }
