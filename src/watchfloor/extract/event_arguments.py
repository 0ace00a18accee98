"""What a trigger may take as its object, and which event a figure belongs to, with which role.

A figure keeps the role its own clause gives it: "injuring 4 fighters" stays wounded inside an
attack whose figures are usually deaths, and "killed or injured 3" stays casualties. Only a
figure whose clause says nothing of what happened to the counted takes the event type's
`figure_role`, and only when it counts people and the role is not a harm: "hundreds of
detainees" in an escape escaped, but "two militias clashed", "a convoy of thirty vehicles" or
"25 airstrikes" are never a death toll.

A trigger's `objects` say what it acts on: a recapture needs people as its object ("recaptured
20 escapees"), retaking a place is territory ("recaptured the town of Baghuz").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Token

from watchfloor.extract.figure_roles import PERSON_NOUNS, VICTIM_ROLES, is_person_unit
from watchfloor.extract.layout import Layout
from watchfloor.model import ActorMention, AnnotatedDocument, Evidence, Figure, Quantity
from watchfloor.resolve.gazetteer import Gazetteer
from watchfloor.resolve.ontology import EventType, Ontology, load_lexicon

__all__ = [
    "ARMED_ACTOR_TYPES",
    "VICTIM_ROLES",
    "Sides",
    "describes_actor",
    "figure_role_at_event",
    "is_armed",
    "is_circumstance",
    "is_violent",
    "names_known_event",
    "objects_ok",
    "parts",
    "restates",
    "tokens_of",
    "tree_nearest",
]

# Nouns that name a place an armed side can take or hold.
PLACE_NOUNS = frozenset(load_lexicon("place_nouns"))
# Nouns and names of an armed side (the ARMED object class: "drove Isis out").
ARMED_NOUNS = frozenset(load_lexicon("armed_nouns"))
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_PRONOUNS = frozenset({"PRON"})
_WHEN = frozenset({"DATE", "TIME"})
_STATES = frozenset({"state", "country", "government", "ministry", "administration", "nation"})
# Catalogue actor types that are armed sides ("Jaysh al-Islam was expelled from Douma").
ARMED_ACTOR_TYPES = frozenset(
    {"armed_group", "militia", "government_forces", "security_forces", "coalition"}
)
# How a nominal trigger takes its object, in order of preference.
_NOUN_OBJECT_LINKS = ("of", "on", "against")
_MEASURE_HEADS = frozenset(
    {"number", "total", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "group"}
)


def figure_role_at_event(quantity: Quantity, event_type: EventType) -> str | None:
    """The role a figure has at an event: its own, else the event's for people unharmed-by-role.

    The event's `figure_role` fills in only when the figure's clause gave no role, the figure
    counts people (or nothing named), and the role is not a harm (killed, wounded): a death
    toll needs the text to say so.
    """
    if quantity.role is not None:
        return quantity.role
    role = event_type.figure_role
    if role is None or role in VICTIM_ROLES:
        return None
    if quantity.unit is None or is_person_unit(quantity.unit):
        return role
    return None


def is_violent(event_type: EventType) -> bool:
    """Types whose figures are usually a toll (attacks, clashes, strikes, bombings)."""
    return event_type.figure_role == "killed"


def _object(token: Token) -> Token | None:
    """A trigger's object: a verb's direct object (or passive subject), a noun's "of" object
    (else its "on"/"against" object)."""
    if token.pos_ in ("VERB", "AUX"):
        if token.dep_ == "acl" and token.tag_ == "VBN":
            return token.head  # "a civilian killed by gunmen"
        for dep in ("dobj", "obj", "nsubjpass", "npadvmod"):  # npadvmod: a missed object
            for child in token.children:
                if child.dep_ == dep and not (dep == "npadvmod" and child.ent_type_ in _WHEN):
                    if child.tag_ == "WDT" and token.dep_ == "relcl":
                        return token.head  # "Afrin, which the YPG captured": Afrin
                    return child  # ("late last year" says when, it is no object)
        if token.tag_ == "VBN":  # a headline's reduced passive: "3 members killed in ..."
            return next((c for c in token.children if c.dep_ == "nsubj"), None)
        return None
    # "the capture of the town"; else what it is aimed at ("the attack on Afrin").
    for preposition in _NOUN_OBJECT_LINKS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == preposition:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    # "their capture", "his arrest": a possessive pronoun is who underwent it (a named
    # possessor, "Turkey's attack", is the agent and no object).
    return next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)


def _classes(node: Token) -> set[str]:
    """What an object is: its lemma and PERSON, PLACE, NUMBER or PRONOUN."""
    lemma = node.lemma_.lower()
    if lemma in _MEASURE_HEADS:  # "an unknown number of regime fighters"
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return _classes(pobj) | {"NUMBER"}
    found = {lemma}
    if node.pos_ in _PRONOUNS:
        found.add("PRONOUN")
    if node.like_num or node.pos_ == "NUM" or any(c.dep_ == "nummod" for c in node.children):
        found.add("NUMBER")
    if lemma in PERSON_NOUNS or is_person_unit(node.text) or node.ent_type_ in ("PERSON", "NORP"):
        found.add("PERSON")
    if lemma in PLACE_NOUNS or node.ent_type_ in _PLACE_ENTS:
        found.add("PLACE")
    return found


class _Evidenced(Protocol):
    @property
    def evidence(self) -> Evidence: ...


def tokens_of(parsed: Doc, mentions: Iterable[_Evidenced]) -> set[int]:
    """The token indices of the mentions' evidence spans in the parse."""
    return {
        token.i
        for m in mentions
        if (span := parsed.char_span(m.evidence.start, m.evidence.end, alignment_mode="expand"))
        is not None
        for token in span
    }


def objects_ok(
    token: Token,
    objects: frozenset[str],
    places: Container[int] = frozenset(),
    armed: Container[int] = frozenset(),
) -> bool:
    """Whether the trigger's object is one it allows (no constraint: always). `places` are
    the token indices the places component read as places ("the fall of eastern Ghouta",
    a name the parser's entities miss); `armed` those of actors the catalogue types as armed
    ("Jaysh al-Islam", "the Islamic State group").

    Besides the object's own classes: ARMED when the object is an armed side ("drove Isis
    out"), FROM_PLACE when the trigger has no object and says from which place ("the
    extremists' ousting from Raqqa"; with an object, that object decides: families "driven out
    of Raqqa" are displaced, not a place taken); ARMED_FROM when an armed side is moved out of
    a named place ("moved personnel from Afrin"); ARMED_SIDE when a side of the verb is armed
    (`_armed_side`)."""
    if not objects:
        return True
    node = _object(token)
    found = _classes(node) if node is not None else set()
    if node is not None and node.i in places:
        found.add("PLACE")
    if node is not None and (is_armed(node) or node.i in armed):
        found.add("ARMED")
    if "ARMED_SIDE" in objects and _armed_side(token, armed):
        found.add("ARMED_SIDE")
    if {"FROM_PLACE", "ARMED_FROM"} & objects and _from_place(token, places):
        if node is None:  # "the extremists' ousting from Raqqa"; who left is said elsewhere
            found.add("FROM_PLACE")
        if "ARMED" in found:  # "moved personnel from Afrin": forces taken out of a place
            found.add("ARMED_FROM")
    return bool(found & objects)


def is_armed(node: Token) -> bool:
    """Whether a noun names an armed side: its lemma, its form, or the name its compounds and
    modifiers make with it ("Islamic State")."""
    words = [c for c in node.children if c.dep_ in ("compound", "amod", "det") and c.i < node.i]
    phrase = " ".join([*(w.lower_ for w in words), node.lower_])
    return bool({node.lemma_.lower(), node.lower_, phrase} & ARMED_NOUNS)


def _armed_side(token: Token, armed: Container[int] = frozenset()) -> bool:
    """Whether a verb's sides may be armed: one is ("the SDF clashed with Isis", a group the
    catalogue types as armed), or not every side named is a state or government ("they
    clashed", "two clans clashed", "Turkey clashed with Hurras al-Din"). "Qatar has clashed
    with other Arab states" is a quarrel, not a battle."""
    sides = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "against", "between"):
            sides += [c for c in prep.children if c.dep_ == "pobj"]
    sides += [c for side in sides for c in side.conjuncts]
    if any(is_armed(side) or side.i in armed for side in sides):
        return True
    # Only states and governments named, no armed side: a political quarrel.
    return not sides or not all(
        side.ent_type_ == "GPE" or side.lemma_.lower() in _STATES for side in sides
    )


def _from_place(token: Token, places: Container[int]) -> bool:
    """Whether the trigger names the place left: "from X", "out of X" (a place the places
    component read, a named place, or a place noun such as "their capital of Raqqa")."""
    # The parser may hang "from X" on the object ("moved [personnel from Afrin]").
    holders = [token, *(c for c in token.children if c.dep_ in ("dobj", "obj", "nsubjpass"))]
    links = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "from"]
    for out in (c for c in token.children if c.lower_ == "out"):
        links += [c for c in out.children if c.dep_ == "prep" and c.lower_ == "of"]
    links += [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
              and any(o.lower_ == "out" for o in token.children)]  # fmt: skip
    for link in links:
        for pobj in link.children:
            if pobj.dep_ == "pobj" and (pobj.i in places or "PLACE" in _classes(pobj)):
                return True
    return False


# Words that make the figure after them a part of the figure before them ("41 were killed,
# including 6 soldiers"; "two women, one of whom ..."), and the words after a part ("12,000
# of them").
_PART_BEFORE = re.compile(
    r"\b(?:including|among\s+(?:them|whom|those)|of\s+whom|of\s+which)\s*$", re.IGNORECASE
)
_PART_AFTER = re.compile(r"^\s*(?:of|among)\s+(?:them|whom|those|these)\b", re.IGNORECASE)


def parts(quantities: Sequence[Quantity], text: str) -> set[tuple[int, int]]:
    """Figures that break down a figure said before them in their sentence: a part is not a
    further count of the event ("41 were killed, including 6 soldiers" killed 41, not 47)."""
    found: set[tuple[int, int]] = set()
    for previous, quantity in itertools.pairwise(quantities):
        ev = quantity.evidence
        if previous.evidence.sentence != ev.sentence:
            continue
        before = text[max(0, ev.start - 30) : ev.start]
        after = text[ev.end : ev.end + 20]
        if _PART_BEFORE.search(before) or _PART_AFTER.match(after):
            found.add((ev.start, ev.end))
    return found


def restates(quantity: Quantity, prior: Sequence[Figure]) -> bool:
    """Whether a figure said after an event repeats its toll ("killing three ... 3 fatalities")
    or totals it ("1 fatality ... 2 fatalities. 3 fatalities.")."""
    values = [f.quantity.low for f in prior if f.role == quantity.role]
    if not values or quantity.low == 0:
        return False  # a zero ("no other casualties") adds nothing and is kept as said
    return quantity.low in values or quantity.low == sum(values)


def tree_nearest(token: Token, candidates: Sequence[int], doc: Doc) -> int:
    """The candidate token index nearest `token` in the parse tree (then in the text)."""
    path = {node.i: depth for depth, node in enumerate((token, *token.ancestors))}

    def distance(index: int) -> tuple[int, int]:
        for depth, node in enumerate((doc[index], *doc[index].ancestors)):
            if node.i in path:
                return depth + path[node.i], abs(index - token.i)
        return len(path) + 100, abs(index - token.i)

    return min(candidates, key=distance)


# Determiners that make a noun name something already known.
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def names_known_event(token: Token, ontology: Ontology) -> bool:
    """Whether a toll word says where it happened with a definite event noun ("killed in the
    attack", "died in the blast"): an event the text has already named."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "by"):
            continue
        for noun in prep.children:
            definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children)
            if noun.dep_ == "pobj" and definite and ontology.lemma_triggers(noun.lemma_.lower()):
                return True
    return False


# Prepositions that make an event the circumstance of another ("clashes ... amid shelling").
_CIRCUMSTANCE = frozenset({"amid", "amidst", "following", "after"})


def is_circumstance(token: Token, triggers: set[int]) -> bool:
    """Whether a trigger sits in a circumstance phrase of another trigger's clause ("amid
    shelling", "in conjunction with airstrikes", "in response to a rocket attack")."""
    node = token
    for _ in range(4):
        head = node.head
        if head is node or (node.dep_ != "conj" and head.i in triggers):
            return False
        if head.dep_ == "prep" or head.pos_ == "ADP":
            said = head.lower_
            if said in _CIRCUMSTANCE:
                return True
            if said in ("with", "to") and head.head.lemma_.lower() in ("conjunction", "response"):
                return True
        node = head
    return False


def describes_actor(token: Token, triggers: Container[int]) -> str:
    """Why a trigger only describes a named actor ('' when it does not): it sits in an undated
    relative clause on an actor's name that is no trigger ("the SDF, which led the battle
    against Isis in north-east Syria": who the SDF are, not a happening the report tells). A
    clause on a place tells what happened there ("Syria, where they were rounded up")."""
    verb = token
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    named = verb.head
    actor = named.pos_ == "PROPN" and named.ent_type_ in ("ORG", "NORP", "PERSON")
    if verb.dep_ != "relcl" or named.i in triggers or not actor:  # a place's clause tells
        return ""
    if any(t.ent_type_ in _WHEN for t in verb.subtree):
        return ""  # "Afrin, which Turkey captured in March": a happening with its date
    name = " ".join(t.text for t in named.lefts if t.dep_ == "compound") + " " + named.text
    return f"a relative clause describing {name.strip()!r}"


@dataclass(frozen=True)
class Sides:
    """What may name an event's side in one report: its actor mentions, but not an unknown
    name the gazetteer knows as a place of a country the report names ("the shelling of
    Sarmada": the statistical NER's organisation is a Syrian town, shelled, not shelling), and
    nothing inside a dateline ("HASAKAH, Syria (Wire) — Islamic State fighters attacked": the
    country is where the report was filed, no side of the clause it opens)."""

    actors: tuple[ActorMention, ...]
    datelines: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, doc: AnnotatedDocument, gazetteer: Gazetteer | None) -> Sides:
        """The sides of a report (without a gazetteer, every actor mention)."""
        countries = {p.country_code for p in doc.places if p.country_code}

        def is_place(actor: ActorMention) -> bool:
            found = gazetteer.candidates(actor.text) if gazetteer is not None else []
            return any(p.country in countries for p in found)

        actors = tuple(a for a in doc.actors if a.actor_id is not None or not is_place(a))
        return cls(actors, Layout.of(doc).dateline_spans(doc.document.text))

    def outside_datelines(self, tokens: list[Token]) -> list[Token]:
        """The tokens of a phrase outside the report's datelines."""
        if not self.datelines:
            return tokens
        return [t for t in tokens if not any(a <= t.idx < b for a, b in self.datelines)]
