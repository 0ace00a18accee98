"""What a place name does in its sentence, read from the parse: where an event is, or not.

A name places an event only when it says where. It does not when it:
- acts for a government: a capital or state that is the subject or possessor of its clause
  ("Ankara launched an offensive on Afrin", "Washington said"), the agent of a passive verb
  ("armed by Washington"), a partner ("its relationship with Washington") or modifies an
  actor ("US-led strikes"); a subject that undergoes
  ("Damascus experienced missile attacks") or is described by a noun ("Syria is now the
  battlefield", but not "London is aware") is a place, not an actor (`acts`);
- names whose forces or side are meant: "U.S. assault forces", "on the U.S. side"
  (`names_side`);
- reports: "SANA said", "according to SANA", "told SANA" (`reports`);
- names an agreement: "the Riyadh agreement" (`names`);
- is a common word the gazetteer happens to know, written in lower case ("a hole created by
  shell damage", "the camp"): no toponym in English news is written so (`common_word`).

A trigger in a relative clause opened by "where" on a place ("fled to north-eastern Syria,
where they were rounded up") happened at that place (`where_antecedent`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from watchfloor.extract.components import Context
from watchfloor.model import AnnotatedDocument, PlaceMention, Precision
from watchfloor.model.geo import haversine_km
from watchfloor.resolve.catalogue import ACTOR_WORDS
from watchfloor.resolve.ontology import load_lexicon

__all__ = [
    "COARSE",
    "acts",
    "clause_of",
    "coarse",
    "common_word",
    "in_clause",
    "inside",
    "is_a_side",
    "names",
    "names_side",
    "other_clauses",
    "political_types",
    "reports",
    "scattered",
    "where_antecedent",
]

# A country or a region with no admin area: where an event is only when nothing finer is.
COARSE = frozenset({Precision.COUNTRY, Precision.REGION})
# Dependencies through which a named capital or state acts in its clause.
_ACTING = frozenset({"nsubj", "poss"})
# "Britain-based", "US-led", "Iran-backed": the name modifies an actor, it places nothing.
_ACTOR_MODIFIERS = frozenset(
    {"based", "led", "backed", "funded", "supported", "allied", "run", "sponsored", "linked",
     "affiliated", "aligned", "controlled", "held", "born", "trained", "brokered"}
)  # fmt: skip
# A capital that undergoes the event ("Damascus experienced missile attacks", "Riyadh came
# under fire") is where it happened, not an actor, even as the subject of its clause; so is
# the subject of a copula ("Syria is now the battlefield", "Idlib became a refuge").
_UNDERGO = frozenset({"experience", "suffer", "witness", "endure", "undergo", "see", "come"})
_COPULAS = frozenset({"be", "become", "remain"})
_REPORTING = frozenset(load_lexicon("reporting_verbs"))
# Nouns of a state's sides and people: a country naming one ("U.S. assault forces", "on the
# U.S. side", "American officials") is whose they are, not where anything happened.
_SIDE_NOUNS = frozenset(
    {*load_lexicon("armed_nouns"), *ACTOR_WORDS, "side", "official", "officials", "spokesman",
     "spokesperson", "envoy", "commander", "commanders", "commandos", "operators"}
)  # fmt: skip
_HYPHENATED = re.compile(r"\s?[-–]\s?([A-Za-z]+)")


def _root(parsed: Doc, place: PlaceMention) -> Token | None:
    span = parsed.char_span(place.evidence.start, place.evidence.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token


def acts(parsed: Doc, place: PlaceMention, text: str, undergoes: set[int]) -> bool:
    """A capital or a state that is the subject or possessor of its clause: an actor.

    A name that only modifies an actor ("a Britain-based monitor", "US-led strikes") is
    no place of the event either. `undergoes` are the token indices of events' words: a
    subject whose verb's object or "under" phrase holds one undergoes it.
    """
    after = _HYPHENATED.match(text, place.evidence.end)
    if after is not None and after.group(1).lower() in _ACTOR_MODIFIERS:
        return True
    if place.precision is not Precision.COUNTRY and not (place.feature or "").startswith("PPLC"):
        return False
    token = _root(parsed, place)
    if token is None:
        return False
    if token.dep_ in _ACTING:
        return not (token.dep_ == "nsubj" and _described(token.head, undergoes))
    # "by Ankara" as the agent of a passive verb; "its relationship with Washington", "talks
    # with Ankara": a partner, never a place
    return token.dep_ == "pobj" and (token.head.dep_ == "agent" or token.head.lower_ == "with")


def names_side(parsed: Doc, place: PlaceMention) -> bool:
    """Whether a country names whose forces or side are meant ("U.S. assault forces", "no
    casualties on the U.S. side", "American officials"): it places nothing there, though the
    same country may be a place elsewhere in the report ("an attack in the United States")."""
    if place.precision is not Precision.COUNTRY:
        return False
    token = _root(parsed, place)
    return token is not None and _modifies_side(token)


def _modifies_side(token: Token) -> bool:
    """Whether a name modifies a noun of a side ("U.S. assault forces", "the U.S. side"),
    through compounds only: "the Syria side of the border" is a place."""
    node = token
    while node.dep_ == "compound" and node.head.i != node.i:
        node = node.head
        if node.lower_ in _SIDE_NOUNS and node.pos_ in ("NOUN", "PROPN"):
            # "the Syria side of the border" is a part of a place
            return not any(c.dep_ == "prep" and c.lower_ == "of" for c in node.children)
    return False


def _described(verb: Token, undergoes: set[int]) -> bool:
    """Whether a verb's subject is described (a copula) or undergoes an event named in its
    object or "under X"."""
    lemma = verb.lemma_.lower()
    if lemma in _COPULAS:
        # "Syria is now the battlefield": a noun describes a place; "London is aware" (an
        # adjective of a mind) speaks of a government.
        return any(c.dep_ == "attr" for c in verb.children)
    if lemma not in _UNDERGO:
        return False
    for child in verb.children:
        node = child
        if child.dep_ == "prep" and child.lower_ == "under":
            node = next((c for c in child.children if c.dep_ == "pobj"), child)
        elif child.dep_ not in ("dobj", "obj"):
            continue
        if any(t.i in undergoes for t in node.subtree):
            return True
    return False


def common_word(place: PlaceMention) -> bool:
    """A name written all in lower case ("a hole", "the camp") is a common word, no toponym."""
    return not any(c.isupper() for c in place.text)


def where_antecedent(trigger: Token) -> Token | None:
    """The noun a "where" relative clause holding the trigger qualifies ("north-eastern Syria,
    where they were rounded up"), or None."""
    node: Token | None = trigger
    while node is not None:
        if node.dep_ == "relcl" and any(
            c.lower_ in ("where", "wherein") and c.dep_ == "advmod" for c in node.children
        ):
            return node.head
        if node.dep_ in ("ccomp", "advcl") or node.head.i == node.i:
            return None
        node = node.head
    return None


def clause_of(trigger: Token) -> set[int]:
    """Token indices of the trigger's clause: its verb's subtree without other clauses (a
    verb trigger's own adverbial, complement and coordinated clauses included: "surrendered
    on Tuesday, placing a burden on the camp" does not surrender at the camp)."""
    head = trigger
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    inside = {trigger.i} | {t.i for t in trigger.subtree}
    skip = {
        t.i
        for child in head.children
        if child.dep_ in ("ccomp", "advcl", "relcl", "conj", "parataxis")
        and trigger.i not in {t.i for t in child.subtree}
        for t in child.subtree
    }
    # A relative clause on one of its arguments is another clause too ("a soldier who
    # fought in Baghuz in 2015 was arrested in Hasakah": the arrest is not in Baghuz);
    # one on a nominal trigger tells the event itself ("the attack, which hit Baghuz").
    return (inside | {t.i for t in head.subtree}) - skip - other_clauses(trigger)


def other_clauses(trigger: Token) -> set[int]:
    """Token indices of the clauses on the arguments of the trigger's sentence that do not
    hold the trigger: relative clauses and verbal modifiers ("a convoy carrying materials
    for the US", "groups operating in Al Bab", "plans to smuggle him into Turkey") tell of
    something else than the event."""
    return {
        t.i
        for node in trigger.sent
        if (node.dep_ == "relcl" or (node.dep_ == "acl" and node.pos_ == "VERB"))
        and node.head.i != trigger.i
        and trigger.i not in {t.i for t in node.subtree}
        for t in node.subtree
    }


def in_clause(parsed: Doc, start: int, end: int, clause: set[int]) -> bool:
    """Whether the text between two offsets has its root inside a clause."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.i in clause


def political_types(context: Context) -> frozenset[str]:
    """The codes of the political event types (agreements, talks, statements)."""
    ontology = getattr(context.resources, "ontology", None)
    if ontology is None:
        return frozenset()
    return frozenset(t.code for t in ontology.types() if t.family == "political")


def names(token: Token | None, trigger: Token) -> bool:
    """Whether a name modifies the trigger noun, or the agreement a trigger verb has as its
    subject or object, as part of its name ("the Riyadh agreement", "the Sochi peace deal",
    "the Riyadh agreement ... was signed in Aleppo")."""
    named = {trigger.i} | {
        c.i for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj")
    }
    while token is not None and token.dep_ in ("compound", "amod", "poss", "nmod"):
        token = token.head
        if token.i in named:
            return True
    return False


def reports(token: Token) -> bool:
    """Whether a name is the source of a report: the subject of a reporting verb, the object
    of "according to" or of "told"."""
    while token.dep_ in ("conj", "appos", "compound") and token.head.i != token.i:
        token = token.head
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass"):
        return token.dep_ == "nsubj" and head.lemma_.lower() in _REPORTING
    if token.dep_ == "pobj" and head.lower_ == "to":
        return head.head.lower_ == "according"
    return token.dep_ in ("dobj", "dative") and head.lemma_.lower() == "tell"


def coarse(place: PlaceMention) -> bool:
    """A country, a coordinate-less region, or a part of a country in no admin area
    ("northern Syria", "central Syria": the country's own entry at a finer precision): kept
    only when nothing finer is found inside it."""
    if place.precision in COARSE:
        return True
    return (
        place.admin1 is None
        and place.country_code is not None
        and place.place_id == f"cc-{place.country_code.lower()}"
    )


def inside(place: PlaceMention, area: PlaceMention) -> bool:
    """Whether a place may lie inside a coarse area (same country, when both say)."""
    if place.country_code and area.country_code:
        return place.country_code == area.country_code
    return True


# Towns of one clause farther apart than this tell of several happenings, not of one place.
_SCATTERED_KM = 100.0


def is_a_side(place: PlaceMention, doc: AnnotatedDocument) -> bool:
    """Whether a country's name is read as a side of an event ("after US raid": the United
    States raids): the words an event takes as its doer or target are not where it happened."""
    if place.precision is not Precision.COUNTRY:
        return False
    start, end = place.evidence.start, place.evidence.end
    return any(
        side is not None and side.evidence.start < end and start < side.evidence.end
        for event in doc.events
        for side in (event.actor1, event.actor2)
    )


def scattered(places: list[PlaceMention]) -> bool:
    """Whether one clause names towns far apart ("attacks all around the world in Paris,
    Brussels"): it tells of many happenings, and lends no one of its places to another
    mention of an event."""
    points = [
        (p.lat, p.lon) for p in places if p.lat is not None and p.lon is not None and not coarse(p)
    ]
    return any(
        haversine_km(*a, *b) > _SCATTERED_KM for i, a in enumerate(points) for b in points[i + 1 :]
    )
