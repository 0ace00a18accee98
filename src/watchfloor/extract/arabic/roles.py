"""Actors in an Arabic event's roles: who acts (actor1), the other party (actor2), the target.

Without a parser the words around each actor decide, as the English reader decides from the
verb's subject and object and its prepositions (extract/events.py `_roles`):

- after بين ("between"), the actor and the one joined to it by و are actor1 and actor2;
- after مع ("with") the actor is the other party; after على، ضد، من، استهدف ("on", "against",
  "from", "targeted"), or one word after ("على حاجز لقسد"), it is the target;
- the first other actor (not the one who says so, not a media outlet) acts; a second actor
  after both it and the trigger, with no preposition before it, is the verb's object, the
  target: "هاجمت قسد مواقع داعش", "قسد هاجمت داعش".

The cue words are data (`lexicon_ar.yaml` `actor_roles`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NamedTuple

from watchfloor.extract.arabic.lexicon import ArabicLexicon
from watchfloor.extract.arabic.normalise import strip_clitics
from watchfloor.extract.arabic.tokens import Tok
from watchfloor.model import ActorMention

__all__ = ["Roles", "event_roles"]

_PREPOSITIONS = frozenset({"في", "الي", "عن", "من", "علي", "مع", "ضد", "بين", "منذ", "عند", "لدي"})


class Roles(NamedTuple):
    """The actors of one event by role (any may be None)."""

    actor1: ActorMention | None
    actor2: ActorMention | None
    target: ActorMention | None


def _cue(toks: Sequence[Tok], at: int, lo: int) -> str:
    return strip_clitics(toks[at - 1].norm)[0] if at > lo else ""


def _near(toks: Sequence[Tok], at: int, lo: int, words: Collection[str]) -> bool:
    """A cue word right before the actor, or one word before that ("على حاجز لقسد")."""
    return _cue(toks, at, lo) in words or (at - 1 > lo and _cue(toks, at - 1, lo) in words)


def event_roles(
    toks: Sequence[Tok],
    lo: int,
    trigger: int,
    actors: Sequence[tuple[int, ActorMention]],
    lex: ArabicLexicon,
    skip: Collection[str | None],
    skip_types: Collection[str | None],
) -> Roles:
    """Roles of the actors of the trigger's sentence (token position, mention), in order.

    `skip`: actor ids that only say so (the sentence's sources); `skip_types`: actor types
    that never act (media outlets, monitors).
    """
    cues = lex.actor_roles
    ordered = sorted(actors, key=lambda pair: pair[0])
    actor1 = actor2 = target = None
    used: set[int] = set()
    for n, (at, mention) in enumerate(ordered):
        cue = _cue(toks, at, lo)
        if cue in cues.get("between", ()) and actor1 is None:
            actor1 = mention
            used.add(n)
            if n + 1 < len(ordered) and toks[ordered[n + 1][0]].norm.startswith("و"):
                actor2 = ordered[n + 1][1]
                used.add(n + 1)
        elif cue in cues.get("actor2", ()) and actor2 is None and n not in used:
            actor2 = mention
            used.add(n)
        elif _near(toks, at, lo, cues.get("target", ())) and target is None and n not in used:
            target = mention
            used.add(n)
    rest = [
        (n, at, m)
        for n, (at, m) in enumerate(ordered)
        if n not in used and m.actor_id not in skip and m.actor_type not in skip_types
    ]
    if actor1 is None and rest:
        _, at1, actor1 = rest[0]
        rest = rest[1:]
        if target is None:
            # The verb's object: an actor after both the trigger and the agent, bare.
            following = [
                m
                for _, at, m in rest
                if at > max(at1, trigger) and _cue(toks, at, lo) not in _PREPOSITIONS
            ]
            target = following[0] if following else None
    return Roles(actor1, actor2, target)
