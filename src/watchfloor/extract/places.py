"""Place mentions: toponyms in the parse, geocoded with the gazetteer in document context.

Candidates come from extract/places_candidates.py (entities, constructions, cues,
descriptions). Nationalities (NORP) are never places of events. Countries that act in
their sentence ("Iraq reinforced its border") stay places too: the actors component reads them
as actors as well.

Resolution runs twice: first without context, to collect the countries, admin1s and points of
the unambiguous names; then every candidate again in that context, so a village that exists in
two countries goes to the one the document is about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from watchfloor.extract.components import Context, component
from watchfloor.extract.places_candidates import candidates
from watchfloor.extract.places_narrow import inner_places
from watchfloor.extract.places_repeats import demonym_place
from watchfloor.extract.places_span import PLACE_LABELS, Candidate
from watchfloor.model import AnnotatedDocument, Evidence, PlaceMention, Precision
from watchfloor.resolve.gazetteer import Gazetteer, PlaceContext, PlaceMatch

__all__ = ["EXTRACTOR", "find_places", "locate_places"]

EXTRACTOR = "watchfloor.places.v1"

_CONFIDENT = 0.7  # first-pass matches at least this sure become document context
# The type a name said with its own article is read as: named areas rank first, and the
# gazetteer's small-town layer (500 to 15,000 people) is not consulted.
_ARTICLE_HINT = "region"


def _words(text: str) -> tuple[str, ...]:
    """A name's words, case-folded."""
    return tuple(re.findall(r"\w+", text.casefold()))


def _related(mine: set[tuple[str, ...]], theirs: set[tuple[str, ...]]) -> bool:
    """True when a spelling of one name is a run of words inside a spelling of the other."""
    return any(_inside(a, b) or _inside(b, a) for a in mine for b in theirs)


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """True when `short` is a contiguous run of words in `long`."""
    n = len(short)
    return 0 < n <= len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _context(
    gaz: Gazetteer,
    cands: Sequence[Candidate],
    matches: Sequence[PlaceMatch | None],
    focus: frozenset[str],
) -> dict[str, PlaceContext]:
    """Per name, the context of the confident first-pass matches of the *other* names.

    A name never supports itself: "Sinjar" resolved to Iraq in the first pass must not make
    Iraq the context in which "Sinjar" is read again; nor does a name containing it or
    contained in it ("Athens City Schools" read in Greece must not carry "Athens" there).
    """
    keys = [gaz.key(c.text) for c in cands]
    words: dict[str, set[tuple[str, ...]]] = {}
    for key, cand in zip(keys, cands, strict=True):
        words.setdefault(key, set()).add(_words(cand.text))
    areas = gaz.document_areas(
        (c.text, c.query or c.text) for c in cands if c.label in PLACE_LABELS
    )
    contexts: dict[str, PlaceContext] = {}
    for key in set(keys):
        ctx = PlaceContext(focus=focus)
        for other, match in zip(keys, matches, strict=True):
            if other == key or match is None or match.score < _CONFIDENT:
                continue
            if _related(words[key], words[other]):
                continue
            if match.precision is not Precision.REGION:
                ctx = ctx.with_match(match)
        contexts[key] = areas.narrow(key, ctx)
    return contexts


def _mention(cand: Candidate, match: PlaceMatch | None, evidence: Evidence) -> PlaceMention:
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
    r"(?=\s*(?:[,;:()]|\.\s|\.?$|\s+(?:governorate|province)\b))"
)
_AREAS = frozenset({Precision.GOVERNORATE, Precision.DISTRICT})


def _is_area(gaz: Gazetteer, text: str) -> bool:
    """True when the name is a country or first-level unit's, never inside another area."""
    return any(p.kind in {"country", "admin1"} for p in gaz.candidates(text))


def _within(gaz: Gazetteer, doc_text: str, cand: Candidate, ctx: PlaceContext) -> PlaceContext:
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


def _resolve(gaz: Gazetteer, cand: Candidate, ctx: PlaceContext) -> PlaceMatch | None:
    """The gazetteer's answer for one candidate; a demonym names its country."""
    if cand.label == "NORP":
        return demonym_place(gaz, cand.text)
    # "the White House said", "over the Middle East": an area or a city, never a village of
    # the world's small-town layer (White House, Tennessee; Middle East, Maryland).
    hint = _ARTICLE_HINT if cand.article and cand.hint is None else cand.hint
    return gaz.resolve(cand.query or cand.text, ctx, hint=hint)


def _sentence_index(parsed: Doc, annotated: AnnotatedDocument | None) -> Callable[[int], int]:
    """Offset -> sentence number: the annotated document's `sentence_at`, else the number of
    the parse's sentence holding the token at that offset."""
    if annotated is not None and annotated.sentences:
        doc = annotated

        def of_document(offset: int) -> int:
            found = doc.sentence_at(offset, before=True)
            return 0 if found is None else found.index

        return of_document
    numbers = {sent.start: i for i, sent in enumerate(parsed.sents)}

    def of_parse(offset: int) -> int:
        span = parsed.char_span(offset, offset + 1, alignment_mode="expand")
        return numbers.get(span[0].sent.start, 0) if span is not None and len(span) else 0

    return of_parse


def _narrowed(
    gaz: Gazetteer,
    parsed: Doc,
    cands: list[Candidate],
    matches: list[PlaceMatch | None],
    contexts: dict[str, PlaceContext],
    resolve: Callable[[Candidate, PlaceContext], PlaceMatch | None],
    every_name: bool,
) -> tuple[list[Candidate], list[PlaceMatch | None]]:
    """Candidates that resolved to nothing replaced by the toponyms inside them, if any
    ("Rapides Parish Fire District" -> "Rapides Parish"), with their answers in context."""
    kept: list[Candidate] = []
    answers: list[PlaceMatch | None] = []
    for cand, match in zip(cands, matches, strict=True):
        ctx = contexts[gaz.key(cand.text)]
        inner = (
            []
            if match is not None
            else inner_places(
                gaz,
                parsed,
                cand,
                lambda name: gaz.resolve(name, ctx) is not None,  # noqa: B023 (used at once)
                every_name=every_name,
            )
        )
        if not inner:
            kept.append(cand)
            answers.append(match)
            continue
        kept.extend(inner)
        answers.extend(resolve(c, ctx) for c in inner)
    return kept, answers


def locate_places(
    parsed: Doc,
    gazetteer: Gazetteer,
    document_id: str,
    annotated: AnnotatedDocument | None = None,
    *,
    focus: frozenset[str] = frozenset(),
    every_name: bool = False,
) -> tuple[PlaceMention, ...]:
    """Find and geocode the toponyms of a parsed text (the component's and geoparse's core).

    Args:
        parsed: the spaCy parse, run with the gazetteer's ruler patterns.
        gazetteer: the loaded gazetteer.
        document_id: stamped on each mention's evidence.
        annotated: the document being read; its sentences number the mentions' evidence
            (without it, as for geoparse, the parse's own sentences do).
        focus: countries the outlet covers, a weak prior for ambiguous names.
        every_name: also report demonyms and toponyms inside organisation names (geoparse);
            events are placed by neither.
    """
    text = parsed.text  # Doc.text joins every token again on each access: read it once
    cands = candidates(gazetteer, parsed, every_name=every_name, text=text)
    # The same name in the same context has the same answer: each is looked up once per text
    # (a report names "Syria" or "Raqqa" many times, and every round asks again).
    answers: dict[tuple[str, str, str | None, bool, PlaceContext], PlaceMatch | None] = {}

    def resolve(cand: Candidate, ctx: PlaceContext) -> PlaceMatch | None:
        key = (cand.label, cand.query or cand.text, cand.hint, cand.article, ctx)
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
    cands, second = _narrowed(gazetteer, parsed, cands, second, contexts, resolve, every_name)
    contexts = _context(gazetteer, cands, second, focus)
    sentence_of = _sentence_index(parsed, annotated)
    mentions = []
    for cand in cands:
        ctx = _within(gazetteer, text, cand, contexts[gazetteer.key(cand.text)])
        match = resolve(cand, ctx)
        if match is None and (cand.label not in PLACE_LABELS or (cand.article and not every_name)):
            continue  # a person or organisation after all ("the White House said")
        if cand.label == "ORG" and cand.note and match is not None:
            match = replace(match, score=round(match.score * 0.8, 3))
        evidence = Evidence(document_id, sentence_of(cand.start), cand.start, cand.end, EXTRACTOR)
        mentions.append(_mention(cand, match, evidence))
    return tuple(mentions)


@component(EXTRACTOR, requires={"parse", "sentences"}, assigns={"places"})
def find_places(doc: AnnotatedDocument, context: Context) -> AnnotatedDocument:
    """Geocoded place mentions of the document, each with its sentence and span."""
    places = locate_places(context.parsed, context.resources.gazetteer, doc.document.id, doc)
    return replace(doc, places=places)
