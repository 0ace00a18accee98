"""Place mentions: toponyms in the parse, geocoded with the gazetteer in document context.

Candidates are GPE/LOC/FAC entities (the entity ruler fed by the gazetteer labels the domain's
places first); PERSON/ORG entities that the gazetteer knows as news-worthy places (the stock
model tags al-Hol as a person); "X prison" / "X camp" constructions; and descriptive phrases
("the road between A and B", "the Syria–Iraq border"). Entity spans grow to take a compass word
before them ("northern Syria") and a type or area word after them ("al-Shaddadi prison",
"Deir ez-Zor countryside"). Nationalities (NORP) are never places. Countries that act in
their sentence ("Iraq reinforced its border") stay places too: the actors component reads them
as actors as well.

Resolution runs twice: first without context, to collect the countries, admin1s and points of
the unambiguous names; then every candidate again in that context, so a village that exists in
two countries goes to the one the document is about.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from watchfloor.extract.components import Context, component
from watchfloor.extract.places_cues import cue_places
from watchfloor.extract.places_inner import inner_toponym
from watchfloor.model import AnnotatedDocument, Evidence, PlaceMention, Precision, Sentence
from watchfloor.resolve.gazetteer import Gazetteer, PlaceContext, PlaceMatch
from watchfloor.resolve.places_patterns import is_newsworthy

__all__ = ["EXTRACTOR", "find_places", "locate_places"]

EXTRACTOR = "watchfloor.places.v1"

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MAYBE_LABELS = frozenset({"PERSON", "ORG"})
_CONFIDENT = 0.7  # first-pass matches at least this sure become document context
_DESCRIPTIONS = re.compile(
    r"\b(?:the\s+)?(?:road|highway)\s+(?:between|linking)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
    r"\s+and\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
    r"|\b[A-Z][a-z]+\s*[–—-]\s*[A-Z][a-z]+\s+border\b"
    r"|\bborder\s+between\s+[A-Z][a-z]+\s+and\s+[A-Z][a-z]+"
)
_LOOKBACK_HINT = 4  # "camps like al-Hol": a type word this many tokens before the name


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A span that may name a place, with a type word read beside it."""

    start: int
    end: int
    text: str
    label: str
    hint: str | None
    note: str = ""
    query: str | None = None  # the name to look up when it is not the text ("Becker County")


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


def _constructions(gaz: Gazetteer, doc: Doc) -> Iterable[_Candidate]:
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
        yield _Candidate(span.start_char, span.end_char, span.text, label, hint)
        if token.lower_ in _PLURAL_CUES and first > 1 and doc[first - 1].lower_ == "and":
            # "between Dabiq and Sandaf villages": the plural cue names both.
            other = _name_run(doc, first - 1)
            if other < first - 1:
                named = doc[other : first - 1]
                yield _Candidate(named.start_char, named.end_char, named.text, "GPE", "town")


def _candidates(
    gaz: Gazetteer, doc: Doc, *, every_name: bool = False, text: str | None = None
) -> list[_Candidate]:
    """Every candidate span, overlaps resolved in favour of the longer one.

    `every_name` also yields what a geoparser reports but an event is not placed by: toponyms
    inside organisation names ("Dublin City Council") and demonyms ("Russian").
    """
    found: list[_Candidate] = []
    for ent in doc.ents:
        if ent.label_ == "NORP" and every_name and gaz.demonym_of(ent.text) is not None:
            found.append(_Candidate(ent.start_char, ent.end_char, ent.text, "NORP", None))
            continue
        known = ent.label_ in _PLACE_LABELS and (
            gaz.knows(ent.text) or gaz.resolve(ent.text) is not None
        )
        if ent.label_ in _PLACE_LABELS | {"ORG"} and not known:
            inner = inner_toponym(gaz, ent)
            if inner is not None and (inner.located or every_name):
                label = "GPE" if inner.located else "ORG"
                note = "inside a name" + ("" if inner.located else " (named after it)")
                query = inner.query if inner.query != inner.text else None
                found.append(
                    _Candidate(inner.start, inner.end, inner.text, label, None, note, query)
                )
                continue
        if ent.label_ not in _PLACE_LABELS and not (
            ent.label_ in _MAYBE_LABELS and _knows(gaz, ent)
        ):
            continue
        start, end, hint = _grow(gaz, ent)
        span = doc[start:end]
        if span[0].lower_ == "the":
            span = span[1:]
        if len(span):
            found.append(_Candidate(span.start_char, span.end_char, span.text, ent.label_, hint))
    found.extend(_constructions(gaz, doc))
    whole = doc.text if text is None else text  # Doc.text joins every token on each access
    for start, end, query in cue_places(gaz, whole):
        found.append(_Candidate(start, end, whole[start:end], "GPE", None, query=query))
    for match in _DESCRIPTIONS.finditer(whole):
        phrase = match.group(0)
        offset = 4 if phrase.lower().startswith("the ") else 0
        found.append(_Candidate(match.start() + offset, match.end(), phrase[offset:], "LOC", None))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[_Candidate] = []
    for cand in found:
        if kept and cand.start < kept[-1].end:
            continue  # inside a longer span already kept
        kept.append(cand)
    return kept


def _context(
    gaz: Gazetteer,
    cands: Sequence[_Candidate],
    matches: Sequence[PlaceMatch | None],
    focus: frozenset[str],
) -> dict[str, PlaceContext]:
    """Per name, the context of the confident first-pass matches of the *other* names.

    A name never supports itself: "Sinjar" resolved to Iraq in the first pass must not make
    Iraq the context in which "Sinjar" is read again.
    """
    keys = [gaz.key(c.text) for c in cands]
    areas = gaz.document_areas(
        (c.text, c.query or c.text) for c in cands if c.label in _PLACE_LABELS
    )
    contexts: dict[str, PlaceContext] = {}
    for key in set(keys):
        ctx = PlaceContext(focus=focus)
        for other, match in zip(keys, matches, strict=True):
            if other == key or match is None or match.score < _CONFIDENT:
                continue
            if match.precision is not Precision.REGION:
                ctx = ctx.with_match(match)
        contexts[key] = areas.narrow(key, ctx)
    return contexts


def _mention(cand: _Candidate, match: PlaceMatch | None, evidence: Evidence) -> PlaceMention:
    """A PlaceMention; an unresolved toponym keeps its text with no point and score 0."""
    if match is None:
        return PlaceMention(
            text=cand.text,
            name=cand.text,
            place_id=None,
            lat=None,
            lon=None,
            country_code=None,
            admin1=None,
            precision=Precision.REGION,
            score=0.0,
            feature=None,
            evidence=evidence,
            note=cand.note,
        )
    return PlaceMention(
        text=cand.text,
        name=match.name,
        place_id=match.place_id,
        lat=match.lat,
        lon=match.lon,
        country_code=match.country_code,
        admin1=match.admin1,
        precision=match.precision,
        score=match.score,
        feature=match.feature,
        evidence=evidence,
        note="; ".join(n for n in (cand.note, match.note) if n),
    )


# "X town in (the eastern) Y countryside / governorate": Y is the admin area X lies in.
_WITHIN = re.compile(
    r"\s*(?:town|village|city|area|district|sub-?district|camp|neighbou?rhood)?,?\s*"
    r"(?:in|of|near|east of|west of|north of|south of)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)?\s+)?"
    r"(?P<area>[A-Z][\w'’`-]*(?:\s+(?:[A-Z][\w'’`-]*|a[lrsdzn]|e[lzn]|ash)){0,3})\s+"
    r"(?P<word>countryside|governorate|province|district|sub-?district|region)\b"
)


# "Nawa city, Dara." / "Alexandria, La.": an admin area after a comma, closing the phrase.
_COMMA_AREA = re.compile(
    r"\s*(?:town|village|city|area)?,\s*"
    r"(?P<area>[A-Z][\w'’`.-]*(?:\s+(?:[A-Z][\w'’`-]*|a[lrsdzn]|e[lzn]|ash)){0,2}?)"
    r"(?=\s*(?:[,;:)]|\.\s|\.?$|\s+(?:governorate|province)\b))"
)
_AREAS = frozenset({Precision.GOVERNORATE, Precision.DISTRICT})


def _is_area(gaz: Gazetteer, text: str) -> bool:
    """True when the name is a country or first-level unit's, never inside another area."""
    return any(p.kind in {"country", "admin1"} for p in gaz.candidates(text))


def _within(gaz: Gazetteer, doc_text: str, cand: _Candidate, ctx: PlaceContext) -> PlaceContext:
    """The context narrowed by an admin area named right after the candidate, if any."""
    found = _WITHIN.match(doc_text, cand.end, cand.end + 120)
    if found is None and not _is_area(gaz, cand.text):
        # "Alexandria, La." -- but in "California, Colorado, Georgia" each is an area alone.
        found = _COMMA_AREA.match(doc_text, cand.end, cand.end + 60)
    if found is None or cand.hint not in {None, "town"} or cand.query:
        return ctx  # a list item ("Clay, Douglas and ... counties") is in no other item
    area = gaz.resolve(found["area"], ctx, hint="admin1")
    if area is None or not area.admin1 or not area.country_code or area.precision not in _AREAS:
        return ctx
    return replace(
        ctx,
        countries=ctx.countries | {area.country_code},
        admin1s=ctx.admin1s | {(area.country_code, area.admin1)},
        within=(area.country_code, area.admin1),
    )


def _resolve(gaz: Gazetteer, cand: _Candidate, ctx: PlaceContext) -> PlaceMatch | None:
    """The gazetteer's answer for one candidate; a demonym names its country."""
    if cand.label == "NORP":
        return gaz.demonym_of(cand.text)
    return gaz.resolve(cand.query or cand.text, ctx, hint=cand.hint)


def locate_places(
    parsed: Doc,
    gazetteer: Gazetteer,
    document_id: str,
    sentences: Sequence[Sentence] = (),
    *,
    focus: frozenset[str] = frozenset(),
    every_name: bool = False,
) -> tuple[PlaceMention, ...]:
    """Find and geocode the toponyms of a parsed text (the component's and geoparse's core).

    Args:
        parsed: the spaCy parse, run with the gazetteer's ruler patterns.
        gazetteer: the loaded gazetteer.
        document_id: stamped on each mention's evidence.
        sentences: the document's sentences; without them the parse's sentences are used.
        focus: countries the outlet covers, a weak prior for ambiguous names.
        every_name: also report demonyms and toponyms inside organisation names (geoparse);
            events are placed by neither.
    """
    text = parsed.text  # Doc.text joins every token again on each access: read it once
    cands = _candidates(gazetteer, parsed, every_name=every_name, text=text)
    # The same name in the same context has the same answer: each is looked up once per text
    # (a report names "Syria" or "Raqqa" many times, and every round asks again).
    answers: dict[tuple[str, str, str | None, PlaceContext], PlaceMatch | None] = {}

    def resolve(cand: _Candidate, ctx: PlaceContext) -> PlaceMatch | None:
        key = (cand.label, cand.query or cand.text, cand.hint, ctx)
        if key not in answers:
            answers[key] = _resolve(gazetteer, cand, ctx)
        return answers[key]

    bare = PlaceContext(focus=focus)
    first = [resolve(c, _within(gazetteer, text, c, bare)) for c in cands]
    contexts = _context(gazetteer, cands, first, focus)
    # One more round: names settled by the first context ("Alexandria, La.") become context
    # for names that had none ("Pineville" alone).
    second = [
        resolve(c, _within(gazetteer, text, c, contexts[gazetteer.key(c.text)])) for c in cands
    ]
    contexts = _context(gazetteer, cands, second, focus)
    starts = [s.start for s in sentences] or [s.start_char for s in parsed.sents]
    mentions = []
    for cand in cands:
        ctx = _within(gazetteer, text, cand, contexts[gazetteer.key(cand.text)])
        match = resolve(cand, ctx)
        if match is None and cand.label not in _PLACE_LABELS:
            continue  # a person or organisation after all
        if cand.label == "ORG" and cand.note and match is not None:
            match = replace(match, score=round(match.score * 0.8, 3))
        index = max(0, bisect.bisect_right(starts, cand.start) - 1)
        evidence = Evidence(document_id, index, cand.start, cand.end, EXTRACTOR)
        mentions.append(_mention(cand, match, evidence))
    return tuple(mentions)


@component(EXTRACTOR, requires={"parse", "sentences"}, assigns={"places"})
def find_places(doc: AnnotatedDocument, context: Context) -> AnnotatedDocument:
    """Geocoded place mentions of the document, each with its sentence and span."""
    places = locate_places(
        context.parsed, context.resources.gazetteer, doc.document.id, doc.sentences
    )
    return replace(doc, places=places)
