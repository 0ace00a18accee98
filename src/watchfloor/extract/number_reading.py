"""Reading a figure's tokens: numbers in digits or words, vague quantities and hedges.

The number reader behind `extract.quantities` (see its docstring for how vague quantities
become ranges and how hedges bound a figure). It works on the parse's tokens only: which
numbers are figures, what they count and their role are the quantities component's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from watchfloor.model import Qualifier

__all__ = [
    "HEDGES",
    "NOT_COUNTED",
    "RANGE_IN_TOKEN",
    "SCALES",
    "VAGUE_NUMBER_HEADS",
    "WORD_NUMBERS",
    "Reading",
    "first_words",
    "is_number_token",
    "parse_number",
    "read_figure",
]

_SMALL = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
_SMALL += " fifteen sixteen seventeen eighteen nineteen"
WORD_NUMBERS = {w: i for i, w in enumerate(_SMALL.split())}
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
WORD_NUMBERS.update({w: 20 + 10 * i for i, w in enumerate(_TENS.split())})
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
SCALES.update({"mn": 10**6, "bn": 10**9})

# Vague quantities as (words, (low, high)), longest phrases first (see the module docstring).
_BIG = "large significant great huge considerable substantial high big growing sizeable sizable"
VAGUE_NUMBER_HEADS: list[tuple[tuple[str, ...], tuple[int, int | None]]] = sorted(
    [
        (("tens", "of", "millions"), (10**7, 10**8 - 1)),
        (("hundreds", "of", "thousands"), (100_000, 999_999)),
        (("tens", "of", "thousands"), (10_000, 99_999)),
        (("several", "hundred", "thousand"), (200_000, 999_999)),
        (("several", "thousand"), (2000, 9999)),
        (("a", "few", "thousand"), (2000, 9999)),
        (("several", "hundred"), (200, 999)),
        (("a", "few", "hundred"), (200, 999)),
        (("several", "dozen"), (24, 99)),
        (("a", "few", "dozen"), (24, 99)),
        (("millions",), (10**6, 10**7 - 1)),
        (("thousands",), (1000, 9999)),
        (("hundreds",), (100, 999)),
        (("scores",), (40, 199)),
        (("dozens",), (24, 99)),
        (("a", "handful"), (2, 9)),
        *((("a", size, "number"), (2, None)) for size in _BIG.split()),
        *(((size, "numbers"), (2, None)) for size in _BIG.split()),
    ],
    key=lambda item: -len(item[0]),
)
# "nearly" and "almost" are read as AT_MOST (just under the figure) in `_hedged`.
_APPROX = "approximately about around some roughly estimated circa approx nearly almost"
HEDGES: list[tuple[tuple[str, ...], Qualifier]] = sorted(
    [((w,), Qualifier.APPROXIMATELY) for w in _APPROX.split()]
    + [
        (tuple(phrase.split()), qualifier)
        for qualifier, phrases in (
            (Qualifier.APPROXIMATELY, ("an estimated", "close to", "as many as")),
            (Qualifier.AT_LEAST, ("at least", "no fewer than", "no less than", "a minimum of")),
            (Qualifier.MORE_THAN, ("more than", "over", "upwards of", "in excess of")),
            (Qualifier.AT_MOST, ("up to", "at most")),
            (Qualifier.LESS_THAN, ("fewer than", "less than", "under")),
        )
        for phrase in phrases
    ],
    key=lambda item: -len(item[0]),
)
# Nouns after a number that make it a measure, a duration or an age, not a count.
_MEASURES = (
    "second seconds minute minutes hour hours day days week weeks month months year years decade "
    "decades century centuries km kilometres kilometers kilometre kilometer mile miles metre "
    "metres meter meters m cm mm kg kilogram kilograms ton tons tonnes tonne litres liters barrels "
    "percent per cent degrees times year-old years-old dollars euros pounds usd lira liras"
)
NOT_COUNTED = frozenset(_MEASURES.split())
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$|^\d+\.\d+$|^\d{1,3}(?:\.\d{3})+$")
RANGE_IN_TOKEN = re.compile(r"^([\d,.]+)[-–]([\d,.]+)$")
_DASHES = frozenset({"-", "–", "—", "to", "or"})


@dataclass(frozen=True, slots=True)
class Reading:
    """A figure read from tokens [start, end), before its noun and role are known."""

    start: int
    end: int
    low: int
    high: int | None
    qualifier: Qualifier


def parse_number(words: list[str]) -> int | None:
    """The value of a number in digits or words ("1,500", "three hundred", "1.5 million")."""
    if not words:
        return None
    total, current, seen = 0, 0.0, False
    for word in (w.lower().replace("–", "-") for w in words):
        if word in ("-", "and", "a", "an"):
            if word in ("a", "an") and seen:
                return None
            continue
        if _DIGITS.match(word):
            if re.match(r"^\d{1,3}(?:\.\d{3})+$", word):  # "12.000" written the European way
                word = word.replace(".", "")
            current += float(word.replace(",", ""))
        elif word in WORD_NUMBERS:
            current += WORD_NUMBERS[word]
        elif word in SCALES:
            scale = SCALES[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + int(current), 0.0
        elif "-" in word and all(p in WORD_NUMBERS for p in word.split("-")):
            current += sum(WORD_NUMBERS[p] for p in word.split("-"))  # "twenty-five"
        else:
            return None
        seen = True
    return round(total + current) if seen else None


def is_number_token(token: Token) -> bool:
    text = token.lower_
    return bool(_DIGITS.match(text)) or text in WORD_NUMBERS or text in SCALES


def _read_number(doc: Doc, i: int, limit: int) -> tuple[int, int] | None:
    """A number starting at token i: (value, end index), reading digits, words and scales."""
    j = i
    if doc[j].lower_ in ("a", "an") and j + 1 < limit and doc[j + 1].lower_ in SCALES:
        j += 1  # "a hundred", "a dozen"
    if not is_number_token(doc[j]):
        return None
    j += 1
    while j < limit:
        tok = doc[j]
        if is_number_token(tok) and not (
            _DIGITS.match(tok.text) and _DIGITS.match(doc[j - 1].text)
        ):
            j += 1
        elif (
            tok.text == "-"
            and j + 1 < limit
            and doc[j + 1].lower_ in WORD_NUMBERS
            and not _DIGITS.match(doc[j - 1].text)
        ):
            j += 2  # "twenty-five" split by the tokenizer
        elif (
            tok.lower_ == "and"
            and j + 1 < limit
            and doc[j + 1].lower_ in WORD_NUMBERS
            and doc[j - 1].lower_ in SCALES
        ):
            j += 2  # "three hundred and fifty"
        else:
            break
    value = parse_number([t.text for t in doc[i:j]])
    return (value, j) if value is not None else None


def _read_vague(doc: Doc, i: int, limit: int) -> tuple[int, int | None, int] | None:
    """A vague quantity at token i: (low, high, end index)."""
    words = [t.lower_ for t in doc[i : min(limit, i + 5)]]
    for phrase, (low, high) in VAGUE_NUMBER_HEADS:
        n = len(phrase)
        if tuple(words[:n]) == phrase:
            return low, high, i + n
    return None


def _read_core(doc: Doc, i: int, limit: int) -> tuple[int, int | None, Qualifier, int] | None:
    """A range, vague quantity or number at token i: (low, high, qualifier, end)."""
    head = doc[i].lower_
    packed = RANGE_IN_TOKEN.match(doc[i].text)
    if packed:  # "1,500-3,000" kept as one token
        a, b = parse_number([packed[1]]), parse_number([packed[2]])
        if a is not None and b is not None and a < b:
            return a, b, Qualifier.RANGE, i + 1
    if head in ("between", "from") and i + 1 < limit:
        first = _read_number(doc, i + 1, limit)
        if first and first[1] + 1 < limit and doc[first[1]].lower_ in ("and", "to", "-", "–"):
            second = _read_number(doc, first[1] + 1, limit)
            if second and first[0] < second[0]:
                return first[0], second[0], Qualifier.RANGE, second[1]
        return None
    vague = _read_vague(doc, i, limit)
    if vague:
        return vague[0], vague[1], Qualifier.VAGUE, vague[2]
    number = _read_number(doc, i, limit)
    if number is None:
        return None
    value, end = number
    if end + 1 < limit and doc[end].lower_ in _DASHES:
        second = _read_number(doc, end + 1, limit)
        if second and value < second[0] and (doc[end].lower_ != "or" or second[0] < 100):
            return value, second[0], Qualifier.RANGE, second[1]
    return value, value, Qualifier.EXACT, end


def _hedged(
    low: int, high: int | None, hedge: Qualifier | None, nearly: bool
) -> tuple[int, int | None, Qualifier]:
    """Apply a hedge to a plain figure; ranges and vague quantities keep their own shape."""
    if hedge is None or high != low:
        return low, high, Qualifier.RANGE if high is not None and high != low else Qualifier.EXACT
    if nearly:
        return round(low * 0.9), low, Qualifier.AT_MOST
    if hedge in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        return low, None, hedge
    if hedge in (Qualifier.AT_MOST, Qualifier.LESS_THAN):
        return 0, low, hedge
    return low, low, hedge


def read_figure(doc: Doc, i: int, limit: int) -> Reading | None:
    """A whole figure at token i: optional hedge, then the core."""
    words = [t.lower_ for t in doc[i : min(limit, i + 3)]]
    hedge, nearly, j = None, False, i
    for phrase, qualifier in HEDGES:
        if tuple(words[: len(phrase)]) == phrase:
            hedge, nearly, j = qualifier, phrase[0] in ("nearly", "almost"), i + len(phrase)
            break
    if j >= limit:
        return None
    core = _read_core(doc, j, limit)
    if core is None:
        return None
    low, high, qualifier, end = core
    if qualifier is Qualifier.EXACT:
        low, high, qualifier = _hedged(low, high, hedge, nearly)
    elif hedge is not None and qualifier is Qualifier.VAGUE and hedge is Qualifier.AT_LEAST:
        high, qualifier = None, Qualifier.AT_LEAST  # "at least hundreds"
    start = i if hedge is not None else j
    return Reading(start, end, low, high, qualifier)


@cache
def first_words() -> frozenset[str]:
    """Words a figure can begin with besides a number: hedges, vague heads, range openers."""
    phrases = [p for p, _ in HEDGES] + [p for p, _ in VAGUE_NUMBER_HEADS]
    # "between"/"from" open ranges; "a"/"an" open "a hundred", "a dozen" (see the readers).
    return frozenset([p[0] for p in phrases] + ["between", "from", "a", "an"])
