"""Event mentions: triggers from the ontology, actors in roles, place, date, figures, salience.

For each sentence, a token whose lemma (or a phrase) names an ontology type, with the type's
context word somewhere in the sentence, is a trigger. Roles come from the parse: the agent is
the subject of a verbal trigger, or the "of X" / possessor / "by X" of a nominal one; "between
X and Y" gives both sides; the object is the other party. The place is the most precise place
mention attached to the trigger (its subtree, else its clause); the date likewise, else an
interval before publication. Figures are the quantities attached to the trigger.

Negated triggers are no events; modal, conditional, failed, planned or feared ones keep their
modality (`extract.modality`): the desk shows them, they never become incidents. Mentions of
one happening across sentences ("the escape of hundreds", "1,500 had escaped") merge into one
EventMention when types match and actors and places do not conflict; a definite nominal
trigger without its context word ("The escape of a significant number") retells one found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import TypeVar

from spacy.tokens import Span, Token

from watchfloor.extract.attribution import chain_at, sentence_span
from watchfloor.extract.components import Context, component
from watchfloor.extract.event_agents import STATE_ACTOR_TYPES, Fit, StateWords
from watchfloor.extract.event_arguments import (
    ARMED_ACTOR_TYPES,
    VICTIM_ROLES,
    Sides,
    describes_actor,
    figure_role_at_event,
    is_circumstance,
    is_violent,
    names_known_event,
    parts,
    restates,
    tokens_of,
    tree_nearest,
)
from watchfloor.extract.event_mentions import (
    NAME,
    Mention,
    build_event,
    inherit_modality,
    merge_mentions,
)
from watchfloor.extract.event_triggers import (
    absorb_arguments,
    context_ok,
    forms,
    is_definite_nominal,
    keep_reading,
    own_tokens,
    owners,
    phrase_at,
    pos_ok,
    refers_back,
)
from watchfloor.extract.modality import modality_of
from watchfloor.model import (
    ActorMention,
    AnnotatedDocument,
    DateMention,
    Evidence,
    Figure,
    PlaceMention,
    Quantity,
    Sentence,
    Statement,
    StatementKind,
)
from watchfloor.resolve.ontology import EventType, Ontology

__all__ = ["NAME", "find_events"]

_WithEvidence = TypeVar("_WithEvidence", PlaceMention, DateMention, Quantity)
# How many sentences after a violent event a figure without a trigger still reports its toll.
_FOLLOW_ON = 2


@component(
    NAME,
    requires={"parse", "sentences", "actors", "places", "dates", "quantities", "attributions",
              "statements"},
    assigns={"events"},
)  # fmt: skip
def find_events(doc: AnnotatedDocument, context: Context) -> AnnotatedDocument:
    """Typed event mentions, merged within the document and ordered main event first."""
    ontology: Ontology = context.resources.ontology
    reader = _Reader(doc, context)
    mentions: list[Mention] = []
    found_types: set[str] = set()  # types read in earlier sentences, grown as we go
    violent: Mention | None = None  # the last violent mention, for figures said after it
    waiting: list[tuple[Quantity, Sentence]] = []  # figures said before any violent event
    for sentence in doc.sentences:
        span = sentence_span(context, sentence.start, sentence.end)
        if span is None:
            continue
        read, orphans = reader.read(sentence, span, ontology, found_types)
        if violent is not None and sentence.index - violent.sentence.index <= _FOLLOW_ON:
            # "3 PKK militants were killed in the attack": the toll of the event told before.
            tolls = [m for m in read if m.refers_back]
            read = [m for m in read if not m.refers_back]
            orphans = orphans + [f.quantity for m in tolls for f in m.figures]
            # "There were no casualties.", "3 PKK militants were killed." with no trigger of
            # their own: what the last violent event did, unless they restate its figures.
            prior = [f for m in mentions for f in m.figures]
            for quantity in orphans:
                if not restates(quantity, prior):
                    violent.figures.append(reader.figure(quantity, violent.event_type, sentence))
        elif violent is None:
            waiting += [(q, sentence) for q in orphans]
        mentions.extend(read)
        found_types.update(m.event_type.code for m in read)
        violent = next((m for m in reversed(read) if is_violent(m.event_type)), violent)
        if violent is not None and waiting:
            # "The bodies of two women were found. They were killed by gunmen.": the toll
            # said just before the event names it.
            prior = [f for m in mentions for f in m.figures]
            for quantity, said in waiting:
                near = violent.sentence.index - said.index <= 1
                if near and not restates(quantity, prior):
                    violent.figures.append(reader.figure(quantity, violent.event_type, said))
            waiting = []
    inherit_modality(mentions)
    groups = merge_mentions(mentions)
    events = [build_event(doc, group, len(doc.sentences)) for group in groups]
    events.sort(key=lambda e: (-e.salience, e.evidence.start))
    return replace(doc, events=tuple(events))


class _Reader:
    """Finds and fills trigger mentions sentence by sentence."""

    def __init__(self, doc: AnnotatedDocument, context: Context) -> None:
        self.doc = doc
        self.catalogue = context.resources.catalogue
        self.kinds = {s.sentence: s.kind for s in doc.statements if _is_main(s, doc)}
        self.actor_counts = Counter(a.actor_id for a in doc.actors if a.actor_id)
        published = doc.document.published
        self.published = published.date() if published else None
        # Places, dates and figures by sentence, in document order: a trigger only takes
        # arguments from its own sentence, so it never scans the whole document's.
        self.places = _by_sentence(doc.places)
        self.dates = _by_sentence(doc.dates)
        # A part of a figure said before it is a breakdown, not one more count of the event.
        within = parts(doc.quantities, doc.document.text)
        self.quantities = _by_sentence(
            q for q in doc.quantities if (q.evidence.start, q.evidence.end) not in within
        )
        self.doc_tokens = context.parsed
        # Tokens of the places read in the text (an object there is a place) and of the actors
        # the catalogue types as armed (an object or side there is armed).
        self.place_tokens = tokens_of(context.parsed, doc.places)
        self.armed_tokens = tokens_of(
            context.parsed, (a for a in doc.actors if a.actor_type in ARMED_ACTOR_TYPES)
        )
        self.sides = Sides.of(doc, getattr(context.resources, "gazetteer", None))
        states = tokens_of(
            context.parsed, (a for a in doc.actors if a.actor_type in STATE_ACTOR_TYPES)
        )
        self.fits = Fit(self.place_tokens, self.armed_tokens, states,
                        StateWords(self.catalogue, self.published))  # fmt: skip

    def read(
        self, sentence: Sentence, span: Span, ontology: Ontology, found: set[str]
    ) -> tuple[list[Mention], list[Quantity]]:
        """The trigger mentions of one sentence that report a happening, and the victim
        figures no trigger of the sentence governs (for the event reported just before)."""
        lemmas = {form for t in span for form in forms(t)}
        hits: dict[int, tuple[EventType, bool]] = {}
        outcome: dict[int, bool] = {}
        consumed: set[int] = set()  # words of matched phrases: no single word re-reads them
        for phrase, event_type, trigger in ontology.phrase_triggers():
            # Every word of a phrase must be some token's form: most phrases fail this set
            # test, which spares sliding them over the sentence.
            if not all(word in lemmas for word in phrase.split()):
                continue
            for token, window in phrase_at(span, phrase):
                if context_ok(trigger, lemmas) and self.fits(token, trigger, lemmas):
                    keep_reading(hits, token.i, event_type, False)
                    consumed.update(window)
        for token in span:
            if token.i in consumed:
                continue  # one trigger, one event: "shelling exchange" is not also shelling
            candidates = [c for form in forms(token) for c in ontology.lemma_triggers(form)]
            # Between types of one priority, a trigger that asks for its object or agent
            # ("a raid on an outpost") is more telling than a bare one ("a raid").
            candidates.sort(key=lambda c: not (c[1].objects or c[1].agents))
            for event_type, trigger in candidates:
                if not pos_ok(token, trigger) or not self.fits(token, trigger, lemmas):
                    continue
                if context_ok(trigger, lemmas):
                    if keep_reading(hits, token.i, event_type, False):
                        outcome[token.i] = trigger.outcome
                elif event_type.code in found and is_definite_nominal(token):
                    keep_reading(hits, token.i, event_type, True)
        # A trigger inside another trigger's phrase of the same type is the same mention
        # ("reinforced their borders with trenches, walls").
        for index, (event_type, _) in list(hits.items()):
            ancestors = span.doc[index].ancestors
            if any(hits.get(a.i, (None,))[0] is event_type for a in ancestors):
                del hits[index]
        victims = [q for q in self.quantities.get(sentence.index, ()) if q.role in VICTIM_ROLES]
        if not hits:
            return [], victims  # no trigger: nothing to own arguments (most sentences)
        owner = {index: owners(span.doc[index], hits) for index in range(span.start, span.end)}
        by_token: dict[int, Mention] = {}
        for index, (event_type, anaphoric) in sorted(hits.items()):
            token = span.doc[index]
            modality = modality_of(token)
            if modality is None:
                continue  # negated: nothing happened
            mention = self._fill(sentence, token, event_type, anaphoric, owner)
            mention.modality, mention.modality_word = modality
            mention.definite = refers_back(token)
            by_token[index] = mention
        absorb_arguments(by_token, span)
        self._absorb_outcomes(by_token, outcome, span)
        mentions = list(by_token.values())
        for index, mention in by_token.items():
            token = span.doc[index]
            mention.refers_back = bool(outcome.get(index)) and names_known_event(token, ontology)
            mention.background = len(by_token) > 1 and is_circumstance(token, set(by_token))
            mention.describing = describes_actor(token, by_token)
        # A victim figure no trigger governs belongs to the violent event nearest it in the
        # parse ("3 militants were killed in the attack", "air strikes ... killed 6").
        orphans = []
        violent = {i: m for i, m in by_token.items() if is_violent(m.event_type)}
        for quantity in victims:
            root = self._root(quantity)
            if root is None or owner.get(root.i):
                continue  # governed by a trigger (a happening's or a non-event's)
            if not violent:
                orphans.append(quantity)
                continue
            target = violent[tree_nearest(root, list(violent), span.doc)]
            target.figures.append(self.figure(quantity, target.event_type, sentence))
        for mention in mentions:
            mention.figures.sort(key=lambda f: f.quantity.evidence.start)
        return mentions, orphans

    def _root(self, quantity: Quantity) -> Token | None:
        """The parse token heading a quantity's evidence."""
        ev = quantity.evidence
        found = self.doc_tokens.char_span(ev.start, ev.end, alignment_mode="expand")
        return found.root if found is not None else None

    def _absorb_outcomes(
        self, by_token: dict[int, Mention], outcome: dict[int, bool], span: Span
    ) -> None:
        """A word that only names the toll ("killing 4") beside one that names the means of
        another violent type ("shelled ... with rockets") is that event: one event, the means'."""
        means = [i for i, m in by_token.items() if not outcome.get(i) and is_violent(m.event_type)]
        for index in [i for i in by_token if outcome.get(i)]:
            own = by_token[index].event_type.code
            others = [i for i in means if by_token[i].event_type.code != own]
            if not others:
                continue
            absorbed = by_token.pop(index)
            target = by_token[tree_nearest(span.doc[index], others, span.doc)]
            target.figures.extend(absorbed.figures)
            target.target = target.target or absorbed.target
            target.actor1 = target.actor1 or absorbed.actor1
            target.places = target.places or absorbed.places

    def _fill(
        self,
        sentence: Sentence,
        token: Token,
        event_type: EventType,
        anaphoric: bool,
        owner: dict[int, list[int]],
    ) -> Mention:
        """Actors, place, date and figures attached to one trigger."""
        mention = Mention(
            event_type, sentence, token.idx, token.idx + len(token.text), token.text,
            is_anaphoric=anaphoric,
        )  # fmt: skip
        self._roles(mention, token)
        doc = token.doc

        def mine(evidence: Evidence, *, nearest: bool = False) -> bool:
            # A figure belongs to the nearest trigger above it in the parse; a place or date
            # also to the triggers that hold that one as an argument ("a bomb hit a patrol in X").
            if evidence.sentence != sentence.index:
                return False
            found = doc.char_span(evidence.start, evidence.end, alignment_mode="expand")
            owners = owner.get(found.root.i, []) if found is not None else []
            return token.i in (owners[:1] if nearest else owners)

        mention.places = [p for p in self.places.get(sentence.index, ()) if mine(p.evidence)]
        own_dates = self.dates.get(sentence.index, [])
        dates = [d for d in own_dates if mine(d.evidence)] or own_dates
        mention.date = dates[0] if dates else None
        for quantity in self.quantities.get(sentence.index, ()):
            if mine(quantity.evidence, nearest=True):
                mention.figures.append(self.figure(quantity, event_type, sentence))
        mention.chain = chain_at(self.doc, sentence.index, mention.start, mention.end)
        mention.kind = self.kinds.get(sentence.index, StatementKind.REPORTED_FACT)
        return mention

    def figure(self, quantity: Quantity, event_type: EventType, sentence: Sentence) -> Figure:
        """A quantity attached to a trigger keeps the role its own clause gives it (see
        `figure_role_at_event` for figures whose clause gives none)."""
        role = figure_role_at_event(quantity, event_type)
        ev = quantity.evidence
        return Figure(
            quantity=quantity,
            role=role,
            chain=chain_at(self.doc, sentence.index, ev.start, ev.end),
            kind=self.kinds.get(sentence.index, StatementKind.REPORTED_FACT),
        )

    def _roles(self, mention: Mention, token: Token) -> None:
        """Agent, other party and target from the trigger's dependents."""
        if token.pos_ in ("VERB", "AUX"):
            for child in token.children:
                if child.dep_ == "nsubj":
                    mention.actor1 = mention.actor1 or self._actor(child)
                elif child.dep_ == "agent":
                    for pobj in child.children:
                        mention.actor1 = self._actor(pobj) or mention.actor1
                elif child.dep_ in ("dobj", "nsubjpass"):
                    mention.target = mention.target or self._actor(child)
                elif child.dep_ == "prep" and child.lower_ in ("with", "against"):
                    for pobj in child.children:
                        mention.actor2 = mention.actor2 or self._actor(pobj)
            if mention.actor1 is None and token.dep_ in ("advcl", "conj", "xcomp"):
                # "..., reinforcing the border": the subject of the clause it depends on.
                for child in token.head.children:
                    if child.dep_ == "nsubj":
                        mention.actor1 = self._actor(child)
            return
        for child in token.children:
            if child.dep_ == "poss" or child.dep_ == "compound":
                mention.actor1 = mention.actor1 or self._actor(child, whole=False)
            elif child.dep_ == "prep" and child.lower_ in ("of", "by"):
                for pobj in child.children:
                    mention.actor1 = mention.actor1 or self._actor(pobj)
            elif child.dep_ == "prep" and child.lower_ == "between":
                sides = [p for p in child.children if p.dep_ == "pobj"]
                sides += [c for p in sides for c in p.conjuncts]
                actors = [a for a in (self._actor(p, whole=False) for p in sides) if a]
                if actors:
                    mention.actor1 = actors[0]
                if len(actors) > 1:
                    mention.actor2 = actors[1]
            elif child.dep_ == "prep" and child.lower_ in ("with", "against", "on"):
                for pobj in child.children:
                    mention.actor2 = mention.actor2 or self._actor(pobj)

    def _actor(self, head: Token, *, whole: bool = True) -> ActorMention | None:
        """The actor a noun phrase names: a mention inside it (nearest its head), else the
        catalogue's reading of the phrase with the document's actors as context."""
        tokens = self.sides.outside_datelines(list(head.subtree) if whole else own_tokens(head))
        if not tokens:
            return None
        start, end, actors = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), self.sides.actors
        inside = [a for a in actors if start <= a.evidence.start and a.evidence.end <= end]
        covering = [a for a in actors if a.evidence.start <= head.idx < a.evidence.end]
        if covering:
            return covering[0]
        if inside:
            return min(inside, key=lambda a: abs(a.evidence.start - head.idx))
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        # The document's own text has the parse's offsets; `Doc.text` would rebuild it per call.
        surface = self.doc.document.text[start:end]
        match = self.catalogue.resolve(
            surface, on=self.published, context=dict(self.actor_counts), acting=True
        )
        if match is None:
            return None
        actor = match.actor
        sentence = self.doc.sentence_at(start)
        evidence = Evidence(
            self.doc.document.id, sentence.index if sentence else 0, start, end, NAME
        )
        return ActorMention(
            surface, actor.id, actor.name, actor.type, actor.country, evidence, match.score
        )


def _by_sentence(mentions: Iterable[_WithEvidence]) -> dict[int, list[_WithEvidence]]:
    """Mentions grouped by their sentence index, each group in the given order."""
    groups: dict[int, list[_WithEvidence]] = {}
    for mention in mentions:
        groups.setdefault(mention.evidence.sentence, []).append(mention)
    return groups


def _is_main(statement: Statement, doc: AnnotatedDocument) -> bool:
    """The sentence-wide statement (clause-level ones have narrower spans)."""
    sentence = doc.sentences[statement.sentence]
    return statement.evidence.start == sentence.start and statement.evidence.end == sentence.end
