"""Figures the text gives without a number: one victim named in the singular, and explicit zeros.

"shot and killed a female civilian", "beheaded a civilian truck driver", "killing him", "the
body of a young man" each count one person killed (or wounded); the figure is the noun phrase
("a female civilian", low = high = 1) and its role is read like any figure's (`figure_roles`),
so a singular person with no victim's role ("arrested a man") gives no figure here.

"There were no fatalities", "no casualties", "no one was killed" are an explicit 0 killed ("no
injuries": 0 wounded): a report that says zero is not one that is silent, so the zero is kept.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from watchfloor.extract.figure_roles import PERSON_NOUNS, VICTIM_ROLES, figure_role

__all__ = ["implicit_figures"]

# Nouns that, with "no", say nobody came to that harm.
_ZERO_NOUNS = {
    "fatality": "killed",
    "casualty": "killed",  # no one killed or wounded: zero killed, as a figure
    "death": "killed",
    "dead": "killed",
    "victim": "killed",
    "injury": "wounded",
    "injured": "wounded",
}
_SINGULAR_DETERMINERS = frozenset({"a", "an"})
_SINGULAR_PRONOUNS = frozenset({"him", "her"})
_SINGULAR_SUBJECTS = frozenset({"he", "she"})  # "He died later from his wounds"
# Singular nouns that name a group, not one person.
_COLLECTIVE = frozenset({"family", "people", "group", "number", "unit", "crowd"})


def implicit_figures(doc: Doc, sent: Span, taken: set[int]) -> Iterator[tuple[Span, int, str]]:
    """(span, value, role) of each figure without a number in one sentence.

    `taken` holds the token indices already inside numeric figures; those tokens are skipped.
    """
    for token in sent:
        if token.i in taken:
            continue
        zero = _zero(doc, token)
        if zero is not None:
            yield zero
            continue
        one = _single_victim(doc, token)
        if one is not None and not any(t.i in taken for t in one[0]):
            yield one


def _zero(doc: Doc, token: Token) -> tuple[Span, int, str] | None:
    """ "no fatalities", "no casualties", "no one was killed": 0 with its role."""
    if token.lower_ == "no" and token.dep_ == "det":
        noun = token.head
        role = _ZERO_NOUNS.get(noun.lemma_.lower()) or _ZERO_NOUNS.get(noun.lower_)
        if role is None or noun.i < token.i:
            return None
        return doc[token.i : noun.i + 1], 0, role
    if token.lower_ in ("nobody", "noone") or (
        token.lower_ == "one" and token.i > 0 and doc[token.i - 1].lower_ == "no"
    ):
        start = token.i - 1 if token.lower_ == "one" else token.i
        role = figure_role(doc, token, None, start, token.i + 1)
        if role in VICTIM_ROLES:
            return doc[start : token.i + 1], 0, "killed" if role == "casualties" else role
    return None


def _single_victim(doc: Doc, token: Token) -> tuple[Span, int, str] | None:
    """ "killed a woman", "killing him", "a man's body": one person with a victim's role."""
    if (token.lower_ in _SINGULAR_PRONOUNS and token.dep_ in ("dobj", "nsubjpass")) or (
        token.lower_ in _SINGULAR_SUBJECTS and token.dep_ in ("nsubj", "nsubjpass")
    ):
        start = token.i
    elif (
        token.tag_ == "NN"
        and token.lemma_.lower() in PERSON_NOUNS
        and token.lemma_.lower() not in _COLLECTIVE
        and not any(c.dep_ == "nummod" for c in token.children)
    ):
        # "a regime 4th Armored Division member": the article may hang on a modifier.
        first = token.left_edge
        if first.dep_ != "det" or first.lower_ not in _SINGULAR_DETERMINERS:
            return None
        start = first.i
    else:
        return None
    role = figure_role(doc, token, token, token.i, token.i + 1)
    if role not in ("killed", "wounded"):
        return None
    return doc[start : token.i + 1], 1, role
