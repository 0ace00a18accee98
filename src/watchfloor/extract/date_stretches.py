"""Dates the parse does not give as dates: the night before the report, a happening's stretch.

- "overnight", "pre-dawn", "before dawn": words the parse leaves unmarked, read as the night
  before the reference day (`resolve.date_rules`).
- A length is a duration, no date ("the talks lasted three days"), unless it is told of a
  happening: "a week of fighting", "three days of clashes" (a length *of* a happening noun)
  or "the 24-day sweep", "a two-day battle" (a length modifying one); or a running count of
  days ("clashes continued for a third day", "the siege entered its fourth day"; "on the third
  day of the siege" counts from a start the text gives elsewhere and is left out). Such a
  stretch ends on the day named with it ("entered a third day on Saturday": one mention of the
  two), else, when its sentence names no other date, on the reference day: the report tells it
  as news. A sentence with another date of its own ("a week of fighting in March 2019") is
  dated by that date alone. The days are read by `resolve.date_stretch`, as a range with the
  precision of its length.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span

from watchfloor.model import DatePrecision
from watchfloor.resolve.date_rules import DateInterval
from watchfloor.resolve.date_stretch import is_length, is_running, stretch_interval

__all__ = ["happening_stretches", "night_spans"]

_NIGHT = re.compile(r"\b(?:overnight|pre-?dawn|before dawn)\b", re.I)
_ENTITY_LABELS = frozenset({"DATE", "TIME"})
# Words between a stretch and the day it ends on ("entered a third day on Saturday").
_JOINERS = frozenset({"on", ","})
# What a length "of" must be told of to be a happening's ("a week of fighting", "of heavy
# clashes"), not a measure ("within two days of the attack").
_HAPPENING_POS = frozenset({"NOUN", "VERB", "ADJ"})

Read = tuple[Span, DateInterval]


def night_spans(parsed: Doc) -> list[Span]:
    """The unmarked words of the night before ("overnight", "pre-dawn") outside the parse's
    date and time entities."""
    in_entity = {t.i for ent in parsed.ents if ent.label_ in _ENTITY_LABELS for t in ent}
    found: list[Span] = []
    for match in _NIGHT.finditer(parsed.text):
        span = parsed.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and len(span) and not any(t.i in in_entity for t in span):
            found.append(span)
    return found


def _of_happening(span: Span) -> bool:
    """Whether a length or a running count is told of a happening (module docstring)."""
    doc = span.doc
    if is_running(span.text):
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        return not span.text.lower().startswith("the ") and before != "the"
    if not is_length(span.text) or span.end >= len(doc):
        return False
    after = doc[span.end]
    if after.lower_ == "of":
        return span.end + 1 < len(doc) and doc[span.end + 1].pos_ in _HAPPENING_POS
    hyphened = "-" in span.text or span.text.lower().endswith("long")
    return hyphened and after.pos_ in ("NOUN", "ADJ", "PROPN")


def _day_after(span: Span, found: list[Read]) -> Read | None:
    """A day-precise date just after the stretch, across "on" or a comma."""
    doc = span.doc
    i = span.end
    while i < len(doc) and i - span.end < 2 and doc[i].lower_ in _JOINERS:
        i += 1
    return next(
        (
            read
            for read in found
            if read[0].start == i and i > span.end - 1 and read[1].precision is DatePrecision.DAY
        ),
        None,
    )


def happening_stretches(spans: list[Span], found: list[Read], base: date) -> list[Read]:
    """`found` with the stretches of happenings among the unread `spans` (module docstring)."""
    read_at = {(s.start_char, s.end_char) for s, _ in found}
    covered = {t.i for s, _ in found for t in s}
    result = list(found)
    for span in spans:
        if (span.start_char, span.end_char) in read_at or any(t.i in covered for t in span):
            continue
        if not _of_happening(span):
            continue
        end = base
        whole = span
        partner = _day_after(span, result)
        if partner is not None:
            end = partner[1].end
            whole = span.doc[span.start : partner[0].end]
            result.remove(partner)
        elif any(s.sent.start == span.sent.start for s, _ in result):
            continue  # the sentence's own date dates it
        interval = stretch_interval(span.text, end)
        if interval is not None:
            result.append((whole, interval))
    result.sort(key=lambda read: read[0].start_char)
    return result
