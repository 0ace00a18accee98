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

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from watchfloor.extract.components import Context, component
from watchfloor.extract.figure_roles import figure_role
from watchfloor.extract.implicit_figures import implicit_figures
from watchfloor.extract.number_reading import (
    NOT_COUNTED,
    RANGE_IN_TOKEN,
    Reading,
    first_words,
    is_number_token,
    parse_number,
    read_figure,
)
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


def _is_excluded(doc: Doc, reading: Reading, sent: Span) -> bool:
    """Dates, years, names, list numbers, ages and measures are not figures."""
    tokens = doc[reading.start : reading.end]
    if any(t.ent_type_ in _SKIP_ENTS for t in tokens if is_number_token(t)):
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


def _counted_noun(doc: Doc, reading: Reading) -> Token | None:
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


def _unit_text(noun: Token, reading: Reading) -> str:
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


def _role(doc: Doc, reading: Reading, noun: Token | None) -> str | None:
    """What happened to the counted (see `figure_roles`)."""
    anchor = noun if noun is not None and noun.i >= reading.end else doc[reading.end - 1]
    after = (noun.i + 1) if noun is not None and noun.i >= reading.end else reading.end
    return figure_role(doc, anchor, noun, reading.start, after)


def _is_reference(doc: Doc, reading: Reading) -> bool:
    """ "one of ...", "the two sides": a small number that points at things already named."""
    if reading.qualifier is not Qualifier.EXACT or reading.low >= 10:
        return False
    before = doc[reading.start - 1].lower_ if reading.start > 0 else ""
    return reading.low == 1 or before in ("the", "these", "those", "its", "their", "both", "all")


def _readings(doc: Doc, sent: Span) -> list[Reading]:
    """Every figure in one sentence, left to right, without overlaps."""
    found: list[Reading] = []
    firsts = first_words()
    i = sent.start
    while i < sent.end:
        token = doc[i]
        # Most tokens cannot begin a figure; testing that first spares the full reading.
        if not (
            token.lower_ in firsts or is_number_token(token) or RANGE_IN_TOKEN.match(token.text)
        ):
            i += 1
            continue
        reading = read_figure(doc, i, sent.end)
        if reading is None or _is_excluded(doc, reading, sent):
            i += 1
            continue
        found.append(reading)
        i = reading.end
    return found


@component(EXTRACTOR, requires={"parse", "sentences"}, assigns={"quantities"})
def find_quantities(doc: AnnotatedDocument, context: Context) -> AnnotatedDocument:
    """Figures as ranges with hedge, counted noun and role, each with its evidence."""
    parsed = context.parsed
    found: list[Quantity] = []

    def evidence(span: Span) -> Evidence:
        sentence = doc.sentence_at(span.start_char, before=True)
        return Evidence(
            document_id=doc.document.id,
            sentence=sentence.index if sentence is not None else 0,
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
