"""Date rule patterns against their tables: every form a pattern accepts has an answer.

A pattern that accepts a word its lookup table lacks raises KeyError on real text ("the
beginning of" once emptied a batch of 804 reports). These tests read each named group's
alternatives out of the compiled patterns themselves and check each against its table, then let
hypothesis write strings each rule pattern accepts and check they resolve without error.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import product
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watchfloor.resolve import date_rules as rules
from watchfloor.resolve import dates

BASE = date(2026, 1, 25)

# Every rule pattern `_rules` tries, in its order.
RULE_PATTERNS = [
    rules._WEEKDAY_DAY,
    rules._WEEKEND_RE,
    rules._ORDINAL_DAY,
    rules._DAY_MONTH,
    rules._MONTH_DAY,
    rules._RECENT,
    rules._PAST_N,
    rules._EARLIER_THIS,
    rules._PERIOD,
    rules._PART_REL,
    rules._PART_MONTH,
    rules._PART_YEAR,
    rules._SEASON,
    rules._DAY_RANGE,
    rules._MONTH_DAY_RANGE,
    rules._YEAR_RANGE,
    rules._DECADE,
]

# The table each named group is looked up in (a group absent here is read as a number).
TABLES: dict[str, set[str]] = {
    "part": set(rules._PART_WORDS) | set(rules._PART),
    "rel": set(rules._REL_STEP) | {"past"},  # seasons take "past" as "last"
    "month": set(rules._MONTHS),
    "season": set(rules._SEASONS),
    "unit": set(rules._UNITS),
    "n": set(rules._WORD_NUMBERS),
    "dir": {"earlier", "later"},
    "which": set(rules._WEEKEND),
    "weekday": set(rules.WEEKDAYS),
}


def _literals(items: Any, limit: int = 2000) -> set[str] | None:
    """Every string a parsed (sub)pattern can match, or None when that set is not small."""
    results = {""}
    for op, arg in items:
        if op is sre_constants.LITERAL:
            options: set[str] | None = {chr(arg)}
        elif op is sre_constants.BRANCH:
            options = set()
            for branch in arg[1]:
                sub = _literals(branch, limit)
                if sub is None:
                    return None
                options |= sub
        elif op is sre_constants.SUBPATTERN:
            options = _literals(arg[-1], limit)
        elif op is sre_constants.MAX_REPEAT and arg[1] <= 1:
            inner = _literals(arg[2], limit)
            options = None if inner is None else inner | {""} if arg[0] == 0 else inner
        elif op is sre_constants.IN and all(o is sre_constants.LITERAL for o, _ in arg):
            options = {chr(value) for _, value in arg}
        else:
            return None
        if options is None:
            return None
        results = {a + b for a, b in product(results, options)}
        if len(results) > limit:
            return None
    return results


def _group_alternatives(pattern: re.Pattern[str]) -> dict[str, set[str]]:
    """Each named group of a pattern whose matches are a finite set of words, with that set."""
    found: dict[str, set[str]] = {}
    index_to_name = {index: name for name, index in pattern.groupindex.items()}

    def walk(items: Any) -> None:
        for op, arg in items:
            if op is sre_constants.SUBPATTERN:
                name = index_to_name.get(arg[0])
                if name is not None:
                    words = _literals(arg[-1])
                    if words is not None:
                        found.setdefault(name, set()).update(words)
                walk(arg[-1])
            elif op is sre_constants.BRANCH:
                for branch in arg[1]:
                    walk(branch)
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                walk(arg[2])

    walk(sre_parse.parse(pattern.pattern))
    return found


@pytest.mark.parametrize("pattern", RULE_PATTERNS, ids=lambda p: p.pattern[:40])
def test_dates_every_pattern_alternative_is_in_its_table(pattern: re.Pattern[str]) -> None:
    for group, words in _group_alternatives(pattern).items():
        if group not in TABLES:
            continue
        table = TABLES[group]
        singular = {word.removesuffix("s") for word in words}
        missing = sorted(w for w in words if w not in table and w.removesuffix("s") not in table)
        assert not missing, f"{group}: {missing} accepted by {pattern.pattern!r}"
        assert singular  # the group was read


def test_dates_the_tables_are_read_by_the_walker() -> None:
    # The check above would pass vacuously if the walker found no groups: make sure it does.
    groups = _group_alternatives(rules._PART_MONTH)
    assert "the beginning of" in groups["part"]
    assert "sept" in groups["month"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("the beginning of March 2019", date(2019, 3, 1), date(2019, 3, 10)),
        ("at the start of last month", date(2025, 12, 1), date(2025, 12, 10)),
        ("the middle of 2024", date(2024, 5, 1), date(2024, 8, 31)),
        ("the past 24 hours", date(2026, 1, 24), BASE),
        ("the last three nights", date(2026, 1, 22), BASE),
        ("the past several days", date(2026, 1, 22), BASE),
    ],
)
def test_dates_forms_that_once_failed(text: str, start: date, end: date) -> None:
    interval = dates.resolve_date(text, BASE)
    assert interval is not None
    assert (interval.start, interval.end) == (start, end)


def _check(text: str) -> None:
    interval = dates.resolve_date(text, BASE)
    if interval is not None:
        assert interval.start <= interval.end


@pytest.mark.parametrize("pattern", RULE_PATTERNS, ids=lambda p: p.pattern[:40])
def test_dates_every_string_a_rule_accepts_resolves(pattern: re.Pattern[str]) -> None:
    # Strings the pattern accepts, written the way `_normalise` leaves text (single spaces).
    strings = st.from_regex(pattern, fullmatch=True, alphabet=st.characters(codec="ascii")).map(
        lambda s: " ".join(s.split())
    )

    @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
    @given(strings)
    def run(text: str) -> None:
        _check(text)  # whether or not it still matches once its spaces are tidied

    run()
