"""The dateline of a report that came without a publication date (a file, a pasted text).

News pages put their date at the top: "Sun 10 Jul 2016 ...", "Posted on July 20 2016 by ...",
"Published February 18 2015", "Date of publication 9 August 2016", "21.08.2013", or after a
repeated headline ("... Aleppo city 6 October 2016 Aleppo SANA-"). Without it, "on Tuesday" and
"overnight" would be read against the day the file was read, putting 2016 events in 2026.

A dateline is a complete date (day, month and year) in the opening of the text that is either
introduced by a publishing cue ("posted on", "published", "updated", "date of publication") or
stands alone: not governed by a preposition ("on 20 January 2022, ISIS attacked" dates an
event, not the report). Only the first such date counts; the analyst's explicit date, a
sidecar or the page's own metadata always win over it (it is the lowest metadata layer).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

__all__ = ["Dateline", "find_dateline"]

# How far into the text a dateline may sit: past a repeated headline, not into the story.
OPENING_CHARS = 320

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# The forms, each a complete date. "Apr 232017": a page whose punctuation was lost glues the
# day to the year; the year's first two digits (19/20) keep the split unambiguous.
_FORMS = (
    re.compile(rf"{_WEEKDAY}?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"{_WEEKDAY}?{_MONTH}\s+{_DAY},?\s*{_YEAR}\b", re.I),
    # Day first, as written in Europe and the Middle East: "21.08.2013", "30-04-2016".
    re.compile(
        r"\b(?P<day>[0-3]?\d)(?P<sep>[.-])(?P<month>[01]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)(?!\d)"
    ),
    # With slashes the order is the outlet's habit: read only when one way is impossible.
    re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?!\d)"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
)
_CUE = re.compile(
    r"\b(?:posted|published|updated|last updated|date of publication|dated|issued|released)"
    r"(?:\s+(?:on|at))?[\s:]*$",
    re.I,
)
# A date governed by one of these dates something the text tells, not the report itself.
_GOVERNED = re.compile(
    r"\b(?:on|in|since|until|till|by|from|before|after|between|and|to|of|at|during|late|early"
    r"|than|until|as of)[\s,]*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """The date a report's opening gives for itself, and the text it was read from."""

    published: datetime
    text: str
    start: int
    end: int


def _build(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    if groups.get("a") is not None:
        first, second = int(match["a"]), int(match["b"])
        if first == second or (first > 12) == (second > 12):
            return None  # 4/5/2017: April or May, nothing in the text says which
        day, month = (first, second) if first > 12 else (second, first)
        try:
            return date(int(match["year"]), month, day)
        except ValueError:
            return None
    month_text = match["month"].lower().rstrip(".")
    named = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
    if named is None:
        return None
    try:
        return date(int(match["year"]), named, int(match["day"]))
    except ValueError:
        return None


def _candidates(opening: str) -> list[tuple[int, int, date]]:
    found: list[tuple[int, int, date]] = []
    for form in _FORMS:
        for match in form.finditer(opening):
            day = _build(match)
            if day is not None:
                found.append((match.start(), match.end(), day))
    found.sort(key=lambda item: (item[0], -item[1]))
    kept: list[tuple[int, int, date]] = []
    for item in found:  # the longest reading at each place; no overlaps
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def find_dateline(text: str, *, today: date | None = None) -> Dateline | None:
    """The dateline in the opening of a text, or None when it has none.

    Args:
        text: the document's normalised text (title and header lines included).
        today: the latest date a dateline may carry (the retrieval day); a later one is a
            misreading, not a publication date.
    """
    opening = text[:OPENING_CHARS]
    for start, end, day in _candidates(opening):
        before = opening[max(0, start - 40) : start]
        if _GOVERNED.search(before) and not _CUE.search(before):
            continue
        if today is not None and day > today:
            continue
        published = datetime(day.year, day.month, day.day, tzinfo=UTC)
        return Dateline(published, opening[start:end], start, end)
    return None
