"""Who does a trigger's act, and whose people it acts on: the agent and object classes that
short feed items (headlines) need to name a happening.

Headline grammar is telegraphic: "Israeli strike damages Aleppo airport", "Israel hits
Damascus airport", "Eleven soldiers dead as IS strikes army post". A bare "strike" or "hit"
says nothing of an attack; who strikes does. A trigger's `agents` (ontology data) names who
must do it:

- STATE: a state or its forces, by a catalogued name ("Israel", "the coalition") or by a
  demonym the catalogue knows ("Israeli strike", "Turkish jets");
- ARMED: an armed side (a catalogued armed actor, or "militants", "gunmen", "IS");
- any other word: the agent's head lemma ("killed by a US drone": drone).

The agent of a verb is its subject (or "by" agent); a headline parse often loses the subject
("as IS strikes ..." hangs IS on "as"), so the words just before the verb (back to a clause
edge) count as its agent too. The agent of a noun is its left modifiers ("Israeli strike", "Turkish
drone strike", "Israel's strike") or its "by" object.

The object class ARMED_PERSON is a person of an armed side ("ISIS leader", "Daesh chief",
"the group's commander"): killing one is fighting, not an attack on civilians.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Token

from watchfloor.extract.event_arguments import is_armed, objects_ok
from watchfloor.extract.figure_roles import PERSON_NOUNS
from watchfloor.resolve.catalogue import Catalogue
from watchfloor.resolve.ontology import Trigger

__all__ = [
    "ARMED_PERSON",
    "STATE_ACTOR_TYPES",
    "Fit",
    "StateWords",
    "agent_tokens",
    "agents_ok",
    "armed_person",
    "trigger_fits",
    "unless_ok",
]

ARMED_PERSON = "ARMED_PERSON"
# Catalogue actor types that are a state or its forces (STATE agents).
STATE_ACTOR_TYPES = frozenset({"state", "government_forces", "security_forces", "coalition"})
# Heads of a person of an armed side beyond the person nouns ("ISIS leader", "Daesh chief").
_RANKS = frozenset({"leader", "chief", "head", "emir", "commander", "official", "founder",
                    "spokesman", "deputy", "boss", "figure", "operative"})  # fmt: skip
_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
# Where a headline's lost subject stops: the words before it belong to another clause.
_CLAUSE_EDGE = frozenset({"ADP", "SCONJ", "CCONJ", "PUNCT", "VERB", "DET"})
_HEADLINE_WINDOW = 3


def agent_tokens(token: Token) -> list[Token]:
    """The tokens naming who does what a trigger says (heads and their left modifiers)."""
    heads: list[Token] = []
    if token.pos_ in ("VERB", "AUX"):
        heads = [c for c in token.children if c.dep_ == "nsubj"]
        heads += [p for c in token.children if c.dep_ == "agent" for p in c.children]
        if not heads and token.dep_ in ("conj", "advcl", "xcomp"):
            heads = [c for c in token.head.children if c.dep_ == "nsubj"]
        # A headline's parse may hang the subject elsewhere ("soldiers dead as IS strikes":
        # IS on "as"): the words just before the verb stand in for it as well.
        heads += [w for w in _lost_subject(token) if w not in heads]
    else:
        heads = [c for c in token.lefts if c.dep_ in _MODIFIERS]
        if token.dep_ == "compound":  # "Israeli [strike damages]": a headline verb read as
            # a noun takes the modifiers before the trigger
            heads += [c for c in token.head.lefts if c.dep_ in _MODIFIERS and c.i < token.i]
        heads += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "by"
                  for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    found: list[Token] = []
    for head in heads:
        found += [head, *head.conjuncts]
        found += [t for t in head.lefts if t.dep_ in _MODIFIERS]
    return found


def _lost_subject(verb: Token) -> Iterator[Token]:
    """The words just before a verb, back to a clause edge ("dead as IS strikes")."""
    doc = verb.doc
    for index in range(verb.i - 1, max(verb.i - 1 - _HEADLINE_WINDOW, -1), -1):
        word = doc[index]
        if word.pos_ in _CLAUSE_EDGE or word.is_sent_end:
            return
        yield word


@dataclass
class StateWords:
    """Whether a word names a state or its forces for the catalogue, alone or as a demonym
    ("Israeli" strike: "Israeli forces"); one catalogue look-up per word and document."""

    catalogue: Catalogue
    on: date | None
    _known: dict[str, bool] = field(default_factory=dict)

    def __call__(self, token: Token) -> bool:
        if token.pos_ not in ("ADJ", "PROPN", "NOUN"):
            return False
        key = token.lower_
        if key not in self._known:
            match = self.catalogue.resolve(f"{token.text} forces", on=self.on)
            self._known[key] = match is not None and match.actor.type in STATE_ACTOR_TYPES
        return self._known[key]


@dataclass(frozen=True)
class Fit:
    """A document's token sets for `trigger_fits`: places, armed actors, states."""

    places: Container[int]
    armed: Container[int]
    states: Container[int]
    is_state: Callable[[Token], bool]

    def __call__(self, token: Token, trigger: Trigger, lemmas: set[str]) -> bool:
        return trigger_fits(
            token, trigger, lemmas, self.places, self.armed, self.states, self.is_state
        )


def trigger_fits(
    token: Token,
    trigger: Trigger,
    lemmas: set[str],
    places: Container[int],
    armed: Container[int],
    states: Container[int],
    is_state: Callable[[Token], bool],
) -> bool:
    """Whether a token fits a trigger's object, agent and `unless` constraints (its part of
    speech and context words are checked by the caller)."""
    if trigger.objects:
        others = trigger.objects - {ARMED_PERSON}
        person = ARMED_PERSON in trigger.objects and armed_person(token, armed)
        if not person and not (others and objects_ok(token, others, places, armed)):
            return False
    if not unless_ok(trigger.unless, lemmas):
        return False
    if trigger.unless_own and not unless_ok(trigger.unless_own, own_words(token)):
        return False
    return agents_ok(token, trigger.agents, armed, states, is_state)


def agents_ok(
    token: Token,
    agents: frozenset[str],
    armed: Container[int],
    states: Container[int],
    is_state: Callable[[Token], bool],
) -> bool:
    """Whether a trigger's agent is one the trigger allows (no constraint: always). `armed`
    and `states` are token indices of actors the catalogue types as armed or as states;
    `is_state` reads a word the actors component did not ("Israeli" before "strike")."""
    if not agents:
        return True
    for agent in agent_tokens(token):
        if "STATE" in agents and (agent.i in states or is_state(agent)):
            return True
        if "ARMED" in agents and (agent.i in armed or is_armed(agent)):
            return True
        # A word names the agent itself, not a modifier of it ("killed by a US drone": drone;
        # "drone strike kills" is the strike's, read by its own trigger).
        head = agent.dep_ not in _MODIFIERS or agent.head.i == token.i
        if head and (agent.lemma_.lower() in agents or agent.lower_ in agents):
            return True
    return False


def unless_ok(unless: frozenset[str], lemmas: set[str]) -> bool:
    """Whether none of the words that rule a trigger out is among `lemmas`."""
    return not unless or not (unless & lemmas)


def own_words(token: Token) -> set[str]:
    """The lemmas that say what kind of happening a trigger is: its modifiers ("rail strike",
    "general strike", "workers' strike"), who does it ("strike by teachers", "nurses strike")
    and the modifiers of those. Words elsewhere in the sentence do not ("Israeli strike kills
    an Iranian general", "strike on a market")."""
    found = {token.lemma_.lower()}
    for child in token.children:
        doer = child.dep_ in ("nsubj", "nsubjpass", "agent") or (
            child.dep_ == "prep" and child.lower_ == "by"
        )
        if child.dep_ in _MODIFIERS or doer:
            found |= {t.lemma_.lower() for t in child.subtree}
    return found


def armed_person(token: Token, armed: Container[int]) -> bool:
    """Whether a verb's object is a person of an armed side ("ISIS leader was killed",
    "Daesh chief killed by rebels", "killed the group's commander")."""
    node = _object(token)
    if node is None:
        return False
    lemma = node.lemma_.lower()
    if lemma not in _RANKS and lemma not in PERSON_NOUNS:
        return False
    sides = [c for c in node.lefts if c.dep_ in _MODIFIERS]
    sides += [p for c in node.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    return any(s.i in armed or is_armed(s) for side in sides for s in side.subtree)


def _object(token: Token) -> Token | None:
    """What a verb acts on: its object or passive subject, the noun a participle modifies
    ("Daesh chief killed by rebels"), or a headline's reduced passive's subject."""
    if token.pos_ not in ("VERB", "AUX"):
        return None
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return token.head
    for child in token.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass"):
            return child
    if token.tag_ == "VBN":
        return next((c for c in token.children if c.dep_ == "nsubj"), None)
    return None
