"""Figures: counted quantities as ranges, with their hedge, counted noun and role.

A purpose-built reader (quantulum3 drops hedges and vague quantities and breaks on ranges). It
scans the parse's tokens for a hedge ("approximately", "at least", "up to", ...), then a range
("between 1,500 and 3,000", "1,500-3,000", "from 10 to 15"), a number (digits with separators,
words such as "three hundred", "1.5 million", "a dozen") or a vague quantity. Vague quantities
become ranges, never points:

    a handful 2-9, dozens 24-99 (a plural of dozen is at least two dozen), scores 40-199,
    hundreds 100-999 (the design's reading: the order of magnitude), thousands 1,000-9,999,
    tens of thousands 10,000-99,999, hundreds of thousands 100,000-999,999, millions
    1,000,000-9,999,999; "several/a few hundred" 200-999 and likewise for thousands;
    "a large (significant, great, ...) number" is a figure without a number: low 2, high None.

Hedges keep the stated figure in `low` and say in the qualifier how it is bounded: "at least
12,000" is 12,000..None (AT_LEAST), "more than 500" 500..None (MORE_THAN, the bound is strict),
"up to 3,000" 0..3,000 (AT_MOST), "fewer than 10" 0..10 (LESS_THAN), "approximately 1,500"
1,500..1,500 (APPROXIMATELY; readers widen it), "nearly 100" 90..100 (AT_MOST: just under).
The counted noun (`unit`) and the `role` come from the dependency parse. Years, dates, times,
ordinals, percentages, money, measures, ages, list numbering ("One:") and numbers inside names
are not figures.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from watchfloor.extract.components import Context, component
from watchfloor.extract.figure_roles import figure_role
from watchfloor.extract.implicit_figures import implicit_figures
from watchfloor.model import AnnotatedDocument, Evidence, Qualifier, Quantity

__all__ = ["EXTRACTOR", "find_quantities", "parse_number"]

EXTRACTOR = "watchfloor.quantities.v1"

# Entity labels whose numbers are not counts (names, dates, money, measures, ranks).
_SKIP_ENTS = frozenset(
    {
        "DATE",
        "TIME",
        "MONEY",
        "PERCENT",
        "ORDINAL",
        "QUANTITY",
        "ORG",
        "PERSON",
        "GPE",
        "FAC",
        "LOC",
        "PRODUCT",
        "LAW",
        "WORK_OF_ART",
        "EVENT",
        "NORP",
        "LANGUAGE",
    }
)


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
_RANGE_IN_TOKEN = re.compile(r"^([\d,.]+)[-–]([\d,.]+)$")
_DASHES = frozenset({"-", "–", "—", "to", "or"})


@dataclass(frozen=True, slots=True)
class _Reading:
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


def _is_number_token(token: Token) -> bool:
    text = token.lower_
    return bool(_DIGITS.match(text)) or text in WORD_NUMBERS or text in SCALES


def _read_number(doc: Doc, i: int, limit: int) -> tuple[int, int] | None:
    """A number starting at token i: (value, end index), reading digits, words and scales."""
    j = i
    if doc[j].lower_ in ("a", "an") and j + 1 < limit and doc[j + 1].lower_ in SCALES:
        j += 1  # "a hundred", "a dozen"
    if not _is_number_token(doc[j]):
        return None
    j += 1
    while j < limit:
        tok = doc[j]
        if _is_number_token(tok) and not (
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
    packed = _RANGE_IN_TOKEN.match(doc[i].text)
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


def _read(doc: Doc, i: int, limit: int) -> _Reading | None:
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
    return _Reading(start, end, low, high, qualifier)


def _is_excluded(doc: Doc, reading: _Reading, sent: Span) -> bool:
    """Dates, years, names, list numbers, ages and measures are not figures."""
    tokens = doc[reading.start : reading.end]
    if any(t.ent_type_ in _SKIP_ENTS for t in tokens if _is_number_token(t)):
        return True
    after = doc[reading.end] if reading.end < len(doc) else None
    before = doc[reading.start - 1] if reading.start > 0 else None
    if reading.start == sent.start and after is not None and after.text in (":", ".", ")"):
        return True  # list numbering: "One:", "2."
    core = tokens[-1].text
    if reading.qualifier is not Qualifier.VAGUE and (
        (after is not None and after.text in _MONTHS)
        or (before is not None and before.text in _MONTHS)
    ):
        return True  # a day of a month the entity recogniser missed: "Around 15 May 2022"
    if re.fullmatch(r"1[89]\d\d|20\d\d", core) and reading.qualifier is Qualifier.EXACT:
        return after is None or after.tag_ != "NNS"  # a year, unless it counts something
    named = before is not None and before.pos_ == "PROPN" and before.is_title
    if named and reading.start > sent.start and (after is None or after.tag_ != "NNS"):
        return True  # part of a name: "Resolution 2254", "Brigade 93"
    if after is not None and (after.text in ("%", "per", "percent") or after.lower_ in NOT_COUNTED):
        return True
    if before is not None and (
        before.text in ("$", "€", "£", "#", "No.")
        or before.lower_ in ("aged", "age", "number", "no")
    ):
        return True
    return (
        after is not None
        and after.text == "-"
        and reading.end + 1 < len(doc)
        and doc[reading.end + 1].lower_ in NOT_COUNTED
    )


# Month names: a number beside one is a day of the month ("15 May", "May 15").
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
)
_MONTHS = frozenset(_MONTH_NAMES.split()) | {m[:3] for m in _MONTH_NAMES.split()} | {"Sept"}
_NOUNS = frozenset({"NOUN", "PROPN"})
_PRONOUNS = frozenset({"them", "whom", "which", "these", "those", "us", "they"})


def _counted_noun(doc: Doc, reading: _Reading) -> Token | None:
    """The noun a figure counts: the noun it modifies, or the object of "of" after it."""
    inside = range(reading.start, reading.end)
    for tok in doc[reading.start : reading.end]:
        head = tok.head
        if (
            head.i not in inside
            and head.pos_ in _NOUNS
            and tok.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "det")
            and head.i >= reading.end
        ):
            return head
    for tok in reversed(doc[reading.start : reading.end]):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i >= reading.end:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
    after = doc[reading.end] if reading.end < len(doc) else None
    if after is not None and after.pos_ in _NOUNS and after.tag_ == "NNS":
        return after  # a parse that missed the nummod arc
    return None


def _unit_text(noun: Token, reading: _Reading) -> str:
    """The counted noun with the names that qualify it: "ISIS elements", "ISIS members"."""
    names = [
        c.text
        for c in noun.lefts
        if c.dep_ in ("compound", "nmod")
        and c.i >= reading.end
        and (c.ent_type_ in ("ORG", "NORP", "GPE") or c.pos_ == "PROPN")
    ]
    owner = [
        o.text
        for prep in noun.rights
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for o in prep.children
        if o.dep_ == "pobj" and o.ent_type_ in ("ORG", "NORP")
    ]
    return " ".join([*owner[:1], *names, noun.text])


def _role(doc: Doc, reading: _Reading, noun: Token | None) -> str | None:
    """What happened to the counted (see `figure_roles`)."""
    anchor = noun if noun is not None and noun.i >= reading.end else doc[reading.end - 1]
    after = (noun.i + 1) if noun is not None and noun.i >= reading.end else reading.end
    return figure_role(doc, anchor, noun, reading.start, after)


def _is_reference(doc: Doc, reading: _Reading) -> bool:
    """ "one of ...", "the two sides": a small number that points at things already named."""
    if reading.qualifier is not Qualifier.EXACT or reading.low >= 10:
        return False
    before = doc[reading.start - 1].lower_ if reading.start > 0 else ""
    return reading.low == 1 or before in ("the", "these", "those", "its", "their", "both", "all")


def _readings(doc: Doc, sent: Span) -> list[_Reading]:
    """Every figure in one sentence, left to right, without overlaps."""
    found: list[_Reading] = []
    firsts = _first_words()
    i = sent.start
    while i < sent.end:
        token = doc[i]
        # Most tokens cannot begin a figure; testing that first spares the full reading.
        if not (
            token.lower_ in firsts or _is_number_token(token) or _RANGE_IN_TOKEN.match(token.text)
        ):
            i += 1
            continue
        reading = _read(doc, i, sent.end)
        if reading is None or _is_excluded(doc, reading, sent):
            i += 1
            continue
        found.append(reading)
        i = reading.end
    return found


@cache
def _first_words() -> frozenset[str]:
    """Words a figure can begin with besides a number: hedges, vague heads, range openers."""
    phrases = [p for p, _ in HEDGES] + [p for p, _ in VAGUE_NUMBER_HEADS]
    # "between"/"from" open ranges; "a"/"an" open "a hundred", "a dozen" (see the readers).
    return frozenset([p[0] for p in phrases] + ["between", "from", "a", "an"])


@component(EXTRACTOR, requires={"parse", "sentences"}, assigns={"quantities"})
def find_quantities(doc: AnnotatedDocument, context: Context) -> AnnotatedDocument:
    """Figures as ranges with hedge, counted noun and role, each with its evidence."""
    parsed = context.parsed
    starts = [s.start for s in doc.sentences]
    found: list[Quantity] = []

    def evidence(span: Span) -> Evidence:
        pos = bisect.bisect_right(starts, span.start_char) - 1
        return Evidence(
            document_id=doc.document.id,
            sentence=doc.sentences[pos].index if pos >= 0 else 0,
            start=span.start_char,
            end=span.end_char,
            extractor=EXTRACTOR,
        )

    for sent in parsed.sents:
        previous_unit: tuple[str | None, str | None] = (None, None)
        in_sentence: list[Quantity] = []
        taken: set[int] = set()
        for reading in _readings(parsed, sent):
            noun = _counted_noun(parsed, reading)
            if noun is not None and noun.lower_ in _PRONOUNS:
                # "at least 12,000 of them", "one of whom": a part of the figure counted before,
                # with its unit; its role is only what its own clause says (a part is no new
                # count of the whole's role).
                unit = previous_unit[0]
                role = _role(parsed, reading, None)
            else:
                unit = _unit_text(noun, reading) if noun is not None else None
                role = _role(parsed, reading, noun)
            span = parsed[reading.start : reading.end]
            if role is None and _is_reference(parsed, reading):
                continue  # "one of the most ...", "the two sides": reference, not a figure
            taken.update(range(reading.start, reading.end))
            in_sentence.append(
                Quantity(
                    span.text, reading.low, reading.high, reading.qualifier, unit, role,
                    evidence(span),
                )
            )  # fmt: skip
            previous_unit = (unit, role)
        for span, value, role in implicit_figures(parsed, sent, taken):
            last = span[-1]
            unit = last.text if last.pos_ in _NOUNS and last.lower_ != "one" else None
            in_sentence.append(
                Quantity(span.text, value, value, Qualifier.EXACT, unit, role, evidence(span))
            )
        found.extend(sorted(in_sentence, key=lambda q: q.evidence.start))
    return replace(doc, quantities=tuple(found))
