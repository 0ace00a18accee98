"""Arabic dates against the publication date: weekdays, relative days, both month calendars.

"يوم السبت", "ليلة الخميس" → the latest such weekday on or before publication; "أمس" → the day
before; "20 كانون الثاني 2022" / "20 يناير" → dateparser (locale ar-SY) on a canonical string
rebuilt from the normalised tokens (dateparser only knows standard spellings); "في شباط" → the
month. Never `search_dates` on Arabic: it reads figures such as "1500" as years.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, datetime, timedelta

import dateparser

from watchfloor.extract.arabic.lexicon import ArabicLexicon
from watchfloor.extract.arabic.normalise import strip_clitics
from watchfloor.extract.arabic.tokens import Tok
from watchfloor.model import DatePrecision

__all__ = ["DateHit", "read_dates"]

DateHit = tuple[
    int, int, date, date, DatePrecision
]  # token span [first, last), interval, precision

# One standard spelling per month for dateparser (ar-SY knows the Gregorian names).
_CANONICAL = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip


def _month_at(toks: Sequence[Tok], i: int, lex: ArabicLexicon) -> tuple[int, int] | None:
    """(month, tokens used) when a month name starts at token i."""
    if i >= len(toks):
        return None
    if i + 1 < len(toks):
        for reading in strip_clitics(toks[i].norm):
            two = f"{reading} {toks[i + 1].norm}"
            if two in lex.months:
                return lex.months[two], 2
    for reading in strip_clitics(toks[i].norm):
        if reading in lex.months and not reading.startswith("كانون") and reading != "تشرين":
            return lex.months[reading], 1
    return None


def _year_at(toks: Sequence[Tok], i: int) -> int | None:
    if i < len(toks) and toks[i].norm.isdigit() and len(toks[i].norm) == 4:
        year = int(toks[i].norm)
        return year if 1950 <= year <= 2100 else None
    return None


def _weekday(toks: Sequence[Tok], i: int, lex: ArabicLexicon) -> int | None:
    for reading in strip_clitics(toks[i].norm):
        if reading in lex.weekdays:
            return lex.weekdays[reading]
    return None


def read_dates(toks: Sequence[Tok], published: date, lex: ArabicLexicon) -> list[DateHit]:
    """Every date expression in the tokens, resolved against the publication date."""
    hits: list[DateHit] = []
    base = datetime(published.year, published.month, published.day)
    i = 0
    while i < len(toks):
        norm = toks[i].norm
        day = int(norm) if norm.isdigit() and 1 <= int(norm) <= 31 else None
        month = _month_at(toks, i + 1, lex) if day is not None else None
        if day is not None and month is not None:
            year = _year_at(toks, i + 1 + month[1])
            end = i + 1 + month[1] + (1 if year else 0)
            text = f"{day} {_CANONICAL[month[0] - 1]}" + (f" {year}" if year else "")
            parsed = dateparser.parse(
                text,
                locales=["ar-SY"],
                settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"},
            )
            if parsed is not None:
                hits.append((i, end, parsed.date(), parsed.date(), DatePrecision.DAY))
                i = end
                continue
        month = _month_at(toks, i, lex)
        if month is not None:
            year = _year_at(toks, i + month[1])
            if year is None:
                year = published.year if month[0] <= published.month else published.year - 1
            last = calendar.monthrange(year, month[0])[1]
            end = i + month[1] + (1 if _year_at(toks, i + month[1]) else 0)
            hits.append(
                (i, end, date(year, month[0], 1), date(year, month[0], last), DatePrecision.MONTH)
            )
            i = end
            continue
        weekday = _weekday(toks, i, lex)
        if weekday is not None:
            back = (published.weekday() - weekday) % 7
            when = published - timedelta(days=back)
            hits.append((i, i + 1, when, when, DatePrecision.DAY))
        else:
            for reading in strip_clitics(norm):
                if reading in lex.relative_days:
                    when = published + timedelta(days=lex.relative_days[reading])
                    hits.append((i, i + 1, when, when, DatePrecision.DAY))
                    break
        i += 1
    return hits
