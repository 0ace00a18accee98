"""Date expressions resolved against a reference date into inclusive intervals with a precision.

dateparser reads the absolute and simple relative forms ("January 20th", "last week",
"two days ago"), always with the publication date as RELATIVE_BASE and a preference for the
past: a news report's "January 20th" published on 25 January is that January, and "December
20th" published in January is last December. A small rule table covers what dateparser returns
nothing for, or returns a point for where the text means a stretch: "in recent months",
"earlier this month", "late last year", seasons, "mid-January", "between 3 and 5 March",
decades. Durations ("three years", "24 hours") and ages are not dates and resolve to None.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from watchfloor.model import DatePrecision

__all__ = ["DateInterval", "clear_date_cache", "is_duration", "resolve_date"]


@dataclass(frozen=True, slots=True)
class DateInterval:
    """An inclusive date interval and how precisely the text fixed it."""

    start: date
    end: date
    precision: DatePrecision


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
# Counted words and the number each stands for ("several", "many": a handful); the pattern
# is built from the table, so every word it accepts has a value.
_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_WORD_NUMBERS.update({"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12})
_WORD_NUMBERS.update({"fifteen": 15, "twenty": 20, "thirty": 30, "couple of": 2, "a couple of": 2})
_WORD_NUMBERS.update({"few": 3, "a few": 3, "several": 3, "many": 3})
_NUMBER_WORDS = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
# Units of time: the pattern is built from this table, and `_step` handles each of them.
_UNITS = ("day", "week", "month", "year", "decade", "hour", "minute", "second", "night")
_UNIT = r"(?P<unit>" + "|".join(_UNITS) + r")s?"
_LEAD = re.compile(r"^(?:in|on|at|during|by|since|from|until|till|of|over|for|throughout)\s+")
_THE = re.compile(r"^the\s+")

# Durations and ages: a count of units with nothing tying it to the calendar.
_DURATION = re.compile(
    rf"^(?:about |some |nearly |almost |over |more than |at least |up to |around |another )?"
    rf"(?:\d[\d,.]*|{_NUMBER_WORDS})?[\s-]*(?:and a half[\s-]+)?{_UNIT}"
    r"(?:[\s-]+(?:long|old|later|earlier))?$"
)
_AGE = re.compile(r"\b(?:year|month)s?[\s-]old\b|\baged?\b")
_ANCHORS = re.compile(r"\b(?:ago|last|past|next|this|earlier|later|previous|recent|coming)\b")
_REPEATING = re.compile(r"\b(?:daily|weekly|monthly|annual|annually|yearly|every|each)\b")

_SEASONS = {"winter": 12, "spring": 3, "summer": 6, "autumn": 9, "fall": 9}
_PART = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
# Every written form of a part of a period, and the third it means. The pattern is built
# from this table, so every form it accepts has an answer (a form missing here once raised
# KeyError for "the beginning of" and lost a whole batch).
_PART_WORDS = {"early": "early", "mid": "mid", "late": "late"}
_THIRDS = {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}
for _words, _third in _THIRDS.items():
    _PART_WORDS[f"{_words} of"] = _third
    _PART_WORDS[f"the {_words} of"] = _third
_PART_RE = (
    r"(?P<part>" + "|".join(sorted(map(re.escape, _PART_WORDS), key=len, reverse=True)) + r")[\s-]*"
)
# "this/last/next week" and their synonyms: the pattern is built from the step table.
_REL_STEP = {"this": 0, "last": -1, "the previous": -1, "the past": -1, "next": 1}
_REL_STEP.update({"the coming": 1, "the following": 1})
_REL = r"(?P<rel>" + "|".join(sorted(_REL_STEP, key=len, reverse=True)) + r")"

_RECENT = re.compile(r"^(?:the )?(?:recent|past|last) (?:few )?(?P<unit>day|week|month|year)s$")
# "the past week", "the last three months": a window ending at the reference date, whereas
# "last week" (no article) is the previous calendar week.
_PAST_N = re.compile(
    rf"^(?:the (?:past|last|previous)|past) (?:(?P<n>\d+|{_NUMBER_WORDS}) )?{_UNIT}$"
)
_EARLIER_THIS = re.compile(r"^(?P<dir>earlier|later) (?:this|in the) (?P<unit>week|month|year)$")
_PART_REL = re.compile(rf"^{_PART_RE}{_REL} (?P<unit>week|month|year)$")
_PART_MONTH = re.compile(rf"^{_PART_RE}{_MONTH}(?:,? (?P<year>\d{{4}}))?$")
_PART_YEAR = re.compile(rf"^{_PART_RE}(?P<year>\d{{4}})$")
_SEASON = re.compile(
    r"^(?:the\s+)?(?:(?P<rel>this|last|next|past)\s+)?(?P<season>winter|spring|summer|autumn|fall)"
    r"(?:\s+(?:of\s+)?(?P<year>\d{4}))?$"
)
_DAY_RANGE = re.compile(
    rf"^(?:between|from)?\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:and|to|-|–)\s*"
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,? (?P<year>\d{{4}}))?$"
)
_MONTH_DAY_RANGE = re.compile(
    rf"^(?:between|from)?\s*{_MONTH}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:and|to|-|–)\s*"
    r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:,? (?P<year>\d{4}))?$"
)
_YEAR_RANGE = re.compile(r"^(?:between |from )?(?P<y1>\d{4})\s*(?:-|–|to|and)\s*(?P<y2>\d{2,4})$")
_DECADE = re.compile(r"^(?:the )?(?:(?P<part>early|mid|late)[\s-]+)?(?P<decade>\d{3}0)'?s$")
_PERIOD = re.compile(rf"^{_REL} (?P<unit>week|month|year)$")
_WEEKDAY_NAMES = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# "Monday 22" (a page's "Monday 22 Sep" cut short): a day of the month named with its weekday.
_WEEKDAY_DAY = re.compile(
    rf"^(?P<weekday>{_WEEKDAY_NAMES}),? (?:the )?(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$"
)
# "overnight": the night before the reference day, which spans the two days.
_OVERNIGHT = re.compile(r"^(?:the )?overnight$")
# "40 Tuesday": a count before a weekday ("wounding 40 Tuesday") is no part of the date.
_COUNT_WEEKDAY = re.compile(rf"^\d+ (?P<weekday>{_WEEKDAY_NAMES})$")


@lru_cache(maxsize=256)
def _parser(base: date) -> DateDataParser:
    """An English dateparser reading relative dates from `base`, preferring the past."""
    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": True,
    }
    return DateDataParser(languages=["en"], settings=settings)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _period(unit: str, day: date) -> tuple[date, date]:
    """The calendar week (Monday first), month or year that holds a day."""
    if unit == "week":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if unit == "month":
        return day.replace(day=1), _month_end(day.year, day.month)
    return date(day.year, 1, 1), date(day.year, 12, 31)


def _step(unit: str, day: date, n: int) -> date:
    """The day n units of time after `day` (n may be negative; hours round away from it)."""
    if unit in ("day", "night"):
        return day + timedelta(days=n)
    if unit in ("hour", "minute", "second"):
        per_day = {"hour": 24, "minute": 24 * 60, "second": 24 * 3600}[unit]
        days = -(-abs(n) // per_day)  # "the past 5 hours" may reach into the day before
        return day + timedelta(days=days if n >= 0 else -days)
    if unit == "week":
        return day + timedelta(weeks=n)
    if unit == "month":
        return _shift_months(day, n)
    if unit == "decade":
        return _shift_months(day, 120 * n)
    return _shift_months(day, 12 * n)


_PRECISION = {
    "day": DatePrecision.DAY,
    "night": DatePrecision.DAY,
    "hour": DatePrecision.DAY,
    "minute": DatePrecision.DAY,
    "second": DatePrecision.DAY,
    "week": DatePrecision.WEEK,
    "month": DatePrecision.MONTH,
    "year": DatePrecision.YEAR,
    "decade": DatePrecision.VAGUE,
}


def _part_of(start: date, end: date, part: str) -> tuple[date, date]:
    """The first, middle or last third of an interval ("early 2025", "late January")."""
    if start.month == end.month and start.year == end.year:
        low, high = _PART[part]
        last = end.day
        return start.replace(day=min(low, last)), start.replace(day=min(high, last))
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    third = max(1, months // 3)
    first_month = {"early": 0, "mid": third, "late": months - third}[part]
    begin = _shift_months(start.replace(day=1), first_month)
    finish = _shift_months(begin, third - 1)
    return begin, _month_end(finish.year, finish.month)


def _year_for_month(month: int, year: str | None, base: date) -> int:
    """The year of a month named without one: the latest not after the reference date."""
    if year:
        return int(year)
    return base.year if month <= base.month else base.year - 1


def _season(match: re.Match[str], base: date) -> DateInterval:
    first_month = _SEASONS[match["season"]]
    if match["year"]:
        # "winter 2024" is taken as the winter that December 2024 opens.
        start = date(int(match["year"]), first_month, 1)
    else:
        start = date(base.year, first_month, 1)
        if start > base:  # the latest such season that has begun
            start = date(base.year - 1, first_month, 1)
        step = {"last": -1, "past": -1, "next": 1}.get(match["rel"] or "", 0)
        start = start.replace(year=start.year + step)
    finish = _shift_months(start, 2)
    return DateInterval(start, _month_end(finish.year, finish.month), DatePrecision.SEASON)


def _weekday_and_day(match: re.Match[str], base: date) -> DateInterval | None:
    """ "Monday 22": the latest 22nd not after the reference date that is a Monday, else the
    latest 22nd (the weekday may be the page's, the number the event's)."""
    day = int(match["day"])
    weekday = _WEEKDAYS.index(match["weekday"])
    candidates = []
    for months_back in range(2):  # this month or the one before
        first = _shift_months(base.replace(day=1), -months_back)
        if (
            day <= calendar.monthrange(first.year, first.month)[1]
            and first.replace(day=day) <= base
        ):
            candidates.append(first.replace(day=day))
    if not candidates:
        return None
    found = next((c for c in candidates if c.weekday() == weekday), candidates[0])
    return DateInterval(found, found, DatePrecision.DAY)


def _rules(text: str, base: date) -> DateInterval | None:
    """The rule table: vague, partial and ranged expressions dateparser cannot read."""
    if m := _WEEKDAY_DAY.match(text):
        return _weekday_and_day(m, base)
    if m := _COUNT_WEEKDAY.match(text):
        return resolve_date(m["weekday"], base)
    if _OVERNIGHT.match(text):
        return DateInterval(base - timedelta(days=1), base, DatePrecision.DAY)
    if m := _RECENT.match(text):
        start = _step(m["unit"], base, -{"day": 7, "week": 6, "month": 6, "year": 5}[m["unit"]])
        return DateInterval(start, base, DatePrecision.VAGUE)
    if m := _PAST_N.match(text):
        n = int(m["n"]) if (m["n"] or "").isdigit() else _WORD_NUMBERS[m["n"] or "one"]
        return DateInterval(
            _step(m["unit"], base, -n), base, _PRECISION.get(m["unit"], DatePrecision.VAGUE)
        )
    if m := _EARLIER_THIS.match(text):
        start, end = _period(m["unit"], base)
        start, end = (start, base) if m["dir"] == "earlier" else (base, end)
        return DateInterval(start, end, _PRECISION[m["unit"]])
    if m := _PERIOD.match(text):
        start, end = _period(m["unit"], _step(m["unit"], base, _REL_STEP[m["rel"]]))
        return DateInterval(start, end, _PRECISION[m["unit"]])
    if m := _PART_REL.match(text):
        start, end = _period(m["unit"], _step(m["unit"], base, _REL_STEP[m["rel"]]))
        start, end = _part_of(start, end, _PART_WORDS[m["part"]])
        return DateInterval(start, end, DatePrecision.VAGUE)
    if m := _PART_MONTH.match(text):
        month = _MONTHS[m["month"]]
        year = _year_for_month(month, m["year"], base)
        start, end = _part_of(date(year, month, 1), _month_end(year, month), _PART_WORDS[m["part"]])
        return DateInterval(start, end, DatePrecision.WEEK)
    if m := _PART_YEAR.match(text):
        year = int(m["year"])
        start, end = _part_of(date(year, 1, 1), date(year, 12, 31), _PART_WORDS[m["part"]])
        return DateInterval(start, end, DatePrecision.VAGUE)
    if m := _SEASON.match(text):
        return _season(m, base)
    if m := _DAY_RANGE.match(text) or _MONTH_DAY_RANGE.match(text):
        month = _MONTHS[m["month"]]
        year = _year_for_month(month, m["year"], base)
        d1, d2 = sorted((int(m["d1"]), int(m["d2"])))
        last = calendar.monthrange(year, month)[1]
        if not 1 <= d1 <= d2 <= last:
            return None
        return DateInterval(date(year, month, d1), date(year, month, d2), DatePrecision.DAY)
    if m := _YEAR_RANGE.match(text):
        y1, y2 = int(m["y1"]), int(m["y2"])
        if y2 < 100:  # "2019-20"
            y2 += y1 - y1 % 100
        if y1 <= y2:
            return DateInterval(date(y1, 1, 1), date(y2, 12, 31), DatePrecision.YEAR)
        return None
    if m := _DECADE.match(text):
        decade = int(m["decade"])
        start, end = date(decade, 1, 1), date(decade + 9, 12, 31)
        if m["part"]:
            start, end = _part_of(start, end, m["part"])
        return DateInterval(start, end, DatePrecision.VAGUE)
    return None


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
    return text.strip(" ,.;:")


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
    weekday = _WEEKDAY_PART.match(" ".join(text.lower().replace("’", "'").split()))
    if weekday:
        # The latest such day not after the reference date: "on Wednesday" in a report
        # published on a Wednesday is that day, not a week before; the part of the day
        # ("Sunday morning", "late on Tuesday") changes nothing about which day it is.
        back = (base.weekday() - _WEEKDAYS.index(weekday["weekday"])) % 7
        day = base - timedelta(days=back)
        return DateInterval(day, day, DatePrecision.DAY)
    interval = _resolve_date(text, base)
    if (
        interval is not None
        and _BARE_YEAR.match(text.strip())
        and not _is_plausible(interval, base)
    ):
        return None
    return interval


# Reports date what happened, or plans a few years ahead; a bare number far in the future or
# before 1900 is one spaCy took for a year ("UNSCR 2254", "Resolution 1701"). Written-out
# dates ("1 January 2011") are kept whatever the distance.
_BARE_YEAR = re.compile(r"^(?:in\s+)?\d{3,4}$")
# A number of one or two digits alone is an age, a count or a score, never a date on its own
# ("Jumah Hamdi Hamdan, 53, ..." is not 1953; "the 5th" and "5 May" are still read).
_BARE_NUMBER = re.compile(r"^(?:the\s+)?\d{1,2}$")
_FUTURE_YEARS = 10
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_PARTS = "morning|afternoon|evening|night|midnight|noon|midday|dawn"
# "on Tuesday", "late on Tuesday", "early Sunday morning", "Saturday night", "Mondays attack"
# (the apostrophe lost): a weekday, with or without the part of the day.
_WEEKDAY_PART = re.compile(
    rf"^(?:(?:early|late|at dawn|dawn|before dawn)\s+)?(?:on\s+)?"
    rf"(?P<weekday>{'|'.join(_WEEKDAYS)})(?:'?s)?"
    rf"(?:\s+(?:(?:early|late)\s+)?(?:in the\s+)?(?:{_DAY_PARTS}))?$"
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
        ruled = _rules(clean, base)
    except (ValueError, OverflowError):
        # The rules build calendar dates from the numbers written; a number the calendar
        # cannot hold ("September 0000", a step past year 9999) is no date.
        return None
    if ruled is not None:
        return ruled
    data = _parser(base).get_date_data(clean)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    if period in ("time", "part_of_day"):
        # dateparser answers "now" for words it does not understand ("the 1990s" -> now).
        if not re.search(r"\b(?:night|morning|evening|afternoon|today|tonight|yesterday)\b", clean):
            return None
        period = "day"
    if period == "day":
        return DateInterval(day, day, DatePrecision.DAY)
    start, end = _period(period, day)
    return DateInterval(start, end, _PRECISION.get(period, DatePrecision.VAGUE))
