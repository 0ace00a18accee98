"""Place names the statistical NER tags once and misses elsewhere in the same text.

A name is read the same way throughout one report ("one sense per discourse"): once
"Bicester" or "Gainesville" is tagged as a place (or named by a dateline or cue), its other
occurrences are places too, whether the NER left them untagged, tagged them as a person
("Bicester" PERSON) or read them inside a longer name. Inside an organisation's or
facility's name ("Gainesville Police", "Oxford's Dragon's Den") the place only names the body:
a geoparser reports it, an event is not placed by it.

Geoparse reports these (extract/places_candidates.py asks only with `every_name`).

Organisation names that begin with a nationality ("the Russian Foreign Ministry", "the
Georgian Interior Ministry") name their country the same way: reported by geoparse only. A
nationality the demonym table lacks is read by its English suffix when the stem is an area the
gazetteer knows: "South Ossetian" -> South Ossetia, "Dagestani" -> Dagestan, "Ohioans" -> Ohio,
"Sri Lankan" -> Sri Lanka, "Abkhaz" -> Abkhazia.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span

from watchfloor.extract.places_span import Candidate
from watchfloor.model import Precision
from watchfloor.resolve.gazetteer import Gazetteer, PlaceMatch

__all__ = ["demonym_head", "demonym_place", "repeated_names"]

_MIN_NAME = 4  # shorter names ("Ga", "Hit") are too often something else
_NAMED_BODIES = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT"})
_NAMED_AFTER = "inside a name (named after it)"


def _names(gaz: Gazetteer, found: Iterable[Candidate]) -> set[str]:
    """Names tagged as places somewhere in the text, worth looking for elsewhere."""
    names = set()
    for cand in found:
        if cand.label not in {"GPE", "LOC"} or cand.note:
            continue
        name = cand.query or cand.text
        if " " in name and cand.query:
            continue  # "Becker County" read from a list of counties: not the text itself
        if len(name) < _MIN_NAME or gaz.is_stop_name(name) or not name[:1].isupper():
            continue
        if name.lower() in gaz.rules.directions or not gaz.knows(name):
            continue
        names.add(name)
    return names


def _enclosing(ents: list[Span], start: int, end: int) -> Span | None:
    """The entity that holds the character range, if any."""
    for ent in ents:
        if ent.start_char <= start and end <= ent.end_char:
            return ent
        if ent.start_char >= end:
            break
    return None


def repeated_names(
    gaz: Gazetteer, doc: Doc, text: str, found: list[Candidate], *, every_name: bool
) -> Iterator[Candidate]:
    """Other occurrences of the names tagged as places, as candidates."""
    names = _names(gaz, found)
    if not names:
        return
    taken = {(c.start, c.end) for c in found}
    ents = list(doc.ents)
    forms = sorted(names | {n.upper() for n in names}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'’.-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")
    for match in pattern.finditer(text):
        start, end = match.span()
        if (start, end) in taken:
            continue
        name = match.group(0)
        query = name.title() if name.isupper() and name not in names else None
        ent = _enclosing(ents, start, end)
        if ent is None or (ent.start_char, ent.end_char) == (start, end):
            yield Candidate(start, end, name, "GPE", None, "", query)
        elif every_name and ent.label_ in _NAMED_BODIES:
            yield Candidate(start, end, name, "ORG", None, _NAMED_AFTER, query)
        # inside a longer place name, or a person's name ("Michael Jordan"): not this place


def demonym_head(gaz: Gazetteer, ent: Span) -> Candidate | None:
    """The nationality an organisation's name begins with ("Russian Foreign Ministry")."""
    tokens = [t for t in ent if t.lower_ != "the"]
    if len(tokens) < 2 or ent.label_ != "ORG":
        return None
    for width in (2, 1):
        head = ent.doc[tokens[0].i : tokens[0].i + width]
        if head.end < ent.end and demonym_place(gaz, head.text) is not None:
            return Candidate(head.start_char, head.end_char, head.text, "NORP", None)
    return None


_AREAS = frozenset({Precision.COUNTRY, Precision.GOVERNORATE, Precision.REGION})


def _stems(word: str) -> list[str]:
    """Names a nationality may be formed from, by its English suffix."""
    stem = word[:-1] if word.endswith(("ans", "is")) else word
    if stem.endswith("ian"):
        return [stem[:-1], stem[:-3] + "e", stem[:-2] + "o"]  # Ossetia, Palestine, Ontario
    if stem.endswith("an"):
        return [stem[:-1], stem[:-2], stem[:-1] + "s"]  # Sri Lanka, Ohio, Texas
    if stem.endswith("i"):
        return [stem[:-1]]  # Dagestan
    if stem[-1:].isalpha() and stem[-1:] not in "aeiouy":
        return [stem + "ia"]  # Abkhazia
    return []


def demonym_place(gaz: Gazetteer, text: str) -> PlaceMatch | None:
    """The country or area a nationality names, from the demonym table or its suffix."""
    found = gaz.demonym_of(text)
    if found is not None or not text[:1].isupper() or len(text) < 5:
        return found
    for name in _stems(text):
        if len(name) < 4 or gaz.is_stop_name(name) or not gaz.knows(name):
            continue
        match = gaz.resolve(name)
        if match is not None and match.precision in _AREAS:
            return replace(match, score=0.6, note=f"demonym: the people of {match.name}")
    return None
