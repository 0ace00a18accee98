"""What happened to the counted: a figure's role, read from the clause that governs it.

The role comes from the verb whose argument the figure is ("killed 14 civilians", "1,500
escaped", "46 killed by shelling"), from the event noun it is "of" ("the escape of hundreds",
"the bodies of two women"), from a resultative complement ("left 3 soldiers dead"), else from
the counted noun itself ("detainees" are held, "fighters" are fighters).

Coordinated verbs share an argument only when the other verb has none of its own: "shot and
killed a civilian" is killed; "killing 1 and injuring 6" gives killed 1 and wounded 6; "were
killed or injured" mixes a death with other harm and is read as casualties, never as an exact
killed figure.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from watchfloor.resolve.ontology import load_lexicon

__all__ = [
    "CIVILIAN_NOUNS",
    "EVENT_NOUN_ROLES",
    "NOUN_ROLES",
    "PERSON_NOUNS",
    "VERB_ROLES",
    "VICTIM_ROLES",
    "figure_role",
    "is_person_unit",
]


def _table(spec: dict[str, str]) -> dict[str, str]:
    """A word -> role table from role -> space-separated words."""
    return {word: role for role, words in spec.items() for word in words.split()}


# Verb lemma -> role. Only verbs in _SUBJECT_VERBS give the role to their subject:
# "militants killed 12" does not make the militants the killed; "1,500 members escaped" does.
VERB_ROLES = _table(
    {
        "killed": "kill die execute behead slay perish murder succumb",
        "wounded": "wound injure maim",
        "escaped": "escape flee break abscond",
        "recaptured": "recapture rearrest",
        "captured": "capture",
        "arrested": "arrest apprehend",
        "detained": "detain",
        "abducted": "abduct kidnap",
        "displaced": "displace",
        "held": "hold house imprison jail incarcerate",
        "released": "release free",
        "repatriated": "repatriate",
        "transferred": "transfer",
    }
)
_SUBJECT_VERBS = frozenset({"die", "perish", "succumb", "escape", "flee", "break", "abscond"})
# Nouns naming the event a figure is "of": "the escape of hundreds", "the bodies of two women".
EVENT_NOUN_ROLES = _table(
    {
        "escaped": "escape breakout jailbreak flight",
        "killed": "death killing execution massacre murder body corpse remains",
        "arrested": "arrest",
        "detained": "detention",
        "abducted": "abduction kidnapping",
        "displaced": "displacement",
        "released": "release",
        "captured": "capture",
        "recaptured": "recapture",
        "repatriated": "repatriation",
        "transferred": "transfer",
        "wounded": "injury injuring wounding",
    }
)
# Counted nouns that carry their own role when no verb gives one.
NOUN_ROLES = _table(
    {
        "fighters": "fighter militant combatant gunman jihadist insurgent recruit",
        "held": "detainee prisoner inmate captive",
        "displaced": "refugee idp",
        "casualties": "casualty",
        "killed": "fatality dead death",
        "escaped": "escapee fugitive",
        "abducted": "hostage abductee",
        "wounded": "wounded injured injury",
    }
)
CIVILIAN_NOUNS = frozenset({"civilian", "family", "resident", "people", "person", "villager"})
# Nouns that count people one by one (a singular one with "a" is one person).
PERSON_NOUNS = frozenset(load_lexicon("person_nouns"))
# Complements that say what became of the counted: "left 3 soldiers dead".
_RESULT_WORDS = {"dead": "killed", "injured": "wounded", "wounded": "wounded"}
VICTIM_ROLES = frozenset({"killed", "wounded", "casualties"})
# Nouns that name a toll: the figure they amount to counts that harm.
_TOLL_NOUNS = {
    "toll": "killed",
    "fatality": "killed",
    "death": "killed",
    "casualty": "casualties",
    "injury": "wounded",
}


def is_person_unit(unit: str | None) -> bool:
    """Whether a counted noun ("ISIS members", "civilians", "men") counts people."""
    if not unit:
        return False
    word = unit.split()[-1].lower()
    forms = {word, word.removesuffix("s"), word.removesuffix("es"), word.replace("men", "man")}
    forms.add(word.removesuffix("ren"))  # children
    return bool(forms & PERSON_NOUNS)


def _shares(verb: Token, dep: str, arg: Token | None) -> bool:
    """Whether a coordinated verb shares the argument `dep` (it has none of its own; an
    object is shared only by verbs said before it: "shot and killed a civilian")."""
    objects = dep in ("dobj", "obj")
    deps = ("dobj", "obj") if objects else ("nsubj", "nsubjpass")
    if objects and (arg is None or verb.i > arg.i):
        return False
    return verb.pos_ in ("VERB", "AUX") and not any(c.dep_ in deps for c in verb.children)


def _one_verb_role(verb: Token, dep: str, noun: Token | None) -> str | None:
    """The role one verb gives the figure that fills `dep` in it."""
    lemma = verb.lemma_.lower()
    role = VERB_ROLES.get(lemma)
    if role is None:
        return None
    if lemma == "break" and not any(
        c.dep_ in ("prt", "prep") and c.lower_ == "out" for c in verb.children
    ):
        return None
    # A subject takes a victim's role only in reduced passives: "46 killed by shelling",
    # "7 people killed and injured" (no object); "clashes killed 3" gives it to the object.
    has_object = any(c.dep_ in ("dobj", "obj") for c in verb.children)
    subject_takes_it = lemma in _SUBJECT_VERBS
    if dep == "nsubj" and not subject_takes_it and (has_object or verb.tag_ not in ("VBN", "VBD")):
        return None
    if (
        role == "escaped"
        and lemma == "flee"
        and noun is not None
        and noun.lemma_.lower() in CIVILIAN_NOUNS
    ):
        return "displaced"
    return role


def verb_role(verb: Token, dep: str, noun: Token | None, arg: Token | None = None) -> str | None:
    """The role a clause's verb, with the verbs coordinated with it, gives its argument `arg`."""
    roles: list[str] = []
    # "were killed, injured or captured": a parse may hang the list on the first verb as a
    # clause; a bare participle right after it is one more verb of the list.
    listed = [
        c
        for c in verb.children
        if c.dep_ == "advcl"
        and c.tag_ == "VBN"
        and 0 < c.i - verb.i <= 2
        and not any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children)
    ]
    listed += [conj for c in listed for conj in c.conjuncts]
    for candidate in (verb, *verb.conjuncts, *listed):
        if candidate is not verb and not _shares(candidate, dep, arg):
            continue  # "killing 1 and injuring 6": each verb has its own object
        role = _one_verb_role(candidate, dep, noun)
        if role and role not in roles:
            roles.append(role)
    if dep in ("dobj", "obj"):
        for child in verb.children:  # "left 3 soldiers dead"
            if child.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and child.lower_ in _RESULT_WORDS:
                roles.append(_RESULT_WORDS[child.lower_])
    if not roles:
        return None
    if len(roles) > 1 and VICTIM_ROLES & set(roles):
        return "casualties"  # "killed or injured 3": not an exact killed figure
    return roles[0]


def _toll_role(verb: Token) -> str | None:
    """The role a toll noun gives the figure it is said to amount to: "the death toll rose to
    15", "deaths were estimated at 40", "fatalities estimated as 10"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "acl":
        subjects.append(verb.head)  # "fatalities estimated as 10"
    for subject in subjects:
        role = _TOLL_NOUNS.get(subject.lemma_.lower())
        if role:
            return role
    return None


def figure_role(doc: Doc, anchor: Token, noun: Token | None, start: int, after: int) -> str | None:
    """What happened to the counted: from the verb or event noun that governs the figure.

    `anchor` is the token that stands for the figure in the parse (its counted noun, else its
    last number word); `start` the figure's first token; `after` the first token past the
    figure (or its noun), for parses that lost the clause.
    """
    if anchor.dep_ in ("quantmod", "nummod") and anchor.head.i >= start:
        anchor = anchor.head
    tok = anchor
    for _ in range(6):
        dep, head = tok.dep_, tok.head
        if head is tok:
            break
        if dep in ("conj", "appos", "quantmod", "nummod"):
            tok = head
            continue
        if dep == "poss":  # "a man's body"
            event = EVENT_NOUN_ROLES.get(head.lemma_.lower())
            if event:
                return event
            break
        if dep == "pobj" and head.lower_ in ("at", "to", "as"):
            role = _toll_role(head.head)  # "the death toll rose to 15"
            if role:
                return role
            break
        if dep == "pobj" and head.lower_ == "of":
            event = EVENT_NOUN_ROLES.get(head.head.lemma_.lower())
            if event:
                return event
            tok = head.head
            continue
        if dep in ("nsubj", "nsubjpass", "dobj", "attr", "oprd") and head.pos_ in (
            "VERB",
            "AUX",
            "ADJ",
        ):
            role = verb_role(head, dep, noun, tok)
            if role:
                return role
        break
    if noun is not None:
        for child in noun.children:
            if child.dep_ in ("acl", "relcl", "amod") and child.lemma_.lower() in VERB_ROLES:
                role = verb_role(child, "dobj", noun)
                if role:
                    return role
            if child.dep_ == "amod" and child.lower_ in _RESULT_WORDS:
                return _RESULT_WORDS[child.lower_]  # "three dead soldiers"
    # A parse that lost the clause: the first verb just after the figure, past auxiliaries.
    for tok in doc[after : min(len(doc), after + 4)]:
        if tok.pos_ == "VERB":
            passive = any(c.dep_ == "auxpass" for c in tok.children)
            role = verb_role(tok, "nsubjpass" if passive else "nsubj", noun)
            if role:
                return role
            break
        if tok.pos_ not in ("AUX", "ADV", "PART"):
            break
    if noun is not None:
        return NOUN_ROLES.get(noun.lemma_.lower()) or NOUN_ROLES.get(noun.lower_)
    return None
