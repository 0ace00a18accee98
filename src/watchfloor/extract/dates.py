"""Date mentions: the parse's DATE and TIME entities resolved against the publication date.

Only the spans spaCy marks are normalised (dateparser's own search has false hits such as the
verb "may"). A qualifier just before the span that spaCy left out ("earlier this month",
"mid-January", "late last year", "since Wednesday") is taken in, so the interval is the one the
text means. "Overnight" and "pre-dawn", which the parse does not mark, are the night before
the reference day; a happening's stated stretch ("a week of fighting", "the 24-day sweep",
"entered a third day on Saturday"), which is a duration on its own, is the days that end on the
reference day or the day named with it (`date_stretches`).

The report's own dateline ("Sun 10 Jul 2016", "Posted on April 2 2017 by ...") dates the
report, not a happening: it is no date mention (and a span the parse glued across it,
"September 2016 2" in "4 September 2016 2 killed ...", is no date either).

A report without a publication date (a file, a pasted text without a dateline) has no day to
read "on Tuesday" or "last week" against: the latest complete date the text itself writes
("On 5 April 2017 ...") is then the reference (`reference_date`), and without one relative
expressions are left unresolved rather than read against the day the file was read, which
would put a 2017 strike in 2026.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from watchfloor.extract.components import Context, component
from watchfloor.extract.date_stretches import happening_stretches, night_spans
from watchfloor.ingest.dateline import find_dateline
from watchfloor.model import AnnotatedDocument, DateMention, DatePrecision, Evidence
from watchfloor.resolve.dates import DateInterval, resolve_date

__all__ = ["EXTRACTOR", "document_date", "find_dates", "is_relative", "reference_date"]

EXTRACTOR = "watchfloor.dates.v1"

_LABELS = frozenset({"DATE", "TIME"})
# Words that narrow the expression that follows them, and that spaCy often leaves outside it.
_QUALIFIERS = frozenset(
    {"earlier", "later", "early", "late", "mid", "recent", "between", "from", "since"}
)
# A part of the day just after a date the parse marked ("Thursday night"): part of the date.
_DAY_PARTS = frozenset({"night", "morning", "afternoon", "evening"})
# A second reference far from any report's: an expression that reads the same from both is
# absolute ("5 April 2017", "March 2011"); one that moves is relative ("Tuesday", "March 25").
_FAR = timedelta(days=3 * 365 + 97)


def document_date(doc: AnnotatedDocument) -> date:
    """The date a document speaks from: its publication date, else when it was retrieved."""
    moment = doc.document.published or doc.document.retrieved
    return moment.date()


def is_relative(text: str, base: date) -> bool:
    """Whether an expression reads differently from another reference day ("on Tuesday")."""
    here = resolve_date(text, base)
    there = resolve_date(text, base - _FAR)
    if here is None or there is None:
        return here is not there
    return (here.start, here.end) != (there.start, there.end)


def reference_date(doc: AnnotatedDocument) -> tuple[date | None, str]:
    """The day relative dates are read from, and how it was found.

    The publication date when the report has one; else the latest complete, absolute date
    (day precision) among the report's date mentions, not after the day it was read; else None
    (relative expressions cannot be placed in time).
    """
    if doc.document.published is not None:
        return doc.document.published.date(), "publication"
    line = find_dateline(doc.document.text, today=document_date(doc))
    if line is not None:
        day = line.published.date()
        return day, f"no publication date: read against the dateline, {day}"
    latest = _latest_absolute(
        [(m.text, m.start, m.end, m.precision) for m in doc.dates], document_date(doc)
    )
    if latest is None:
        return None, "no publication date and no complete date in the text"
    return latest, f"no publication date: read against the latest date in the text, {latest}"


def _latest_absolute(
    found: list[tuple[str, date, date, DatePrecision]], today: date
) -> date | None:
    days = [
        start
        for text, start, end, precision in found
        if precision is DatePrecision.DAY
        and start == end
        and start <= today
        and not is_relative(text, today)
    ]
    return max(days) if days else None


def _widened(span: Span) -> list[Span]:
    """The span with qualifiers just before it ("mid-", "earlier") and the part of the day
    just after it that the parse left out ("on Thursday night": the night runs into Friday),
    then the span itself."""
    doc: Doc = span.doc
    first = span
    if span.end < len(doc) and doc[span.end].lower_ in _DAY_PARTS:
        span = doc[span.start : span.end + 1]
    start = span.start
    while start > 0 and start > span.start - 3:
        prev = doc[start - 1]
        if prev.lower_ in _QUALIFIERS or (prev.text == "-" and start >= 2):
            start -= 1
            continue
        break
    spans = [span] if span.end == first.end else [span, first]
    if start < span.start and doc[start].text != "-":
        return [doc[start : span.end], *spans]
    return spans


def _resolve(span: Span, base: date) -> tuple[Span, DateInterval] | None:
    for candidate in _widened(span):
        interval = resolve_date(candidate.text, base)
        if interval is not None:
            return candidate, interval
    return None


def _dateline(doc: AnnotatedDocument, today: date) -> tuple[int, int, date] | None:
    """The span and day of the report's own dateline, when it dates this report."""
    line = find_dateline(doc.document.text, today=today)
    if line is None:
        return None
    day = line.published.date()
    if doc.document.published is not None and abs((day - today).days) > 1:
        return None  # a date at the top that is not the report's: the text's own
    return line.start, line.end, day


@component(EXTRACTOR, requires={"parse", "sentences"}, assigns={"dates"})
def find_dates(doc: AnnotatedDocument, context: Context) -> AnnotatedDocument:
    """Date mentions as intervals with precision; durations, ages and unknown forms skipped."""
    today = document_date(doc)
    dateline = _dateline(doc, today)
    spans: list[Span] = []
    for ent in context.parsed.ents:
        if ent.label_ not in _LABELS:
            continue
        if dateline is not None and ent.start_char < dateline[1] and ent.end_char > dateline[0]:
            continue  # the report's own date, or a span glued across it
        spans.append(ent)
    spans.extend(night_spans(context.parsed))
    base: date | None = today
    if doc.document.published is None and dateline is not None:
        base = dateline[2]
    elif doc.document.published is None:
        first = [_read(s, today) for s in spans]
        base = _latest_absolute(
            [(span.text, i.start, i.end, i.precision) for span, i in filter(None, first)], today
        )
    found: list[tuple[Span, DateInterval]] = []
    for item in spans:
        if base is None:
            read = _read(item, today)
            if read is None or is_relative(read[0].text, today):
                continue  # nothing to read "Tuesday" against
        else:
            read = _read(item, base)
        if read is not None:
            found.append(read)
    if base is not None:
        found = happening_stretches(spans, found, base)
    found.sort(key=lambda item: item[0].start_char)
    return replace(doc, dates=tuple(_mention(doc, span, i) for span, i in found))


def _read(item: Span, base: date) -> tuple[Span, DateInterval] | None:
    return _resolve(item, base)


def _mention(doc: AnnotatedDocument, span: Span, interval: DateInterval) -> DateMention:
    sentence = doc.sentence_at(span.start_char, before=True)
    evidence = Evidence(
        document_id=doc.document.id,
        sentence=sentence.index if sentence is not None else 0,
        start=span.start_char,
        end=span.end_char,
        extractor=EXTRACTOR,
    )
    return DateMention(span.text, interval.start, interval.end, interval.precision, evidence)
