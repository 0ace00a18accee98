"""Date expressions resolved against a reference date into inclusive intervals with a precision.

dateparser reads the absolute and simple relative forms ("January 20th", "last week",
"two days ago"), always with the publication date as RELATIVE_BASE and a preference for the
past: a news report's "January 20th" published on 25 January is that January, and "December
20th" published in January is last December. A small rule table covers what dateparser returns
nothing for, or returns a point for where the text means a stretch: "in recent months",
"earlier this month", "late last year", seasons, "mid-January", "between 3 and 5 March",
decades, the weekend, "on the 12th" (`date_rules`). Durations ("three years", "24 hours"), ages
and clock times ("from 0700") are not dates and resolve to None.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from watchfloor.model import DatePrecision
from watchfloor.resolve.date_rules import (
    NUMBER_WORDS,
    PRECISION,
    UNIT,
    WEEKDAYS,
    DateInterval,
    period,
    rules,
)

__all__ = ["DateInterval", "clear_date_cache", "is_duration", "resolve_date"]


_LEAD = re.compile(r"^(?:in|on|at|during|by|since|from|until|till|of|over|for|throughout)\s+")
_THE = re.compile(r"^the\s+")

# Durations and ages: a count of units with nothing tying it to the calendar.
_DURATION = re.compile(
    rf"^(?:about |some |nearly |almost |over |more than |at least |up to |around |another )?"
    rf"(?:\d[\d,.]*|{NUMBER_WORDS})?[\s-]*(?:and a half[\s-]+)?{UNIT}"
    r"(?:[\s-]+(?:long|old|later|earlier))?$"
)
_AGE = re.compile(r"\b(?:year|month)s?[\s-]old\b|\baged?\b")
_ANCHORS = re.compile(r"\b(?:ago|last|past|next|this|earlier|later|previous|recent|coming)\b")
_REPEATING = re.compile(r"\b(?:daily|weekly|monthly|annual|annually|yearly|every|each)\b")
# "40 Tuesday": a count before a weekday ("wounding 40 Tuesday") is no part of the date.
_COUNT_WEEKDAY = re.compile(rf"^\d+ (?P<weekday>{'|'.join(WEEKDAYS)})$")


@lru_cache(maxsize=256)
def _parser(base: date) -> DateDataParser:
    """An English dateparser reading relative dates from `base`, preferring the past."""
    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": True,
    }
    return DateDataParser(languages=["en"], settings=settings)


def is_duration(text: str) -> bool:
    """True for a length of time or an age ("three years", "24 hours", "25-year-old")."""
    clean = _LEAD.sub("", " ".join(text.lower().split()))
    if _AGE.search(clean):
        return True
    return bool(_DURATION.match(_THE.sub("", clean))) and not _ANCHORS.search(clean)


def _normalise(text: str) -> str:
    text = " ".join(text.lower().replace("’", "'").split())
    previous = None
    while previous != text:
        previous = text
        text = _LEAD.sub("", text)
    # A span the parse ran into the next word of a list ("aged 12 and 15": "12 and") ends
    # before it.
    return _TRAILING.sub("", text).strip(" ,.;:")


_TRAILING = re.compile(r"(?:\s+(?:and|or|to|nor|but))+$")


def resolve_date(text: str, base: date) -> DateInterval | None:
    """The interval a date expression means, read from the reference date `base`.

    Args:
        text: the expression as written ("January 20th", "in recent months").
        base: the publication date (or, lacking it, the retrieval date).

    Returns:
        The interval with its precision, or None for durations, ages, repeating times and
        anything neither the rules nor dateparser can read.
    """
    since = _SINCE.match(text)
    if since is not None:
        return _since(text[since.end() :], base)
    same_day = _SAME_DAY.match(text)
    if same_day is not None:
        return resolve_date(text[same_day.end() :], base)
    weekday = _WEEKDAY_PART.match(" ".join(text.lower().replace("’", "'").split()))
    if weekday:
        # The latest such day not after the reference date: "on Wednesday" in a report
        # published on a Wednesday is that day, not a week before; the part of the day
        # ("Sunday morning", "late on Tuesday") changes nothing about which day it is.
        back = (base.weekday() - WEEKDAYS.index(weekday["weekday"])) % 7
        day = base - timedelta(days=back)
        # A weekday's night runs into the next day's small hours ("stormed the prison on
        # Thursday night", told on Friday morning), never past the reference day.
        night = weekday["part"] in ("night", "midnight")
        end = min(day + timedelta(days=1), base) if night else day
        return DateInterval(day, max(day, end), DatePrecision.DAY)
    clean = _normalise(text)
    if _CLOCK.match(clean):
        return None
    if count := _COUNT_WEEKDAY.match(clean):
        return resolve_date(count["weekday"], base)
    interval = _resolve_date(text, base)
    if interval is not None and _BARE_YEAR.match(clean) and not _is_plausible(interval, base):
        return None
    return interval


# Reports date what happened, or plans a few years ahead; a bare number far in the future or
# before 1900 is one spaCy took for a year ("UNSCR 2254", "Resolution 1701"). Written-out
# dates ("1 January 2011") are kept whatever the distance.
_BARE_YEAR = re.compile(r"^\d{3,4}$")
# A four-digit number with a leading zero is a clock time ("from 0700", "at 0530 GMT"), never
# the year 700.
_CLOCK = re.compile(r"^0\d{3}(?:\s*(?:hrs|hours|gmt|utc|local time|h))?$")
# A number of one or two digits alone is an age, a count or a score, never a date on its own
# ("Jumah Hamdi Hamdan, 53, ..." is not 1953; "the 5th" and "5 May" are still read).
_BARE_NUMBER = re.compile(r"^(?:the\s+)?\d{1,2}$")
_FUTURE_YEARS = 10
_DAY_PARTS = "morning|afternoon|evening|night|midnight|noon|midday|dawn"
# "on Tuesday", "late on Tuesday", "early Sunday morning", "Saturday night", "Mondays attack"
# (the apostrophe lost), "the early hours of Sunday", "the morning of Monday": a weekday, with
# or without the part of the day.
_WEEKDAY_PART = re.compile(
    r"^(?:(?:early|late|at dawn|dawn|before dawn)\s+)?"
    rf"(?:(?:in\s+)?(?:the\s+)?(?:(?:early|small|late)\s+hours|{_DAY_PARTS})\s+of\s+)?(?:on\s+)?"
    rf"(?P<weekday>{'|'.join(WEEKDAYS)})(?:'?s)?"
    rf"(?:\s+(?:(?:early|late)\s+)?(?:in the\s+)?(?P<part>{_DAY_PARTS})(?:'s)?)?$"
)


# "earlier today", "later this evening", "earlier on Wednesday": the same day as without the
# word ("earlier in the day" refers to another date of the text and stays unread).
_SAME_DAY = re.compile(
    r"^\s*(?:earlier|later)\s+(?=(?:on\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening)"
    rf"|{'|'.join(WEEKDAYS)})\b)",
    re.I,
)
# Two dates joined into a stretch ("between Monday and Wednesday", "from March to May 2017").
_RANGE = re.compile(
    r"^(?:between\s+|from\s+)?(?P<a>\S.*?)\s+(?:and|to|until|till|through|-|–)\s+(?P<b>\S.*)$"
)
# "since Wednesday", "since March 2011": from that time up to the reference date.
_SINCE = re.compile(r"^\s*since\s+", re.I)
# The precision of a stretch by its length in days: its coarsest unit that holds it.
_SPAN_PRECISION = (
    (1, DatePrecision.DAY),
    (7, DatePrecision.WEEK),
    (31, DatePrecision.MONTH),
    (92, DatePrecision.SEASON),
    (366, DatePrecision.YEAR),
)


def _since(text: str, base: date) -> DateInterval | None:
    """ "since <date>": the interval from that date's start to the reference date."""
    origin = resolve_date(text, base)
    if origin is None or origin.start > base:
        return None
    days = (base - origin.start).days + 1
    precision = next((p for limit, p in _SPAN_PRECISION if days <= limit), DatePrecision.VAGUE)
    return DateInterval(origin.start, base, precision)


def _range(first: str, last: str, base: date) -> DateInterval | None:
    """ "between Monday and Wednesday", "from March to May 2017": from the first's start to
    the last's end. The first is read from the last's end ("March" before "May 2017" is March
    2017); two ends out of order are no range."""
    end = resolve_date(last, base)
    if end is None:
        return None
    start = resolve_date(first, min(base, end.end))
    if start is None or start.start > end.end:
        return None
    days = (end.end - start.start).days + 1
    precision = next((p for limit, p in _SPAN_PRECISION if days <= limit), DatePrecision.VAGUE)
    return DateInterval(start.start, end.end, precision)


def _is_plausible(interval: DateInterval, base: date) -> bool:
    """False for intervals far in the future of the publication date, or before 1900."""
    return interval.start.year <= base.year + _FUTURE_YEARS and interval.end.year >= 1900


def clear_date_cache() -> None:
    """Forget the remembered answers of `resolve_date` (benchmarks time cold reads)."""
    _resolve_date.cache_clear()


# A day's reports share one publication date and repeat their date phrases ("on Tuesday",
# "last week"), and dateparser takes milliseconds a phrase: remember recent answers.
@lru_cache(maxsize=8192)
def _resolve_date(text: str, base: date) -> DateInterval | None:
    """`resolve_date` itself (a pure function of its arguments)."""
    clean = _normalise(text)
    if not clean or is_duration(clean) or _REPEATING.search(clean) or _BARE_NUMBER.match(clean):
        return None
    try:
        ruled = rules(clean, base)
    except (ValueError, OverflowError):
        # The rules build calendar dates from the numbers written; a number the calendar
        # cannot hold ("September 0000", a step past year 9999) is no date.
        return None
    if ruled is not None:
        return ruled
    if (both := _RANGE.match(clean)) is not None:
        # Two dates or none: dateparser reads "Tuesday and 40" as 1940.
        return _range(both["a"], both["b"], base)
    data = _parser(base).get_date_data(clean)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    unit = data.period or "day"
    if unit in ("time", "part_of_day"):
        # dateparser answers "now" for words it does not understand ("the 1990s" -> now).
        if not re.search(r"\b(?:night|morning|evening|afternoon|today|tonight|yesterday)\b", clean):
            return None
        unit = "day"
    if unit == "day":
        return DateInterval(day, day, DatePrecision.DAY)
    start, end = period(unit, day)
    return DateInterval(start, end, PRECISION.get(unit, DatePrecision.VAGUE))
