"""Candidate spans for place mentions: what in a parsed text may name a place.

Candidates are GPE/LOC/FAC entities (the entity ruler fed by the gazetteer labels the domain's
places first); PERSON/ORG entities that the gazetteer knows as news-worthy places (the stock
model tags al-Hol as a person); "X prison" / "X camp" / "X town" constructions; the cues of
extract/places_cues.py; and descriptive phrases ("the road between A and B", "the Syria–Iraq
border"). Entity spans grow to take a compass word before them ("northern Syria") and a type or
area word after them ("al-Shaddadi prison", "Deir ez-Zor countryside").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from watchfloor.extract.places_cues import cue_places
from watchfloor.extract.places_inner import inner_toponym
from watchfloor.extract.places_repeats import demonym_head, demonym_place, repeated_names
from watchfloor.extract.places_span import PLACE_LABELS, Candidate
from watchfloor.model import Precision
from watchfloor.resolve.gazetteer import Gazetteer
from watchfloor.resolve.places_patterns import is_newsworthy

__all__ = ["candidates"]

_MAYBE_LABELS = frozenset({"PERSON", "ORG"})
_DESCRIPTIONS = re.compile(
    r"\b(?:the\s+)?(?:road|highway)\s+(?:between|linking)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
    r"\s+and\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
    r"|\b[A-Z][a-z]+\s*[–—-]\s*[A-Z][a-z]+\s+border\b"
    r"|\bborder\s+between\s+[A-Z][a-z]+\s+and\s+[A-Z][a-z]+"
)
_UNIT_WORDS = frozenset({"County", "Parish", "Borough"})  # capitalised: part of the name
_LOOKBACK_HINT = 4  # "camps like al-Hol": a type word this many tokens before the name


# Prepositions that put a type word's facility inside or near a place rather than naming it.
_LOCATIVES = frozenset({"in", "near", "at", "outside", "inside", "around", "from", "to", "into"})


def _type_word(gaz: Gazetteer, words: str) -> str | None:
    """The facility or admin kind a word names ("prison" -> prison), if any."""
    return gaz.rules.type_words.get(words.lower())


def _grow(gaz: Gazetteer, span: Span) -> tuple[int, int, str | None]:
    """Token bounds of an entity grown by a compass word before and a type/area word after."""
    doc, start, end, hint = span.doc, span.start, span.end, None
    for width in (3, 1):  # "north - east" is three tokens
        words = doc[max(0, start - width) : start].text.replace(" ", "").lower()
        if start >= width and words in gaz.rules.directions:
            start -= width
            break
    unit = end < len(doc) and doc[end].text in _UNIT_WORDS
    if unit and gaz.knows(doc[span.start : end + 1].text):
        # "Guernsey County Courthouse": the county, not the island the ruler tagged alone.
        return start, end + 1, None
    for width in (2, 1):  # "oil field", "air base" before "prison"
        if end + width <= len(doc):
            words = doc[end : end + width].text
            kind = _type_word(gaz, words)
            if kind is not None:
                return start, end + width, kind
            if words.lower() in gaz.rules.area_words:
                return start, end + width, None
    for token in doc[max(0, span.start - _LOOKBACK_HINT) : span.start]:
        kind = _type_word(gaz, token.text)
        between = {t.lower_ for t in doc[token.i + 1 : span.start]}
        # "camps like al-Hol" names the camp; "the prison in al-Hasakah" names where it is.
        if kind in {"town", "admin1", "admin2", "admin3"}:
            continue  # "the Al Shamal subdistrict of Sinjar": Sinjar is no subdistrict
        if kind is not None and token.pos_ in {"NOUN", "PROPN"} and not between & _LOCATIVES:
            hint = kind
    return start, end, hint


def _article(span: Span) -> Token | None:
    """The definite article determining a bare name itself ("the White House said", "over
    the Middle East"), if any. Not when it determines a noun the name modifies ("the Raqqa
    offensive", "the Fairfield home"), a list or a name with its state ("the Cambridge,
    Pleasant City and Lore City departments", "the Kansas City, Kan., police"), or a unit
    word's phrase ("the Town of Groton")."""
    first = span[0]
    if first.i == 0 or any(t.lower_ == "of" for t in span):
        return None
    before = span.doc[first.i - 1]
    if before.lower_ != "the" or not span.start <= before.head.i < span.end:
        return None
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and (after.pos_ in {"NOUN", "PROPN"} or after.text in {",", "-"}):
        return None
    return before


def _named(gaz: Gazetteer, span: Span, label: str, hint: str | None) -> Candidate:
    """The candidate of an entity span; with its article when the gazetteer spells the name
    so ("The Hague"), else flagged as said with one ("the White House")."""
    article = _article(span) if hint is None else None
    if article is None:
        return Candidate(span.start_char, span.end_char, span.text, label, hint)
    whole = span.doc[article.i : span.end]
    if gaz.candidates(whole.text):
        return Candidate(whole.start_char, whole.end_char, whole.text, label, hint)
    return Candidate(span.start_char, span.end_char, span.text, label, hint, article=True)


def _named_part(gaz: Gazetteer, ent: Span) -> Span | None:
    """The entity without its lower-case lead ("too big City" -> "City"); None when no
    capitalised word is left ("none", "sarin"): common words the NER took for a name.

    Articles of Arabic names ("al-Bab") and compass words ("eastern Ghouta") stay."""
    start = ent.start
    while start < ent.end:
        tok = ent.doc[start]
        low = tok.lower_
        if not tok.text[:1].islower() or low in _NAME_PARTS or low in gaz.rules.directions:
            break
        start += 1
    span = ent.doc[start : ent.end]
    if not any(t.text[:1].isupper() for t in span):
        return None
    return span


def _as_entity(span: Span, ent: Span) -> Span:
    """The span as an entity with the label and ruler id of the entity it was cut from."""
    return Span(span.doc, span.start, span.end, label=ent.label_, span_id=ent.ent_id_)


def _institution(gaz: Gazetteer, ent: Span) -> bool:
    """Whether the actor catalogue's ruler named a state here by one of its institutions with
    its article ("at the White House", "the Pentagon said"): an alias that is neither the
    country's name nor its capital's. It speaks or acts for the state and places nothing;
    without the article the name may be the town (White House, Tennessee)."""
    if ent.label_ != "GPE" or not ent.ent_id_ or gaz.get(ent.ent_id_) is not None:
        return False  # not the catalogue's (the gazetteer's patterns carry place ids)
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if ent[0].lower_ == "the":
        text = ent[1:].text
    elif before is not None and before.lower_ == "the":
        text = ent.text
    else:
        return False
    found = gaz.lookup(text)
    return found is None or not (found.precision is Precision.COUNTRY or found.feature == "PPLC")


def _knows(gaz: Gazetteer, span: Span) -> bool:
    """A PERSON/ORG span counts as a place only if it names a news-worthy place exactly."""
    place = gaz.get(span.ent_id_) if span.ent_id_ else None
    if place is not None:
        return True
    return any(is_newsworthy(p) for p in gaz.candidates(span.text))


_CUE_WORDS = frozenset(
    {
        "town",
        "village",
        "city",
        "towns",
        "villages",
        "area",
        "axis",
        "checkpoint",
        "neighbourhood",
        "neighborhood",
        "farms",
        "farm",
        "hill",
        "hills",
        "junction",
        "roundabout",
    }
)
_PLURAL_CUES = frozenset({"towns", "villages"})
_NAME_PARTS = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "an", "at", "az", "abu", "bin", "ibn"}
)


def _name_run(doc: Doc, end: int) -> int:
    """The first token of the capitalised name ending just before token `end` (or `end`)."""
    first = end
    while first > 0 and end - first < 4:
        tok = doc[first - 1]
        if tok.text in {"-", "'", "’"} or tok.lower_ in _NAME_PARTS:
            first -= 1
            continue
        if not tok.text[:1].isupper() or tok.is_stop or (tok.is_sent_start and tok.i == 0):
            break
        first -= 1
    while first < end and (doc[first].text in {"-", "'", "’"} or doc[first].lower_ in _NAME_PARTS):
        if doc[first].text[:1].isupper():
            break  # "Al Hasakeh": a capitalised article starts the name
        first += 1
    return first


def _constructions(gaz: Gazetteer, doc: Doc) -> Iterable[Candidate]:
    """ "X prison" / "X camp" / "X town" / "X governorate": a name before a type or cue word
    is a place even when the statistical NER misses it ("Sfuhen village", "Kuramaza town")."""
    for token in doc:
        kind = _type_word(gaz, token.text)
        cue = token.lower_ in _CUE_WORDS
        if (kind is None and not cue) or token.i == 0:
            continue
        first = _name_run(doc, token.i)
        if first == token.i:
            continue
        if kind in {"town", "admin1", "admin2", "admin3"} or cue:
            # "Harbal axis", "Jisr checkpoint": the cue says a place, the name is the place.
            plain = cue and kind is None and token.lower_ not in gaz.rules.area_words
            span = doc[first : token.i] if plain else doc[first : token.i + 1]
            label = "GPE"
        else:
            if doc[first].pos_ != "PROPN":
                continue
            span = doc[first : token.i + 1]
            label = "FAC"
        hint = "town" if cue and kind is None else kind
        yield Candidate(span.start_char, span.end_char, span.text, label, hint)
        if token.lower_ in _PLURAL_CUES and first > 1 and doc[first - 1].lower_ == "and":
            # "between Dabiq and Sandaf villages": the plural cue names both.
            other = _name_run(doc, first - 1)
            if other < first - 1:
                named = doc[other : first - 1]
                yield Candidate(named.start_char, named.end_char, named.text, "GPE", "town")


def candidates(
    gaz: Gazetteer, doc: Doc, *, every_name: bool = False, text: str | None = None
) -> list[Candidate]:
    """Every candidate span, overlaps resolved in favour of the longer one.

    `every_name` also yields what a geoparser reports but an event is not placed by: toponyms
    inside organisation names ("Dublin City Council") and demonyms ("Russian").
    """
    found: list[Candidate] = []
    for whole_ent in doc.ents:
        named = _named_part(gaz, whole_ent)
        if named is None:
            continue
        ent = whole_ent if named.start == whole_ent.start else _as_entity(named, whole_ent)
        if ent.label_ == "NORP" and every_name and demonym_place(gaz, ent.text) is not None:
            found.append(Candidate(ent.start_char, ent.end_char, ent.text, "NORP", None))
            continue
        if _institution(gaz, ent):
            continue
        known = ent.label_ in PLACE_LABELS and (
            gaz.knows(ent.text) or gaz.resolve(ent.text) is not None
        )
        if ent.label_ in PLACE_LABELS | {"ORG"} and not known:
            inner = inner_toponym(gaz, ent)
            if inner is not None and (inner.located or every_name):
                label = "GPE" if inner.located else "ORG"
                note = "inside a name" + ("" if inner.located else " (named after it)")
                query = inner.query if inner.query != inner.text else None
                found.append(
                    Candidate(inner.start, inner.end, inner.text, label, None, note, query)
                )
                continue
        if every_name and ent.label_ == "ORG" and (head := demonym_head(gaz, ent)) is not None:
            found.append(head)  # "the Russian Foreign Ministry" names Russia
            continue
        if ent.label_ not in PLACE_LABELS and not (
            ent.label_ in _MAYBE_LABELS and _knows(gaz, ent)
        ):
            continue
        start, end, hint = _grow(gaz, ent)
        span = doc[start:end]
        if span[0].lower_ == "the":
            span = span[1:]
        if len(span):
            found.append(_named(gaz, span, ent.label_, hint))
    found.extend(_constructions(gaz, doc))
    whole = doc.text if text is None else text  # Doc.text joins every token on each access
    for start, end, query in cue_places(gaz, whole):
        found.append(Candidate(start, end, whole[start:end], "GPE", None, query=query))
    for match in _DESCRIPTIONS.finditer(whole):
        phrase = match.group(0)
        offset = 4 if phrase.lower().startswith("the ") else 0
        found.append(Candidate(match.start() + offset, match.end(), phrase[offset:], "LOC", None))
    if every_name:
        # Geoparse only: an event's place is read where its sentence names it, and a repeat
        # met in another sentence ("evacuees of Fua and Kefraya ... to Aleppo") is no better
        # than the place the NER found there (FA-KES lost a governorate to one).
        found.extend(repeated_names(gaz, doc, whole, found, every_name=every_name))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Candidate] = []
    for cand in found:
        if kept and cand.start < kept[-1].end:
            continue  # inside a longer span already kept
        kept.append(cand)
    return kept
