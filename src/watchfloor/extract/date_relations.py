"""Which happening of a sentence or a paragraph a date belongs to, beyond the clause.

- A happening told a measured time apart from another ("resumed flights two weeks after the
  strike on 10 June"; "shelled the town on Thursday, a week after an air strike killed 12") is
  its own: a date inside that phrase dates its happening, not the sentence's other events, and
  a date outside it does not date the happening inside. Without a measured distance ("killed
  on Tuesday after an air strike hit their home") the two are told as one moment and share it.
- A neighbouring sentence lends its date to an event only when the date hangs on a verb that
  can tell a happening of the event's kind (a trigger of the ontology; force: fighting,
  detention, territory; or politics: statements, talks), on a verb of a happening's course or
  toll ("began", "took place", "died"), on a noun that names one of its kind ("Wednesday
  night's helicopter assault", whatever verb it is told with), or on no verb at all.
  "Services were suspended on 10 June" dates the suspension, not the strike told beside it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from watchfloor.resolve.ontology import Ontology

__all__ = ["distant_phrases", "lends_date", "told_apart"]

_RELATIONS = frozenset({"after", "before", "following"})
_TIME_UNITS = frozenset({"day", "week", "month", "year", "night", "fortnight", "decade"})
# Verbs of a happening's course, its toll or its telling as such: a date on them dates it.
_COURSE = frozenset(
    {"be", "happen", "occur", "take", "come", "begin", "start", "continue", "end", "erupt",
     "break", "last", "carry", "launch", "conduct", "die", "wound", "injure", "hurt", "land",
     "target", "kill", "leave", "see", "enter", "rage", "spread", "intensify", "escalate",
     "persist"}
)  # fmt: skip

# The kinds of happening whose dates may be lent among their families: force (fighting,
# detention, territory: the guards "detained" after the prison was "stormed" are one day's
# news) and politics (statements, talks); a date of one kind does not date the other.
_KINDS = {"armed_conflict": "force", "detention": "force", "territory": "force"}
_KINDS.update({"political": "politics", "verbal": "politics"})
# A contracted copula the parse may lemmatise as the apostrophe ("Today there’s ...").
_COPULAS = {"'s": "be", "'re": "be", "'m": "be"}


def _distance(token: Token) -> Token | None:
    """A measured distance in time on the token ("two weeks" after, "days" before)."""
    return next(
        (
            c
            for c in token.children
            if c.dep_ in ("npadvmod", "advmod", "nmod") and c.lemma_.lower() in _TIME_UNITS
        ),
        None,
    )


def distant_phrases(doc: Doc) -> list[frozenset[int]]:
    """Token sets of the phrases told a measured time after or before their sentence's other
    happenings (module docstring), the distance itself left out."""
    found: list[frozenset[int]] = []
    for token in doc:
        if token.lower_ not in _RELATIONS:
            continue
        if token.dep_ == "prep":
            holder = token  # "two weeks after the strike": the distance hangs on "after"
        elif token.dep_ == "mark":
            holder = token.head  # "a week after militants stormed a prison": on the verb
        else:
            continue
        distance = _distance(holder) or _distance(token)
        if distance is None:
            continue
        measured = {t.i for t in distance.subtree}
        found.append(frozenset(t.i for t in holder.subtree if t.i not in measured))
    return found


def told_apart(phrases: list[frozenset[int]], one: int, other: int) -> bool:
    """Whether one of two tokens lies in a phrase told a measured time apart and the other
    does not."""
    return any((one in phrase) != (other in phrase) for phrase in phrases)


def lends_date(date_root: Token, ontology: Ontology, family: str) -> bool:
    """Whether a date may date a neighbour's event of `family`: it hangs on a noun that names
    a happening of that kind ("the overnight raids", "Wednesday night's assault"), else on a
    verb of one or of a happening's course, or on no verb. A verb of another kind ("Last month
    Erdogan denounced ..." beside a withdrawal) or of no happening the ontology knows
    ("suspended", "co-sponsoring") dates its own happening."""
    for head in date_root.ancestors:
        lemma = _COPULAS.get(head.lower_.replace("’", "'"), head.lemma_.lower())
        kind = _KINDS.get(family, family)
        kin = any(_KINDS.get(t.family, t.family) == kind for t, _ in ontology.lemma_triggers(lemma))
        if head.pos_ in ("NOUN", "PROPN") and kin:
            return True
        if head.pos_ == "AUX":
            return True  # a copula ("Today there’s an operation"): the date of what is told
        if head.pos_ == "VERB":
            return lemma in _COURSE or kin
    return True
