"""The document's genre, refined from what extraction read in it.

In order: a label in the title or first line ("Opinion:", "Op-ed", "Analysis", "Statement by",
"Press release") decides; then official-statement markers (a government speaking in the first
person plural with no outlet chain); then the mix of statement kinds: a third or more of
sentences being opinion, unsupported assertions or calls to action, with a first-person or
expert byline or none of the sentences attributed, makes an opinion piece; mostly reported
facts and attributed claims make a news report. Where the signals are weak, ingest's guess
stands.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from watchfloor.extract.components import Context, component
from watchfloor.model import AnnotatedDocument, Genre, StatementKind

__all__ = ["NAME", "OPINION_SHARE", "find_genre", "genre_signals"]

NAME = "watchfloor.genre.v1"

# Share of opinion-like sentences above which a document argues rather than reports.
OPINION_SHARE = 0.34
_OPINION_KINDS = frozenset(
    {StatementKind.OPINION, StatementKind.UNSUPPORTED_ASSERTION, StatementKind.CALL_TO_ACTION}
)
_REPORT_KINDS = frozenset(
    {StatementKind.REPORTED_FACT, StatementKind.ATTRIBUTED_CLAIM, StatementKind.VAGUE_ATTRIBUTION}
)
_LABELS = (
    (re.compile(r"\b(opinion|op-ed|commentary|editorial|viewpoint|column)\b", re.I), Genre.OPINION),
    (re.compile(r"\b(analysis|assessment|desk review|situation report)\b", re.I), Genre.ANALYSIS),
    (
        re.compile(
            r"\b(statement by|statement from|press release|readout|remarks by|press call|"
            r"press briefing|communiqu[eé])\b",
            re.I,
        ),
        Genre.OFFICIAL,
    ),
)
_BYLINE = re.compile(r"\b(expert|analyst|columnist|professor|researcher|commentator)\b", re.I)
_FIRST_PLURAL = re.compile(r"\b(we|our|us)\b", re.I)


@component(NAME, requires={"sentences", "statements"}, assigns={"genre"})
def find_genre(doc: AnnotatedDocument, context: Context) -> AnnotatedDocument:
    """Set `genre` from labels, official markers and the statement-kind mix."""
    genre, _ = genre_signals(doc)
    return replace(doc, genre=genre)


def genre_signals(doc: AnnotatedDocument) -> tuple[Genre, list[str]]:
    """The refined genre and the signals that decided it."""
    lead = " ".join(s.text for s in doc.sentences[:3])
    title = doc.document.title or ""
    first_line = doc.document.text.split("\n", 1)[0]
    for pattern, genre in _LABELS:
        for where, text in (("title", title), ("first line", first_line)):
            found = pattern.search(text)
            if found:
                return genre, [f"{found.group(0)!r} in the {where}"]
    main = {s.sentence: s.kind for s in reversed(doc.statements)}
    counts = Counter(main.values())
    total = max(1, sum(counts.values()))
    opinion_share = sum(counts[k] for k in _OPINION_KINDS) / total
    reported_share = sum(counts[k] for k in _REPORT_KINDS) / total
    signals = [f"opinion-like share {opinion_share:.2f}", f"reporting share {reported_share:.2f}"]
    has_byline = bool(_BYLINE.search(lead))
    first_plural = len(_FIRST_PLURAL.findall(doc.document.text))
    if first_plural >= 3 and not doc.attributions and opinion_share < OPINION_SHARE:
        return Genre.OFFICIAL, [*signals, "first person plural without sources"]
    if opinion_share >= OPINION_SHARE and (has_byline or counts[StatementKind.CALL_TO_ACTION]):
        return Genre.OPINION, [*signals, "expert byline or calls to action"]
    if opinion_share >= 2 * OPINION_SHARE:
        return Genre.OPINION, signals
    if doc.document.genre is not Genre.UNKNOWN:
        return doc.document.genre, [*signals, "ingest's guess stands"]
    if reported_share >= 0.5:
        return Genre.NEWS, signals
    return Genre.UNKNOWN, signals
