"""Roles of Arabic figures: what happened to the counted people (killed, wounded, escaped, ...).

The role words are data (`roles` in `data/lexicon_ar.yaml`): a role word within a few words of
the figure gives its role; when several are near, the more specific happening wins (killed
before detained: "قتل 5 سجناء" is killed, "فرّ عشرات السجناء" is escaped). The word right after
the figure, when it is no role word, is its unit.
"""

from __future__ import annotations

from collections.abc import Sequence

from watchfloor.extract.arabic.lexicon import ArabicLexicon
from watchfloor.extract.arabic.numbers import NumberHit, match_phrase
from watchfloor.extract.arabic.tokens import Tok

__all__ = ["ROLE_PRIORITY", "figure_role", "figure_unit"]

# The more specific happening first; status words (detained, fighters) last.
ROLE_PRIORITY = ("killed", "wounded", "recaptured", "escaped", "displaced", "detained", "fighters")
_BEFORE = 3
_AFTER = 4


def _role_at(toks: Sequence[Tok], i: int, lex: ArabicLexicon) -> str | None:
    for role in ROLE_PRIORITY:
        if any(match_phrase(toks, i, words) for words in lex.roles.get(role, ())):
            return role
    return None


def figure_role(
    toks: Sequence[Tok], hit: NumberHit, others: Sequence[NumberHit], lex: ArabicLexicon
) -> str | None:
    """The role of a figure from the role words around it, not crossing another figure."""
    lo = max([0, hit.hedge_first - _BEFORE, *(o.last for o in others if o.last <= hit.first)])
    hi = min(
        [len(toks), hit.last + _AFTER, *(o.hedge_first for o in others if o.first >= hit.last)]
    )
    found = {
        r
        for i in range(lo, hi)
        if not hit.first <= i < hit.last
        for r in [_role_at(toks, i, lex)]
        if r
    }
    if hit.last == hit.first + 1 and hit.low == 2 and hit.qualifier.value == "exact":
        own = _role_at(toks, hit.first, lex)  # a dual names its own people: "جنديين"
        if own:
            found.add(own)
    return next((r for r in ROLE_PRIORITY if r in found), None)


def figure_unit(toks: Sequence[Tok], hit: NumberHit) -> str | None:
    """The counted noun: the word right after the figure (a dual is its own unit)."""
    if hit.last < len(toks) and not toks[hit.last].norm.isdigit():
        return toks[hit.last].text.strip("،,.")
    return None
