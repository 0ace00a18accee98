"""Actor mentions: named organisations and actor noun phrases, resolved to the catalogue.

Candidates come from two places. Entities labelled ORG, GPE or NORP (the entity ruler fed by
the catalogue labels the domain's names first). And noun phrases headed by an actor word
("government forces", "Iraqi authorities", "Damascus government"), read from the dependency
parse: the longest suffix of the phrase that the catalogue knows wins. Generic aliases ("the
coalition", "government forces") are resolved in a second pass, licensed by the actors the
document names unambiguously. States and capitals named as places ("in Syria") are left to the
places component; they count as actors only where they act (subject, agent, "between X and Y").
Persons are never actors here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from watchfloor.extract.components import Context, component
from watchfloor.extract.dates import document_date
from watchfloor.model import ActorMention, AnnotatedDocument, Evidence
from watchfloor.resolve.catalogue import ACTOR_WORDS, ActorMatch, Catalogue

__all__ = ["EXTRACTOR", "find_actors"]

EXTRACTOR = "watchfloor.actors.v1"

_ENTITY_LABELS = frozenset({"ORG", "GPE", "NORP"})
# Dependencies through which a named state or capital acts in its clause.
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "poss"})
# Prepositions whose object is a party rather than a location.
_PARTY_PREPS = frozenset({"between", "against", "by"})
# Left modifiers that may belong to an actor phrase ("the central Damascus government").
_PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "det", "npadvmod", "punct", "poss", "case"})
_PLACE_TYPES = frozenset({"state"})
# A phrase never starts with these: "the", "so-called", punctuation are not part of a name.
_NOT_FIRST = frozenset({"DET", "PUNCT", "ADV", "PART", "ADP", "CCONJ", "PRON"})
_NOT_FIRST_WORDS = frozenset({"called", "so", "-"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A span that may name an actor, with what the parse says about its role."""

    start: int  # character offsets into the document text
    end: int
    text: str
    label: str  # entity label, or "NP" for an actor noun phrase
    acting: bool


def _is_acting(token: Token) -> bool:
    """True when the token is a party of its clause, not a location."""
    seen = 0
    while token.dep_ in ("conj", "appos") and token.head is not token and seen < 10:
        token, seen = token.head, seen + 1
    if token.dep_ in _ACTING_DEPS:
        return True
    if token.dep_ == "pobj":
        prep = token.head
        return prep.lower_ in _PARTY_PREPS or prep.dep_ == "agent"
    return False


def _phrase_start(head: Token) -> int:
    """Index of the first token of the contiguous left modifiers of an actor-word head."""
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.i != start - 1 and child.right_edge.i != start - 1:
            break
        if child.dep_ not in _PHRASE_DEPS:
            break
        start = child.left_edge.i
    return start


def _candidates(parsed: Doc) -> list[_Candidate]:
    """Entity spans and actor noun phrases, in text order."""
    found: list[_Candidate] = []
    for ent in parsed.ents:
        if ent.label_ in _ENTITY_LABELS:
            found.append(_from_span(ent, ent.label_, _is_acting(ent.root)))
    for token in parsed:
        if token.lower_ not in ACTOR_WORDS or token.pos_ not in ("NOUN", "PROPN"):
            continue
        start = _phrase_start(token)
        # Try every suffix of the phrase, longest first, so "the so-called X" still finds X.
        for i in range(start, token.i + 1):
            span = parsed[i : token.i + 1]
            first = span[0]
            if i < token.i and (first.pos_ in _NOT_FIRST or first.lower_ in _NOT_FIRST_WORDS):
                continue
            found.append(_from_span(span, "NP", _is_acting(token)))
    found.sort(key=lambda c: (c.start, -c.end))
    return found


def _from_span(span: Span, label: str, acting: bool) -> _Candidate:
    if len(span) > 1 and span[0].lower_ == "the":
        span = span[1:]  # "the Associated Press": the article is not part of the name
    return _Candidate(span.start_char, span.end_char, span.text, label, acting)


def _accept(match: ActorMatch | None, cand: _Candidate) -> bool:
    """Whether a resolution stands: named states and capitals count only where they act."""
    if match is None:
        return False
    if cand.label == "GPE" and match.actor.type in _PLACE_TYPES:
        return cand.acting
    return True


def _select(
    chosen: list[tuple[_Candidate, ActorMatch | None]],
) -> list[tuple[_Candidate, ActorMatch | None]]:
    """Non-overlapping mentions: resolved before unresolved, longer before shorter."""
    ranked = sorted(chosen, key=lambda x: (x[1] is None, -(x[0].end - x[0].start), x[0].start))
    taken: list[tuple[int, int]] = []
    kept: list[tuple[_Candidate, ActorMatch | None]] = []
    for cand, match in ranked:
        if any(cand.start < end and start < cand.end for start, end in taken):
            continue
        taken.append((cand.start, cand.end))
        kept.append((cand, match))
    kept.sort(key=lambda x: x[0].start)
    return kept


def _resolve_all(
    candidates: list[_Candidate], catalogue: Catalogue, on: date
) -> list[tuple[_Candidate, ActorMatch | None]]:
    """Two passes: unambiguous names first, then generic aliases licensed by them."""
    first = [(c, catalogue.resolve(c.text, on, acting=c.acting)) for c in candidates]
    context: Counter[str] = Counter()
    for cand, match in first:
        if _accept(match, cand) and match is not None:
            context[match.actor.id] += 1
            if match.actor.parent:
                context[match.actor.parent] += 1
    resolved: list[tuple[_Candidate, ActorMatch | None]] = []
    for cand, match in first:
        if match is None:
            match = catalogue.resolve(cand.text, on, context=context, acting=cand.acting)
        if _accept(match, cand):
            resolved.append((cand, match))
        elif cand.label == "ORG" and match is None:
            resolved.append((cand, None))  # unknown organisations are kept, unresolved
    return resolved


@component(EXTRACTOR, requires={"parse", "sentences"}, assigns={"actors"})
def find_actors(doc: AnnotatedDocument, context: Context) -> AnnotatedDocument:
    """Actor mentions with evidence; unknown ORG entities kept with actor_id None."""
    catalogue: Catalogue = context.resources.catalogue
    on = document_date(doc)
    mentions: list[ActorMention] = []
    for cand, match in _select(_resolve_all(_candidates(context.parsed), catalogue, on)):
        sentence = doc.sentence_at(cand.start, before=True)
        evidence = Evidence(
            document_id=doc.document.id,
            sentence=sentence.index if sentence else 0,
            start=cand.start,
            end=cand.end,
            extractor=EXTRACTOR,
        )
        if match is None:
            mention = ActorMention(cand.text, None, cand.text, None, None, evidence, 0.5)
        else:
            actor = match.actor
            mention = ActorMention(
                cand.text, actor.id, actor.name, actor.type, actor.country, evidence, match.score
            )
        mentions.append(mention)
    return replace(doc, actors=tuple(mentions))
