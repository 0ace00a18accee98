"""The rule table of date resolution: what dateparser reads wrong or not at all.

Vague, partial and ranged expressions ("in recent months", "earlier this month", "late last
year", seasons, "mid-January", "between 3 and 5 March", decades), the weekend, a day of the
month named alone ("on the 12th"), and a day and month named without a year that falls in the
coming weeks ("the June 3 election" in a May report). Each pattern is built from the table it
is looked up in, so every form it accepts has an answer (`tests/resolve/test_dates_tables.py`
checks each alternative).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from watchfloor.model import DatePrecision

__all__ = [
    "NUMBER_WORDS",
    "PRECISION",
    "UNIT",
    "WEEKDAYS",
    "WORD_NUMBERS",
    "DateInterval",
    "period",
    "rules",
]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


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
NUMBER_WORDS = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
WORD_NUMBERS: dict[str, int] = _WORD_NUMBERS  # the value of each counted word
# Units of time: the pattern is built from this table, and `_step` handles each of them.
_UNITS = ("day", "week", "month", "year", "decade", "hour", "minute", "second", "night")
UNIT = r"(?P<unit>" + "|".join(_UNITS) + r")s?"

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
    rf"^(?:the (?:past|last|previous)|past) (?:(?P<n>\d+|{NUMBER_WORDS}) )?{UNIT}$"
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
_WEEKDAY_NAMES = "|".join(WEEKDAYS)
# "Monday 22" (a page's "Monday 22 Sep" cut short): a day of the month named with its weekday.
_WEEKDAY_DAY = re.compile(
    rf"^(?P<weekday>{_WEEKDAY_NAMES}),? (?:the )?(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$"
)
# "overnight", "last night", "pre-dawn": the night before the reference day, which spans the
# two days (a raid "before dawn" told on the morning after is that night's).
_OVERNIGHT = re.compile(r"^(?:the )?(?:overnight|last night|pre-? ?dawn|before dawn)$")
# "the weekend" and its kin, and which weekend each means: the latest that has begun, the one
# before it when the reference day is itself in a weekend ("last weekend" said on a Sunday),
# or the coming one. The pattern is built from the table.
_WEEKEND = {"": "latest", "the": "latest", "this": "latest", "last": "last", "this past": "last"}
_WEEKEND.update({"the past": "last", "the previous": "last", "past": "last", "next": "next"})
_WEEKEND.update({"the coming": "next", "the next": "next"})
_WEEKEND_RE = re.compile(
    r"^(?:(?P<which>"
    + "|".join(sorted(filter(None, _WEEKEND), key=len, reverse=True))
    + r")\s+)?weekend$"
)
# "on the 12th": a day of the month named alone, the latest such day not after the reference.
_ORDINAL_DAY = re.compile(r"^(?:the )?(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)$")
# A day and month without a year ("June 3", "3rd of June"): dateparser takes the latest in the
# past; one due within the coming weeks is the one the report means ("the June 3 election" in
# a report of 23 May is not last year's), so the rule reads only that case.
_DAY_MONTH = re.compile(
    rf"^(?:the\s+)?(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}$"
)
_MONTH_DAY = re.compile(rf"^{_MONTH}\s+(?:the\s+)?(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$")
_UPCOMING = timedelta(days=30)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def period(unit: str, day: date) -> tuple[date, date]:
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


PRECISION = {
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
    """The first, middle or last third of an interval ("early 2025", "late January", "early
    next week": Monday to Wednesday, not the first ten days of the month)."""
    days = (end - start).days + 1
    if days < 28:  # shorter than any month: thirds of its days
        size = -(-days // 3)
        bounds = {
            "early": (0, size - 1),
            "mid": (days // 3, days - 1 - days // 3),
            "late": (days - size, days - 1),
        }[part]
        return start + timedelta(days=bounds[0]), start + timedelta(days=bounds[1])
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
    weekday = WEEKDAYS.index(match["weekday"])
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


def _weekend(which: str, base: date) -> DateInterval:
    """Saturday and Sunday of the weekend `which` names ("latest", "last", "next")."""
    saturday = base - timedelta(days=(base.weekday() - 5) % 7)
    if which == "last" and base.weekday() >= 5:
        saturday -= timedelta(days=7)
    elif which == "next":
        saturday += timedelta(days=7)
    return DateInterval(saturday, saturday + timedelta(days=1), DatePrecision.DAY)


def _ordinal_day(day: int, base: date) -> DateInterval | None:
    """The latest day `day` of a month, not after the reference date."""
    for months_back in range(3):
        first = _shift_months(base.replace(day=1), -months_back)
        if (
            day <= calendar.monthrange(first.year, first.month)[1]
            and first.replace(day=day) <= base
        ):
            found = first.replace(day=day)
            return DateInterval(found, found, DatePrecision.DAY)
    return None


def _upcoming(match: re.Match[str], base: date) -> DateInterval | None:
    """A day and month due within the coming weeks; None otherwise (dateparser reads it)."""
    month, day = _MONTHS[match["month"].lower().rstrip(".")], int(match["day"])
    for year in (base.year, base.year + 1):
        if day > calendar.monthrange(year, month)[1]:
            continue
        found = date(year, month, day)
        if base < found <= base + _UPCOMING:
            return DateInterval(found, found, DatePrecision.DAY)
    return None


def rules(text: str, base: date) -> DateInterval | None:
    """The rule table: vague, partial and ranged expressions dateparser cannot read."""
    if m := _WEEKDAY_DAY.match(text):
        return _weekday_and_day(m, base)
    if m := _WEEKEND_RE.match(text):
        return _weekend(_WEEKEND[m["which"] or ""], base)
    if m := _ORDINAL_DAY.match(text):
        return _ordinal_day(int(m["day"]), base)
    if m := _DAY_MONTH.match(text) or _MONTH_DAY.match(text):
        return _upcoming(m, base)
    if _OVERNIGHT.match(text):
        return DateInterval(base - timedelta(days=1), base, DatePrecision.DAY)
    if m := _RECENT.match(text):
        start = _step(m["unit"], base, -{"day": 7, "week": 6, "month": 6, "year": 5}[m["unit"]])
        return DateInterval(start, base, DatePrecision.VAGUE)
    if m := _PAST_N.match(text):
        n = int(m["n"]) if (m["n"] or "").isdigit() else _WORD_NUMBERS[m["n"] or "one"]
        return DateInterval(
            _step(m["unit"], base, -n), base, PRECISION.get(m["unit"], DatePrecision.VAGUE)
        )
    if m := _EARLIER_THIS.match(text):
        start, end = period(m["unit"], base)
        start, end = (start, base) if m["dir"] == "earlier" else (base, end)
        return DateInterval(start, end, PRECISION[m["unit"]])
    if m := _PERIOD.match(text):
        start, end = period(m["unit"], _step(m["unit"], base, _REL_STEP[m["rel"]]))
        return DateInterval(start, end, PRECISION[m["unit"]])
    if m := _PART_REL.match(text):
        start, end = period(m["unit"], _step(m["unit"], base, _REL_STEP[m["rel"]]))
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
