"""Split text into segments marked by the extractions that cover them, for safe highlighting.

Templates render each segment's text through autoescaping inside a `<mark>` carrying the
kinds as CSS classes; nothing here produces markup, so hostile text stays text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from watchfloor.model import AnnotatedDocument

__all__ = ["Segment", "Span", "document_spans", "segments", "sentence_spans"]


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted range of a document's text: offsets, kind (CSS suffix) and a note."""

    start: int
    end: int
    kind: str
    note: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text with the kinds and notes of every span covering it (empty: plain text)."""

    text: str
    kinds: tuple[str, ...]
    notes: tuple[str, ...]


def segments(text: str, spans: Iterable[Span], offset: int = 0) -> list[Segment]:
    """Cut `text` (which starts at `offset` in its document) at every span boundary.

    Spans may overlap or nest; spans outside the text are clipped or dropped. A sweep over
    the sorted boundaries keeps this linear in the number of spans plus the text's length.
    """
    end_of_text = offset + len(text)
    clipped = [
        Span(max(s.start, offset), min(s.end, end_of_text), s.kind, s.note)
        for s in spans
        if s.end > offset and s.start < end_of_text and s.end > s.start
    ]
    cuts = sorted({offset, end_of_text, *(s.start for s in clipped), *(s.end for s in clipped)})
    starts: dict[int, list[Span]] = {}
    for span in clipped:
        starts.setdefault(span.start, []).append(span)
    active: list[Span] = []
    out: list[Segment] = []
    for left, right in pairwise(cuts):
        active = [s for s in active if s.end > left] + starts.get(left, [])
        piece = text[left - offset : right - offset]
        if not piece:
            continue
        kinds = tuple(dict.fromkeys(s.kind for s in active))
        notes = tuple(dict.fromkeys(s.note for s in active if s.note))
        out.append(Segment(piece, kinds, notes))
    return out


def document_spans(annotated: AnnotatedDocument) -> list[Span]:
    """Every extraction of a reading as spans: actors, places, dates, figures, markers."""
    spans: list[Span] = []
    for actor in annotated.actors:
        note = f"actor: {actor.name}" + (f" ({actor.actor_type})" if actor.actor_type else "")
        spans.append(Span(actor.evidence.start, actor.evidence.end, "actor", note))
    for place in annotated.places:
        where = f"{place.lat:.3f}, {place.lon:.3f}" if place.lat is not None else "no coordinates"
        note = f"place: {place.name} ({place.precision}, {where})"
        spans.append(Span(place.evidence.start, place.evidence.end, "place", note))
    for when in annotated.dates:
        note = f"date: {when.start.isoformat()}..{when.end.isoformat()} ({when.precision})"
        spans.append(Span(when.evidence.start, when.evidence.end, "date", note))
    for q in annotated.quantities:
        high = "∞" if q.high is None else f"{q.high:,}"
        note = f"figure: {q.low:,}..{high} {q.unit or ''} {q.role or ''} ({q.qualifier})".strip()
        spans.append(Span(q.evidence.start, q.evidence.end, "figure", note))
    for marker in annotated.markers:
        label = marker.kind.value.replace("_", " ")
        spans.append(Span(marker.evidence.start, marker.evidence.end, marker.kind.value, label))
    return spans


def sentence_spans(
    annotated: AnnotatedDocument, index: int, extra: Sequence[Span] = ()
) -> list[Span]:
    """The spans that fall in one sentence, plus any extra (e.g. an event's trigger)."""
    sentence = next((s for s in annotated.sentences if s.index == index), None)
    if sentence is None:
        return list(extra)
    inside = [
        s for s in document_spans(annotated) if s.start < sentence.end and s.end > sentence.start
    ]
    return inside + list(extra)
