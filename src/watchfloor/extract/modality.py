"""Modality of an event trigger: did the text report a happening, or something else?

"ISIS failed to conduct a prison break", "in talks to transfer", "oftentimes the tactic is to
explode themselves", "fears of an attack", "if fighters escape": none of these happened. The
trigger's own words and the words above it in its clause say which: a modal or future
auxiliary, a conditional clause, a verb it complements ("failed to", "plan to", "tried to"),
a noun that governs it ("the risk of attacks", "talks to transfer"), a modifier ("a foiled
attack", "potential attacks"), a habitual adverb ("often", "routinely"), or the generic
"the tactic is to ...". Negated triggers ("did not attack") report nothing at all and are
dropped by the caller (None).

Every decision keeps its reason: `modality_of` returns the modality and the word that set it.
"""

from __future__ import annotations

from spacy.tokens import Token

from watchfloor.model import Modality

__all__ = ["modality_of"]

# Auxiliaries: "will" and "shall" announce, the others suppose or oblige.
_FUTURE = frozenset({"will", "shall", "'ll"})
_SUPPOSING = frozenset({"would", "could", "might", "may", "should", "must", "can", "'d"})
_CONDITIONAL = frozenset({"if", "unless", "whether", "lest"})

# Verbs a trigger complements ("failed to escape"), and the modality they give it.
_GOVERNING_VERBS: dict[str, Modality] = {
    **dict.fromkeys(("fail",), Modality.FAILED),
    **dict.fromkeys(("try", "attempt", "seek", "strive"), Modality.ATTEMPTED),
    **dict.fromkeys(
        ("plan", "intend", "aim", "prepare", "agree", "decide", "vow", "pledge", "promise",
         "propose", "schedule", "expect", "mean", "hope", "want", "negotiate", "discuss",
         "consider", "order", "ask", "urge", "call", "announce"),
        Modality.PLANNED,
    ),
    **dict.fromkeys(("threaten", "warn", "fear", "risk", "face"), Modality.FEARED),
    **dict.fromkeys(("prevent", "avoid", "stop", "deter", "foil", "thwart", "avert"),
                    Modality.HYPOTHETICAL),
    **dict.fromkeys(("tend",), Modality.HABITUAL),
}  # fmt: skip
# Verbs whose noun object is what they achieved, not a plan: "Russia negotiated a ceasefire"
# reports the ceasefire (their clause complements stay planned: "negotiate to transfer").
_ACHIEVING_VERBS = frozenset({"negotiate", "agree", "broker"})
# Verbs whose object is a happening that did not happen ("thwarted an attack").
_FOILING_VERBS = frozenset({"foil", "thwart", "avert", "prevent", "abort", "frustrate", "stop"})
# Nouns that govern a trigger ("the risk of attacks", "talks to transfer", "an attempt to").
_GOVERNING_NOUNS: dict[str, Modality] = {
    **dict.fromkeys(("attempt",), Modality.ATTEMPTED),
    **dict.fromkeys(
        ("plan", "plot", "talk", "negotiation", "proposal", "deal", "intention", "preparation",
         "call", "demand", "order", "scheme", "offer", "agreement", "decision", "readiness",
         "bid", "effort"),
        Modality.PLANNED,
    ),
    **dict.fromkeys(
        ("risk", "threat", "danger", "fear", "spectre", "specter"),
        Modality.FEARED,
    ),
    **dict.fromkeys(
        ("possibility", "prospect", "potential", "chance", "likelihood", "scenario", "event",
         "prevention"),
        Modality.HYPOTHETICAL,
    ),
    **dict.fromkeys(("tactic", "practice", "habit", "strategy", "method"), Modality.GENERIC),
}  # fmt: skip
# Modifiers of a nominal trigger ("a foiled attack", "potential attacks").
_MODIFIERS: dict[str, Modality] = {
    **dict.fromkeys(("failed", "foiled", "thwarted", "botched", "aborted"), Modality.FAILED),
    **dict.fromkeys(("attempted",), Modality.ATTEMPTED),
    **dict.fromkeys(("planned", "future", "upcoming", "imminent", "proposed", "intended",
                     "expected", "anticipated", "impending", "looming"),
                    Modality.PLANNED),
    **dict.fromkeys(("feared", "threatened"), Modality.FEARED),
    **dict.fromkeys(("potential", "possible", "any", "further", "hypothetical", "likely"),
                    Modality.HYPOTHETICAL),
}  # fmt: skip
# Adverbs of habit ("oftentimes the tactic is to explode themselves").
_HABITUAL = frozenset(
    {"often", "oftentimes", "usually", "routinely", "frequently", "regularly", "typically",
     "sometimes", "normally", "habitually", "commonly"}
)  # fmt: skip
# A governing noun links to its happening through one of these ("the risk of attacks").
_NOUN_LINKS = frozenset({"of", "for", "on", "about", "to"})
# How far up the parse a governing word may sit ("the risk of (infiltration and) attacks").
_CLIMB = 3


def modality_of(token: Token) -> tuple[Modality, str] | None:
    """The modality of a trigger and the word that decided it; None when it is negated.

    An asserted trigger gets (ASSERTED, "").
    """
    if any(_negates(c) or (c.dep_ == "det" and c.lower_ == "no") for c in token.children):
        return None
    for node in [token, *token.ancestors]:
        for child in node.children:
            if child.dep_ == "mark" and child.lower_ in _CONDITIONAL:
                return Modality.HYPOTHETICAL, child.text  # "if prisoners escape"
            if child.dep_ == "advcl" and node.pos_ in ("VERB", "AUX"):
                for mark in child.children:  # "if the guards leave, prisoners escape"
                    if mark.dep_ == "mark" and mark.lower_ in _CONDITIONAL:
                        return Modality.HYPOTHETICAL, mark.text
        if node.dep_ in ("ROOT", "ccomp", "parataxis"):
            break
    if token.pos_ in ("VERB", "AUX"):
        found = _verbal(token)
    else:
        found, verb = _nominal(token)
        if found is None and verb is not None:
            # "launched an attack", "attacked checkpoints with car bombs": the verb's reading.
            return modality_of(verb)
    if found is not None:
        return found
    habit = _habitual(token)
    if habit is not None:
        return Modality.HABITUAL, habit
    framed = _copular_frame(token)
    if framed is not None:
        return framed
    return Modality.ASSERTED, ""


_OWN_CLAUSES = frozenset({"advcl", "relcl", "conj", "parataxis"})


def _copular_frame(token: Token) -> tuple[Modality, str] | None:
    """A happening told as what a fear, plan or risk "is" ("my big fear was of stepping on a
    landmine", "the plan is that they attack"): the subject noun's modality. Only the copula's
    complement is framed: an adverbial, relative or coordinated clause on the way up tells its
    own happening ("the risk was high after jets bombed Idlib")."""
    inside = token
    for node in token.ancestors:
        if inside.dep_ in _OWN_CLAUSES:
            return None
        if node.lemma_.lower() == "be":
            for child in node.children:
                lemma = child.lemma_.lower()
                if child.dep_ == "nsubj" and lemma in _GOVERNING_NOUNS and child.i != inside.i:
                    return _GOVERNING_NOUNS[lemma], child.text
            return None
        if node.dep_ in ("ROOT", "ccomp", "parataxis"):
            return None
        inside = node
    return None


def _negates(child: Token) -> bool:
    """A negation, but not the cleft "it was not until mid-January ... that": that one says
    when the happening was known, not that it did not happen."""
    if child.dep_ != "neg":
        return False
    after = child.doc[child.i + 1] if child.i + 1 < len(child.doc) else None
    return after is None or after.lower_ != "until"


def _auxiliary(token: Token) -> tuple[Modality, str] | None:
    for child in token.children:
        if child.dep_ not in ("aux", "auxpass"):
            continue
        if child.lower_ in _FUTURE:
            return Modality.PLANNED, child.text
        if child.lower_ in _SUPPOSING:
            return Modality.HYPOTHETICAL, child.text
        if child.lower_ == "going" and any(c.dep_ == "xcomp" for c in child.head.children):
            return Modality.PLANNED, child.text
    return None


def _verbal(token: Token) -> tuple[Modality, str] | None:
    """A verb: its auxiliaries, then the verbs and nouns it complements, up its clause."""
    found = _auxiliary(token)
    if found is not None:
        return found
    if token.dep_ == "pcomp" and token.head.head.pos_ in ("VERB", "AUX"):
        # "whose mandate could change to fighting the regime", "warned of attacking": the
        # verb the preposition hangs on decides.
        verb = token.head.head
        if verb.lemma_.lower() in _GOVERNING_VERBS:
            return _GOVERNING_VERBS[verb.lemma_.lower()], verb.text
        found = _auxiliary(verb)
        if found is not None:
            return found
    node = token
    for _ in range(_CLIMB):
        if node.dep_ not in ("xcomp", "ccomp", "acl", "advcl", "conj") or node.head.i == node.i:
            break
        head = node.head
        lemma = head.lemma_.lower()
        if node.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX"):
            if lemma in _GOVERNING_VERBS:
                return _GOVERNING_VERBS[lemma], head.text
            if lemma == "be" and _generic_subject(head):
                # "the tactic is to explode themselves"
                return Modality.GENERIC, head.text
            found = _auxiliary(head)
            if found is not None:
                return found
        if node.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and lemma in _GOVERNING_NOUNS:
            return _GOVERNING_NOUNS[lemma], head.text  # "talks to transfer", "plans to attack"
        if node.dep_ == "conj":
            found = _auxiliary(head)  # "will attack and seize": the modal is on the first
            if found is not None:
                return found
            node = head
            continue
        if node.dep_ in ("advcl", "ccomp"):
            break
        node = head
    return None


def _generic_subject(be: Token) -> bool:
    """ "The tactic is to ...", "their method is to ...": a practice, not an occasion."""
    return any(
        c.dep_ == "nsubj" and c.lemma_.lower() in _GOVERNING_NOUNS
        and _GOVERNING_NOUNS[c.lemma_.lower()] is Modality.GENERIC
        for c in be.children
    )  # fmt: skip


def _nominal(token: Token) -> tuple[tuple[Modality, str] | None, Token | None]:
    """A noun: its modifiers, then the nouns and verbs that govern it ("fears of", "thwarted").

    Returns the modality found, else the verb whose object the noun is (its reading decides).
    """
    for child in token.children:
        if child.dep_ in ("amod", "det", "compound", "nmod") and child.lower_ in _MODIFIERS:
            return (_MODIFIERS[child.lower_], child.text), None
    node, link = token, ""
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "a repeat of airstrikes and chemical attacks": as the first
    for _ in range(_CLIMB):
        head = node.head
        if head.i == node.i:
            break
        lemma = head.lemma_.lower()
        if head.pos_ == "ADP":
            link = head.lower_
        elif head.pos_ in ("NOUN", "PROPN") and lemma in _GOVERNING_NOUNS:
            if link in _NOUN_LINKS or node.dep_ in ("compound", "acl"):
                return (_GOVERNING_NOUNS[lemma], head.text), None
            return None, None
        elif head.pos_ in ("VERB", "AUX"):
            if node.dep_ in ("dobj", "nsubjpass") and lemma in _FOILING_VERBS:
                return (Modality.FAILED, head.text), None  # "the army thwarted attacks"
            achieved = node.dep_ == "dobj" and lemma in _ACHIEVING_VERBS
            if node.dep_ in ("dobj", "prep") and lemma in _GOVERNING_VERBS and not achieved:
                kind = _GOVERNING_VERBS[lemma]
                return (kind, head.text), None  # "plan an attack", "warned of attacks"
            if node.dep_ in ("nsubj", "nsubjpass"):
                # "an attack would be a disaster"; a subject's own happening stands otherwise
                # ("the attack did not kill anyone" still reports the attack).
                return _auxiliary(head), None
            return None, head if node.dep_ in ("dobj", "prep", "attr", "oprd") else None
        node = head
    return None, None


def _habitual(token: Token) -> str | None:
    """A habitual adverb on the trigger or on the verb of its clause."""
    node = token
    for _ in range(_CLIMB):
        for child in node.children:
            if child.dep_ == "advmod" and child.lower_ in _HABITUAL:
                return child.text
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    return None
