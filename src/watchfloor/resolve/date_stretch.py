"""The days a happening's stated stretch covers: "a week of fighting", "the 24-day sweep",
"entered a third day".

A length alone ("three days", "a week") is a duration, no date (`resolve_date` answers None).
Told of a happening that the report gives as news ("Nearly 500 killed in week of fighting",
"the 24-day sweep had led to 200 arrests", "clashes continued for a third day"), it is the
stretch that ends on the day the report speaks of: the publication day, or the day named with
it ("entered a third day on Saturday"). Whether a length is told of a happening is the
reader's question (`watchfloor.extract.dates`); this module reads the days.

- A length ("week", "nearly a week", "three days", "24-day", "48-hour", "week-long") runs back
  from the end by its length, one day more (the stretch may have ended the day before the
  report); "more than" and "over" a length reach half as far again. Lengths of more than a
  month are no news of the days before the report ("eight years of war") and give nothing.
- A running count ("a third day", "its fourth day", "a second straight day") began that many
  days, less one, before the end, and is still going on it.

The precision is that of the stretch's length (`DatePrecision.DAY` for one day, `WEEK` up to
seven, `MONTH` up to 31): a stated span is a range, never a false point.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from watchfloor.model import DatePrecision
from watchfloor.resolve.date_rules import NUMBER_WORDS, WORD_NUMBERS, DateInterval

__all__ = ["MAX_STRETCH_DAYS", "is_length", "is_running", "stretch_days", "stretch_interval"]

# Longer stretches tell the history of a conflict, not news of the days before the report.
MAX_STRETCH_DAYS = 31
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "night": 1, "week": 7}
_UNIT = r"(?P<unit>" + "|".join(_UNIT_DAYS) + r")s?"
# How much further a length with each qualifier may reach back, as a share of the length.
_QUALIFIER_REACH = {"nearly": 0.0, "almost": 0.0, "about": 0.0, "around": 0.0, "some": 0.0}
_QUALIFIER_REACH.update({"more than": 0.5, "over": 0.5, "at least": 0.5, "just over": 0.5})
_QUALIFIER = r"(?P<q>" + "|".join(sorted(_QUALIFIER_REACH, key=len, reverse=True)) + r")"
_LENGTH = re.compile(
    rf"^(?:{_QUALIFIER}\s+)?(?:(?:a|an|one|the)\s+|(?P<n>\d{{1,3}}|{NUMBER_WORDS})[\s-]+)?"
    rf"{_UNIT}(?:[\s-]+long)?$"
)
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_ORDINALS.update({"eighth": 8, "ninth": 9, "tenth": 10})
_ORDINAL = r"(?P<ord>" + "|".join(_ORDINALS) + r"|(?P<digits>\d{1,2})(?:st|nd|rd|th))"
_RUNNING = re.compile(
    rf"^(?:(?:a|its|their|the)\s+)?{_ORDINAL}\s+"
    r"(?:(?:straight|consecutive|successive|full|continuous)\s+)?(?P<unit>day|night|week)$"
)
_SPAN_PRECISION = ((1, DatePrecision.DAY), (7, DatePrecision.WEEK), (31, DatePrecision.MONTH))


def _clean(text: str) -> str:
    text = " ".join(text.lower().replace("’", "'").split())
    return re.sub(r"^(?:for|in|into|after|during|over the course of)\s+", "", text).strip(" ,.")


def is_length(text: str) -> bool:
    """Whether the expression is a length of time ("a week", "24-day", "nearly three days")."""
    return bool(_LENGTH.match(_clean(text)))


def is_running(text: str) -> bool:
    """Whether the expression counts the days of something still going ("a third day")."""
    return bool(_RUNNING.match(_clean(text)))


def _read(text: str) -> tuple[int, int] | None:
    """How many days before its end a stated stretch began, and its stated length in days."""
    clean = _clean(text)
    if m := _RUNNING.match(clean):
        count = int(m["digits"]) if m["digits"] else _ORDINALS[m["ord"]]
        unit = _UNIT_DAYS[m["unit"]]
        return int((count - 1) * unit), int(count * unit)
    if m := _LENGTH.match(clean):
        count = int(m["n"]) if (m["n"] or "").isdigit() else WORD_NUMBERS.get(m["n"] or "", 1)
        stated = count * _UNIT_DAYS[m["unit"]]
        reach = stated * (1 + _QUALIFIER_REACH.get(m["q"] or "", 0.0))
        whole = -(-round(reach * 24) // 24)  # whole days ("48-hour": two)
        return whole + 1, max(1, -(-round(stated * 24) // 24))  # and the day before the report
    return None


def stretch_days(text: str) -> int | None:
    """How many days before its end a stated stretch began (None: not one, or too long)."""
    read = _read(text)
    if read is None or read[1] > MAX_STRETCH_DAYS:
        return None
    return read[0]


def stretch_interval(text: str, end: date) -> DateInterval | None:
    """The days a stated stretch covers when it ends (or is still going) on `end`, with the
    precision of its stated length."""
    read = _read(text)
    if read is None or read[1] > MAX_STRETCH_DAYS:
        return None
    back, length = read
    precision = next((p for limit, p in _SPAN_PRECISION if length <= limit), DatePrecision.VAGUE)
    return DateInterval(end - timedelta(days=back), end, precision)
