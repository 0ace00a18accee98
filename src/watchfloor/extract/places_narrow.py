"""Candidates that name no place as a whole, cut down to the places inside them.

A span the gazetteer cannot resolve may still hold a toponym: "Rapides Parish Fire District"
(the construction took the type word "District"), "Atlanta-area", "Decatur city", "Metro
Nashville", "Greenville- Spartanburg International Airport", "Norman to D.C". The runs of
tokens inside it that the gazetteer knows and resolves are the toponyms, longest first, each
reported with its own offsets. What the rest of the span says decides what the place is to an
event: a facility, a road or an area word ("Fire Station", "County Road", "-area") stands at
the place; a body's name ("Augusta Herald", "Coles County Police") is given after it, which a
geoparser reports but which places no event.

A span is cut only when every other word in it is explained: a word of such names, a place
known by itself, or a small word. "Grand Ledge", "Coral Gables", "Dur al Naft area" are names
the data lack, not "Grand", "Coral" or "Dur" with a head word; a natural feature ("Lake
Robinson", "Mount Hood") is never cut to the name after its generic word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Span

from watchfloor.extract.places_inner import BODY_WORDS, LOCATED_WORDS, NATURAL_WORDS, known_as
from watchfloor.extract.places_span import Candidate
from watchfloor.resolve.gazetteer import Gazetteer

__all__ = ["inner_places"]

_MAX_RUN = 4  # "Santa Clara Valley" is three tokens; longer runs are descriptions
_JOINERS = frozenset({"of", "de", "du", "la", "le", "upon", "on", "the"})


def _word(token_text: str) -> bool:
    """A token that can start or end a place name: a capitalised word or an initial ("D.C.")."""
    return token_text[:1].isupper()


def _runs(span: Span) -> Iterator[Span]:
    """Sub-spans of `span` that may be names, longest first, then left to right; never the
    whole span (it was looked up already)."""
    n = len(span)
    for width in range(min(_MAX_RUN, n - 1), 0, -1):
        for start in range(0, n - width + 1):
            run = span[start : start + width]
            edges = _word(run[0].text) and _word(run[-1].text)
            if edges and all(_word(t.text) or t.lower_ in _JOINERS for t in run):
                yield run


def inner_places(
    gaz: Gazetteer,
    doc: Doc,
    cand: Candidate,
    resolves: Callable[[str], bool],
    *,
    every_name: bool,
) -> list[Candidate]:
    """The toponyms inside an unresolved candidate, as candidates of their own (or none).

    `resolves` says whether a name resolves in the document's context. Without `every_name`
    only toponyms the rest of the name stands at are returned: events are placed by nothing
    else.
    """
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return []
    taken: list[Span] = []
    found: list[Candidate] = []
    for run in _runs(span):
        if any(run.start < t.end and t.start < run.end for t in taken):
            continue
        text, word = run.text, run.text.lower()
        if word in gaz.rules.directions or gaz.is_stop_name(text.rstrip(".")):
            continue
        if word in BODY_WORDS or word in gaz.rules.type_words or word in gaz.rules.area_words:
            continue  # "VILLAGE", "City": a generic word is no toponym
        query = known_as(gaz, text)
        if query is None or not resolves(query):
            continue
        taken.append(run)
        rest = [t.lower_ for t in span if t.is_alpha and not run.start <= t.i < run.end]
        found.append(_inner(gaz, run, query, rest, every_name))
    if not found or not _explained(gaz, span, taken):
        return []
    return sorted((c for c in found if c.label != "-"), key=lambda c: c.start)


def _explained(gaz: Gazetteer, span: Span, runs: list[Span]) -> bool:
    """True when every word of the span outside the runs is a word of names or a small word."""
    for token in span:
        if any(run.start <= token.i < run.end for run in runs) or not token.is_alpha:
            continue
        word = token.lower_
        if word in NATURAL_WORDS:
            if token.i < min(run.start for run in runs):
                return False  # "Lake Vermont" is no part of Vermont
            continue
        if not token.text[:1].isupper() and len(word) <= 3:
            continue  # "to", "of", "the"
        known = word in BODY_WORDS or word in LOCATED_WORDS or word.rstrip("s") in LOCATED_WORDS
        known = known or word in gaz.rules.area_words or word in gaz.rules.directions
        if not (known or word in gaz.rules.type_words):
            return False
    return True


def _inner(gaz: Gazetteer, run: Span, query: str, rest: list[str], every_name: bool) -> Candidate:
    """The candidate a run inside a span makes; label "-" when it places nothing here."""
    located = any(
        w in LOCATED_WORDS or w.rstrip("s") in LOCATED_WORDS or w in gaz.rules.area_words
        for w in rest
    )
    note = "inside a name" + ("" if located else " (named after it)")
    label = "GPE" if located else "ORG" if every_name else "-"
    text = run.text
    return Candidate(
        run.start_char, run.end_char, text, label, None, note, query if query != text else None
    )
