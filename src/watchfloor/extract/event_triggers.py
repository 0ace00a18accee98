"""Trigger matching helpers for the events component: which token reads which type.

A phrase matches where every word is a token's form or lemma (its head is the word the rest
hangs on); a lemma matches when the token's part of speech is one the trigger allows and the
sentence holds one of its context words. A token keeps its higher-priority reading. A trigger
that is another trigger's object ("executed an airstrike", "defused 3 IEDs") is one event
with it (`absorb_arguments`). Arguments belong to the triggers at or above them in the parse
(`owners`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from watchfloor.extract.event_mentions import Mention
from watchfloor.resolve.ontology import EventType, Trigger

__all__ = [
    "absorb_arguments",
    "context_ok",
    "forms",
    "is_definite_nominal",
    "keep_reading",
    "own_tokens",
    "owners",
    "phrase_at",
    "pos_ok",
    "refers_back",
]

# A nominal trigger as its clause's subject tells that it happened ("the withdrawal began").
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj", "obj", "nsubjpass"})
# Families of acts whose object is what they are about, never the same happening.
_ABOUT = frozenset({"political", "verbal"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "their", "its", "his", "her"})


def absorb_arguments(by_token: dict[int, Mention], span: Span) -> None:
    """A trigger that is another trigger's object names the same happening ("defused 3 IEDs",
    "executed an airstrike"), and so does one that modifies another as a compound ("missile
    attack on Damascus airport"): one event, of the more specific (higher-priority) type."""
    for index in sorted(by_token):
        mention = by_token.get(index)
        token = span.doc[index]
        while token.dep_ == "conj" and token.head.dep_ in _OBJECTS:
            token = token.head  # "clearing militants and landmines": an object too
        governor = token.head
        instrument = token.dep_ == "pobj" and governor.lower_ == "with"
        if instrument:  # "an exchange (of fire) with rockets": the exchange, by rockets
            governor = governor.head
        elif token.dep_ not in ("dobj", "obj", "nsubjpass", "npadvmod", "compound"):
            continue  # a compound names the means of its head ("missile attack"): one event
        while governor.i not in by_token and governor.dep_ == "conj" and _shares(governor):
            governor = governor.head  # "discovered and defused 3 IEDs"
        head = by_token.get(governor.i)
        if mention is None or head is None or head is mention:
            continue
        if head.event_type.code == mention.event_type.code:
            continue
        if head.event_type.family in _ABOUT:
            continue  # "protested the bombardment": the protest is about it, not the same

        keep, drop = (head, mention)
        if not instrument and mention.event_type.priority > head.event_type.priority:
            keep, drop = mention, head
        by_token.pop(index if drop is mention else governor.i)
        keep.figures.extend(f for f in drop.figures if f not in keep.figures)
        keep.actor1 = keep.actor1 or drop.actor1
        keep.target = keep.target or drop.target
        keep.places = keep.places or drop.places


def _shares(conjunct: Token) -> bool:
    """Whether a coordinated verb shares its object with the verb before it ("discovered and
    defused 3 IEDs"): not when that verb has an object of its own ("moved personnel from
    Afrin and allowed the Turkish strikes": the strikes are no object of the moving)."""
    return not any(c.dep_ in ("dobj", "obj") for c in conjunct.head.children)


def forms(token: Token) -> set[str]:
    """The forms a trigger or context word may match: the token's lemma and lower-case form,
    and for a capitalised word the parser read as a name (a Title Case headline's
    "Warplanes", "Raids") its singular, which the lemmatiser leaves unread."""
    lemma = token.lemma_.lower()
    found = {lemma, token.lower_}
    if token.pos_ == "PROPN" and token.is_title and lemma == token.lower_:
        word = token.lower_
        if word.endswith("ies") and len(word) > 4:
            found.add(word[:-3] + "y")
        elif word.endswith(("ches", "shes", "sses", "xes")):
            found.add(word[:-2])
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
            found.add(word[:-1])
    return found


def keep_reading(hits: dict[int, tuple[EventType, bool]], index: int, event_type: EventType,
          anaphoric: bool) -> bool:  # fmt: skip
    """Keep the higher-priority type for a token; a direct reading beats an anaphoric one.
    True when this reading is now the token's."""
    current = hits.get(index)
    better = current is not None and current[1] == anaphoric
    better = better and event_type.priority > current[0].priority  # type: ignore[index]
    if current is None or (current[1] and not anaphoric) or better:
        hits[index] = (event_type, anaphoric)
        return True
    return False


def phrase_at(span: Span, phrase: str) -> list[tuple[Token, list[int]]]:
    """Each occurrence of a multiword phrase: the token heading it, and its token indices."""
    words = phrase.split()
    tokens = [t for t in span if not t.is_space]
    found = []
    for i in range(len(tokens) - len(words) + 1):
        window = tokens[i : i + len(words)]
        if all(t.lower_ == w or t.lemma_.lower() == w for t, w in zip(window, words, strict=True)):
            # The word the rest hangs on; between two, the noun ("shelling exchange").
            head = max(
                window,
                key=lambda t: (t.dep_ == "ROOT" or t.head not in window, t.pos_ == "NOUN"),
            )
            found.append((head, [t.i for t in window]))
    return found


def pos_ok(token: Token, trigger: Trigger) -> bool:
    """Whether the token's part of speech is one the trigger allows (PROPN reads as NOUN)."""
    pos = "NOUN" if token.pos_ == "PROPN" and "PROPN" not in trigger.pos else token.pos_
    return pos in trigger.pos


def context_ok(trigger: Trigger, lemmas: set[str]) -> bool:
    """Whether the sentence holds one of the trigger's context words (if it needs any)."""
    return not trigger.context or bool(trigger.context & lemmas)


def is_definite_nominal(token: Token) -> bool:
    """A noun with a definite or possessive determiner: it names something already known."""
    if token.pos_ != "NOUN":
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in token.children)


def owners(token: Token, hits: dict[int, tuple[EventType, bool]]) -> list[int]:
    """Triggers at or above a token, nearest first; coordination ("X and Y") ends the climb."""
    found: list[int] = []
    for node in (token, *token.ancestors):
        if node.i in hits:
            found.append(node.i)
        if found and node.dep_ == "conj":
            break
    return found


def own_tokens(head: Token) -> list[Token]:
    """A noun with its modifiers but not its conjuncts ("the SDF" in "the SDF and Damascus")."""
    skip = {t.i for c in head.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    tokens = [t for t in head.subtree if t.i not in skip]
    return tokens or [head]


def refers_back(token: Token) -> bool:
    """A definite noun that names a known happening without arguments of its own: "in the
    face of the US withdrawal" (not "the battle against Isis", a happening named anew, nor "the
    withdrawal began", which tells that it happened)."""
    own = any(c.dep_ == "prep" and c.lower_ not in ("of", "from") for c in token.children)
    return is_definite_nominal(token) and token.dep_ not in _SUBJECTS and not own
