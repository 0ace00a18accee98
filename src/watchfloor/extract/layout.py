"""The layout of a report as the anchoring of events reads it: title, lead, paragraphs, dateline.

News puts the happening a report is about in its title and first sentences (EMM's NEXUS reads
exactly those), and a place or date not repeated in a sentence is often in the one before, in
the title, or in the dateline ("BEIRUT (Reuters) -", "QAMISHLI Syria A massive bomb ...").

- A paragraph is a run of sentences between line breaks. A text without breaks (many pasted or
  scraped reports are one line) has no paragraphs to speak of, so "the paragraph" of a
  sentence is also bounded to the sentences within `NEIGHBOURHOOD` of it.
- The title is the document's title when its text opens the document, else a first paragraph
  of one short sentence followed by more text (a headline line).
- The lead is the title and the first `LEAD_SENTENCES` sentences after it.
- Dateline places are places named at the very start of a body paragraph, written in capitals
  ("BEIRUT") or followed by an agency or a dash ("Hasakah, Syria (Sample Wire) —").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watchfloor.model import AnnotatedDocument, PlaceMention, Sentence

__all__ = ["ELSEWHERE", "LEAD_SENTENCES", "NEIGHBOURHOOD", "Layout", "turns_away"]

# Openings that turn to another incident: such a sentence lends its date and place to no
# neighbour, and borrows none from them.
ELSEWHERE = (
    "meanwhile", "elsewhere", "separately", "in another", "in a separate", "in other ",
    "in relevant developments", "in a related", "in related",
)  # fmt: skip
# Three: a long piece often opens on a scene ("In the crowded towns of Idlib ...", "Hemmed in
# ...") before the sentence that tells what happened (Guardian development rows: two lost the
# main event of a third sentence; none was lost by reading three).
LEAD_SENTENCES = 3
NEIGHBOURHOOD = 3
_TITLE_WORDS = 30
# How far into a paragraph a dateline place may start ("Last updated at Jul 28 2016 QAMISHLI").
_DATELINE_CHARS = 60
# After a dateline place: an optional ", Syria", an optional "(Agency)", then a spaced dash.
_AFTER_DATELINE = re.compile(r"^(?:,\s*[\w.'’ -]{2,30})?\s*(?:\([^()]{2,40}\))?\s*[–—:-]\s")


@dataclass(frozen=True)
class Layout:
    """Which sentences are the title, the lead, and which paragraph each sentence is in."""

    paragraph_of: dict[int, int]
    title: frozenset[int]
    lead: frozenset[int]
    dateline_places: tuple[PlaceMention, ...]

    @classmethod
    def of(cls, doc: AnnotatedDocument) -> Layout:
        """The layout of an annotated document (sentences and places read)."""
        text = doc.document.text
        sentences = doc.sentences
        paragraph_of: dict[int, int] = {}
        paragraph, previous_end = 0, 0
        starts: dict[int, int] = {}  # paragraph -> char offset where it starts
        for number, sentence in enumerate(sentences):
            if number and "\n" in text[previous_end : sentence.start]:
                paragraph += 1
            paragraph_of[sentence.index] = paragraph
            starts.setdefault(paragraph, _first_char(text, sentence.start))
            previous_end = sentence.end
        title = _title(doc, paragraph_of)
        body = [s.index for s in sentences if s.index not in title]
        lead = frozenset(title | set(body[:LEAD_SENTENCES]))
        datelines = tuple(
            p for p in doc.places if _is_dateline(text, p, starts, paragraph_of, title)
        )
        return cls(paragraph_of, frozenset(title), lead, datelines)

    def dateline_spans(self, text: str) -> tuple[tuple[int, int], ...]:
        """Character spans of the datelines ("HASAKAH, Syria (Sample Wire) —"): where the
        report was filed, no part of the clause that follows."""
        spans = []
        for place in self.dateline_places:
            end = place.evidence.end
            after = _AFTER_DATELINE.match(text[end : end + 50])
            spans.append((place.evidence.start, end + after.end() if after else end))
        return tuple(spans)

    def neighbours(self, sentence: int, among: list[Sentence]) -> list[int]:
        """Other sentences of the sentence's paragraph, nearest first, the one before first."""
        paragraph = self.paragraph_of.get(sentence)
        found = [
            s.index
            for s in among
            if s.index != sentence
            and self.paragraph_of.get(s.index) == paragraph
            and abs(s.index - sentence) <= NEIGHBOURHOOD
            and s.index not in self.title
        ]
        return sorted(found, key=lambda i: (abs(i - sentence), i > sentence))


def turns_away(text: str) -> bool:
    """Whether a sentence opens on another incident ("Meanwhile ...", "Elsewhere ...")."""
    return text.lstrip(' "“(').lower().startswith(ELSEWHERE)


def _first_char(text: str, start: int) -> int:
    while start > 0 and text[start - 1] not in "\n":
        start -= 1
    return start


def _title(doc: AnnotatedDocument, paragraph_of: dict[int, int]) -> set[int]:
    sentences = doc.sentences
    if len(sentences) < 2:
        return set()
    first = sentences[0]
    title = (doc.document.title or "").strip()
    if title and doc.document.text.startswith(title[: max(10, len(title) // 2)]):
        return {s.index for s in sentences if s.start < len(title)}
    in_first = [s for s in sentences if paragraph_of[s.index] == 0]
    more = any(paragraph_of[s.index] > 0 for s in sentences)
    if len(in_first) == 1 and more and len(first.text.split()) <= _TITLE_WORDS:
        return {first.index}
    return set()


def _is_dateline(
    text: str,
    place: PlaceMention,
    starts: dict[int, int],
    paragraph_of: dict[int, int],
    title: set[int],
) -> bool:
    sentence = place.evidence.sentence
    if sentence in title:
        return False
    start = starts.get(paragraph_of.get(sentence, -1))
    if start is None or not 0 <= place.evidence.start - start <= _DATELINE_CHARS:
        return False
    if _capitals_dateline(text, place.evidence.start, place.evidence.end, start):
        return True
    return bool(_AFTER_DATELINE.match(text[place.evidence.end : place.evidence.end + 50]))


def _capitals_dateline(text: str, start: int, end: int, paragraph_start: int) -> bool:
    """A name in capitals opening its paragraph ("BEIRUT", "Last updated at Jul 28 2016
    QAMISHLI"): a word of four letters or more, not an initialism ("the U.S. side", "US"),
    and no running prose around it (a lower-case word just before or after it)."""
    surface = text[start:end]
    if not surface.isupper() or "." in surface or sum(c.isalpha() for c in surface) < 4:
        return False
    before = text[paragraph_start:start].split()
    after = text[end : end + 40].split()
    prose_before = bool(before) and before[-1][:1].islower()
    prose_after = bool(after) and after[0][:1].islower()
    return not (prose_before or prose_after)
