"""Date mentions: the parse's DATE and TIME entities resolved against the publication date.

Only the spans spaCy marks are normalised (dateparser's own search has false hits such as the
verb "may"). A qualifier just before the span that spaCy left out ("earlier this month",
"mid-January", "late last year") is taken in, so the interval is the one the text means.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span

from watchfloor.extract.components import Context, component
from watchfloor.model import AnnotatedDocument, DateMention, Evidence
from watchfloor.resolve.dates import DateInterval, resolve_date

__all__ = ["EXTRACTOR", "document_date", "find_dates"]

EXTRACTOR = "watchfloor.dates.v1"

_LABELS = frozenset({"DATE", "TIME"})
# Words that narrow the expression that follows them, and that spaCy often leaves outside it.
_QUALIFIERS = frozenset({"earlier", "later", "early", "late", "mid", "recent", "between", "from"})


def document_date(doc: AnnotatedDocument) -> date:
    """The date a document speaks from: its publication date, else when it was retrieved."""
    moment = doc.document.published or doc.document.retrieved
    return moment.date()


def _widened(span: Span) -> list[Span]:
    """The span with qualifiers just before it ("mid-", "earlier"), then the span itself."""
    doc: Doc = span.doc
    start = span.start
    while start > 0 and start > span.start - 3:
        prev = doc[start - 1]
        if prev.lower_ in _QUALIFIERS or (prev.text == "-" and start >= 2):
            start -= 1
            continue
        break
    if start < span.start and doc[start].text != "-":
        return [doc[start : span.end], span]
    return [span]


def _resolve(span: Span, base: date) -> tuple[Span, DateInterval] | None:
    for candidate in _widened(span):
        interval = resolve_date(candidate.text, base)
        if interval is not None:
            return candidate, interval
    return None


@component(EXTRACTOR, requires={"parse", "sentences"}, assigns={"dates"})
def find_dates(doc: AnnotatedDocument, context: Context) -> AnnotatedDocument:
    """Date mentions as intervals with precision; durations, ages and unknown forms skipped."""
    base = document_date(doc)
    starts = [s.start for s in doc.sentences]
    mentions: list[DateMention] = []
    for ent in context.parsed.ents:
        if ent.label_ not in _LABELS:
            continue
        found = _resolve(ent, base)
        if found is None:
            continue
        span, interval = found
        pos = bisect.bisect_right(starts, span.start_char) - 1
        evidence = Evidence(
            document_id=doc.document.id,
            sentence=doc.sentences[pos].index if pos >= 0 else 0,
            start=span.start_char,
            end=span.end_char,
            extractor=EXTRACTOR,
        )
        mentions.append(
            DateMention(span.text, interval.start, interval.end, interval.precision, evidence)
        )
    return replace(doc, dates=tuple(mentions))
