"""Who says so: reporting constructions and their attribution chains, read from the parse.

A reporting verb ("said", "reported", "warned", "declared") attributes its complement clause to
its subject; "citing X" / "quoting X" beside it adds X as the next link; "according to X"
attributes the clause it modifies; evidence verbs ("indicate", "show", "suggest") attribute only
when their subject is a body of evidence ("statistics", "reports", "documents") or names a
source. A reporting construction inside another's clause extends the outer chain. Every chain
starts with the publishing outlet. A source is vague when no named actor, outlet or person
can be found in it ("sources said", "numerous documents ... indicate").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from watchfloor.extract.components import Context, component
from watchfloor.model import (
    ActorMention,
    AnnotatedDocument,
    Attribution,
    Evidence,
    Source,
    SourceKind,
)
from watchfloor.resolve.ontology import load_lexicon

__all__ = ["NAME", "chain_at", "find_attributions", "outlet_source", "sentence_span"]

NAME = "watchfloor.attribution.v1"

# Catalogue types that publish rather than act: they head a chain link as outlets.
OUTLET_TYPES = frozenset({"media_outlet", "monitor", "news_agency", "media", "outlet"})
# spaCy entity labels that may name a source when no catalogue mention covers them.
SOURCE_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC"})
_COMPLEMENTS = frozenset({"ccomp", "parataxis"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_CITING = frozenset({"cite", "quote"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_QUOTES = '"“”«»'


@dataclass(frozen=True)
class _Found:
    """A reporting construction before nesting: its own links, clause span and cue token."""

    links: tuple[Source, ...]
    verb: str
    is_vague: bool
    start: int
    end: int
    cue: int  # character offset of the reporting word, to find enclosing constructions


def sentence_span(context: Context, start: int, end: int) -> Span | None:
    """The spaCy span covering a character range (expanded to token edges)."""
    span = context.parsed.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


# One definition each, on the model: what every chain starts with, and the chain of a span.
outlet_source = AnnotatedDocument.outlet_source
chain_at = AnnotatedDocument.chain_at


@component(NAME, requires={"parse", "sentences", "actors"}, assigns={"attributions"})
def find_attributions(doc: AnnotatedDocument, context: Context) -> AnnotatedDocument:
    """Every reporting construction of the document with its chain, outlet first."""
    outlet = outlet_source(doc)
    published = doc.document.published.date() if doc.document.published else None
    reader = _Reader(doc.actors, context.resources.catalogue, published)
    found: list[Attribution] = []
    for sentence in doc.sentences:
        span = sentence_span(context, sentence.start, sentence.end)
        if span is None:
            continue
        items = reader.read(span)
        for item in items:
            # Constructions whose clause holds this one's cue come first in its chain.
            outer = [o for o in items if o is not item and o.start <= item.cue < o.end]
            outer.sort(key=lambda o: o.start - o.end)  # widest first
            links = tuple(link for o in reversed(outer) for link in o.links) + item.links
            found.append(
                Attribution(
                    chain=(outlet, *_dedupe(links)),
                    verb=item.verb,
                    is_vague=item.is_vague or any(o.is_vague for o in outer),
                    evidence=Evidence(doc.document.id, sentence.index, item.start, item.end, NAME),
                )
            )
    return replace(doc, attributions=tuple(found))


def _dedupe(links: Iterable[Source]) -> tuple[Source, ...]:
    """Drop a link repeating the one before it ("Rudaw reported ... Rudaw said")."""
    out: list[Source] = []
    for link in links:
        if not out or out[-1].key != link.key:
            out.append(link)
    return tuple(out)


class _Reader:
    """Reads reporting constructions in one sentence at a time, with the document's mentions."""

    def __init__(self, actors: Sequence[ActorMention], catalogue: Any, on: date | None) -> None:
        self.actors = actors
        # Actor mentions' positions sorted by start, to find those inside a phrase by bisection.
        self._by_start = sorted((a.evidence.start, n) for n, a in enumerate(actors))
        self._starts = [start for start, _ in self._by_start]
        self.catalogue = catalogue
        self.on = on
        self.reporting = load_lexicon("reporting_verbs")
        self.evidence_verbs = load_lexicon("evidence_verbs")
        self.vague = load_lexicon("vague_sources")
        self.outlet_nouns = load_lexicon("outlet_nouns")
        self.last_speaker: Source | None = None
        # The parse's entities and their first tokens, read once per document: `Doc.ents`
        # builds a new span for every entity on each access.
        self._ents_of: Doc | None = None
        self._ents: tuple[Span, ...] = ()
        self._ent_starts: list[int] = []

    def read(self, span: Span) -> list[_Found]:
        """Reporting constructions in a sentence, in text order."""
        found: list[_Found] = []
        for token in span:
            item = None
            if token.lower_ == "according" and token.i + 1 < len(token.doc):
                item = self._according(token, span)
            elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.reporting:
                item = self._reporting(token, span)
            elif token.pos_ == "VERB" and token.lemma_.lower() in self.evidence_verbs:
                item = self._reporting(token, span, needs_source_subject=True)
            if item is not None:
                found.append(item)
        return found

    def _according(self, token: Token, span: Span) -> _Found | None:
        """ "according to X": X attributes the clause the phrase modifies."""
        to = token.doc[token.i + 1]
        if to.lower_ != "to":
            return None
        objects = [c for c in to.children if c.dep_ == "pobj"] or [
            c for c in token.children if c.dep_ == "pobj"
        ]
        if not objects:
            return None
        source = self._source(objects[0])
        if source is None:
            return None
        head = token.head if token.head != token else span.root
        clause = [t for t in head.subtree if t.i < token.i or t.i > objects[0].right_edge.i]
        start, end = _char_extent(clause or list(span))
        return _Found((source,), "according to", source.kind is SourceKind.VAGUE, start, end,
                      token.idx)  # fmt: skip

    def _reporting(
        self, verb: Token, span: Span, *, needs_source_subject: bool = False
    ) -> _Found | None:
        """A reporting or evidence verb with its complement clause and speaker."""
        clause = self._clause(verb, span, allow_object=needs_source_subject)
        if clause is None:
            return None
        subject = self._subject(verb)
        if subject is None:
            return None
        if needs_source_subject and not self._is_source_noun(subject):
            return None  # "The negligence ... demonstrates": an argument, not a source
        source = self._source(subject, allow_pronoun=not needs_source_subject)
        if source is None:
            return None
        links = [source]
        complements = [c for c in verb.children if c.dep_ in _COMPLEMENTS]
        near = [*verb.children, *(g for c in complements for g in c.children)]
        for child in near:
            # "reported, citing the SDF, that ..." adds the cited origin after the reporter;
            # the parser hangs "citing" on either verb.
            if child.lemma_.lower() in _CITING and child.dep_ in ("advcl", "xcomp", "conj"):
                cited = [c for c in child.children if c.dep_ in ("dobj", "pobj")]
                cited_source = self._source(cited[0]) if cited else None
                if cited_source is not None:
                    links.append(cited_source)
        start, end = clause
        if source.kind is not SourceKind.VAGUE:
            self.last_speaker = source
        return _Found(tuple(links), verb.text.lower(), source.kind is SourceKind.VAGUE,
                      start, end, verb.idx)  # fmt: skip

    def _clause(self, verb: Token, span: Span, *, allow_object: bool) -> tuple[int, int] | None:
        """Character extent of what the verb attributes: its complement, or a quotation."""
        for child in verb.children:
            if child.dep_ in _COMPLEMENTS:
                return _char_extent(list(child.subtree))
        if allow_object:
            for child in verb.children:
                if child.dep_ in ("dobj", "attr"):
                    return _char_extent(list(child.subtree))
        quote = _adjacent_quote(verb, span)
        if quote is not None:
            return quote
        return _trailing_report(verb, span)

    def _subject(self, verb: Token) -> Token | None:
        """The verb's subject; a subjectless participle ("..., declaring that") takes its head's."""
        token = verb
        for _ in range(4):
            for child in token.children:
                if child.dep_ in _SUBJECTS:
                    return child
                if child.dep_ == "agent":  # "as reported by X"
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
            if token.dep_ in ("advcl", "conj", "xcomp") and token.head != token:
                token = token.head
            else:
                return None
        return None

    def _is_source_noun(self, head: Token) -> bool:
        """Whether a subject can be a source: a source noun, a proper name or an actor."""
        if head.pos_ == "PROPN" or head.lemma_.lower() in self.vague:
            return True
        if any(t.lemma_.lower() in self.vague for t in head.conjuncts):
            return True
        return any(a.evidence.start <= head.idx < a.evidence.end for a in self.actors)

    def _source(self, head: Token, *, allow_pronoun: bool = True) -> Source | None:
        """The source a noun phrase names: catalogue actor, entity, quoted name or vague noun."""
        tokens = list(head.subtree)
        start, end = _char_extent(tokens)
        is_outlet_noun = head.lemma_.lower() in self.outlet_nouns
        mentions = self._actors_within(start, end)
        if mentions:
            # The mention nearest the phrase's head speaks ("Part of the Al Jazeera report").
            best = min(mentions, key=lambda a: abs(a.evidence.start - head.idx))
            kind = (
                SourceKind.OUTLET
                if (best.actor_type or "") in OUTLET_TYPES or is_outlet_noun
                else SourceKind.ACTOR
            )
            return Source(name=best.name, kind=kind, actor_id=best.actor_id)
        for ent in self._entities_within(head.doc, tokens[0].i, tokens[-1].i + 1):
            if ent.label_ in SOURCE_LABELS:
                return self._resolve(ent.text, ent.label_, is_outlet_noun)
        quoted = _quoted_name(tokens)
        if quoted:
            return self._resolve(quoted, "ORG", is_outlet_noun)
        lemma = head.lemma_.lower()
        if lemma in self.vague or any(t.lemma_.lower() in self.vague for t in head.conjuncts):
            return Source(name=_phrase(tokens), kind=SourceKind.VAGUE)
        if head.lower_ in _PRONOUNS and allow_pronoun:
            # "it was reported": nobody; "he said": the last named speaker, if any.
            if head.lower_ == "it" or self.last_speaker is None:
                return Source(name=head.text, kind=SourceKind.VAGUE)
            return self.last_speaker
        if head.pos_ == "PROPN":
            return self._resolve(_phrase(tokens), "ORG", is_outlet_noun)
        return None

    def _actors_within(self, start: int, end: int) -> list[ActorMention]:
        """Actor mentions lying inside characters [start, end), in the document's order."""
        low = bisect.bisect_left(self._starts, start)
        high = bisect.bisect_right(self._starts, end)
        inside = sorted(n for _, n in self._by_start[low:high])
        return [self.actors[n] for n in inside if self.actors[n].evidence.end <= end]

    def _entities_within(self, doc: Doc, first: int, end: int) -> Iterator[Span]:
        """The parse's entities lying inside tokens [first, end), in text order."""
        if self._ents_of is not doc:
            self._ents_of, self._ents = doc, tuple(doc.ents)
            self._ent_starts = [ent.start for ent in self._ents]
        # Entities are sorted and never overlap: start at the first one beginning in range.
        for ent in self._ents[bisect.bisect_left(self._ent_starts, first) :]:
            if ent.start >= end:
                break
            if ent.end <= end:
                yield ent

    def _resolve(self, surface: str, label: str, is_outlet_noun: bool) -> Source:
        """A named source, resolved through the catalogue when it knows the name."""
        match = None
        resolve = getattr(self.catalogue, "resolve", None)
        if resolve is not None:
            match = resolve(surface, on=self.on)
        actor = getattr(match, "actor", None)
        if actor is not None:
            kind = (
                SourceKind.OUTLET
                if getattr(actor, "type", None) in OUTLET_TYPES or is_outlet_noun
                else SourceKind.ACTOR
            )
            return Source(name=str(actor.name), kind=kind, actor_id=str(actor.id))
        if is_outlet_noun:
            kind = SourceKind.OUTLET
        elif label == "PERSON":
            kind = SourceKind.PERSON
        else:
            kind = SourceKind.ACTOR
        return Source(name=surface.strip(_QUOTES + " "), kind=kind)


def _char_extent(tokens: Sequence[Token]) -> tuple[int, int]:
    """Start and end character offsets of a set of tokens, trailing punctuation excluded."""
    ordered = sorted(tokens, key=lambda t: t.i)
    while len(ordered) > 1 and (ordered[-1].is_punct or ordered[-1].is_space):
        ordered.pop()
    return ordered[0].idx, ordered[-1].idx + len(ordered[-1].text)


def _phrase(tokens: Sequence[Token]) -> str:
    """The text of a noun phrase without leading determiners or quote marks."""
    words = [t for t in tokens if not t.is_space]
    while words and (words[0].pos_ == "DET" or words[0].text in _QUOTES):
        words.pop(0)
    if not words:
        return ""
    doc = words[0].doc
    return doc[words[0].i : words[-1].i + 1].text.strip(_QUOTES + " ")


def _quoted_name(tokens: Sequence[Token]) -> str | None:
    """A capitalised name in quotation marks inside a phrase ("the website “Rudaw”")."""
    inside: list[Token] = []
    opened = False
    for token in tokens:
        if token.text in _QUOTES:
            if opened and inside and all(t.text[:1].isupper() or not t.is_alpha for t in inside):
                return " ".join(t.text for t in inside)
            opened, inside = not opened, []
        elif opened:
            inside.append(token)
    return None


def _trailing_report(verb: Token, span: Span) -> tuple[int, int] | None:
    """ "X happened, officials said.": the clause before the comma that opens the report.

    The parser often hangs the reported clause off the sentence's first word instead of the
    verb; the comma before the speaker and a verb-final sentence make the pattern clear.
    """
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if not subjects or any(t.is_alpha for t in span.doc[verb.i + 1 : span.end]):
        return None
    before = subjects[0].left_edge.i - 1
    if before - span.start < 3 or span.doc[before].text not in (",", "”", '"'):
        return None
    return _char_extent(list(span.doc[span.start : before]))


def _adjacent_quote(verb: Token, span: Span) -> tuple[int, int] | None:
    """A quotation of several words right before or after the verb ("“...,” he said")."""
    marks = [t for t in span if t.text in _QUOTES]
    for first, second in zip(marks[::2], marks[1::2], strict=False):
        words = second.i - first.i - 1
        near = abs(verb.i - second.i) <= 4 or abs(first.i - verb.i) <= 4
        if words >= 4 and near:
            return first.idx + 1, second.idx
    return None
