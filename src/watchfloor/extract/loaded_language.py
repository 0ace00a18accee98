"""Loaded language and name calling found by pattern, beyond the packaged term lists.

Three patterns, each in the author's voice (the caller drops what lies inside a quotation):

- an emotive adjective or adverb: its valence in the VADER lexicon (Hutto & Gilbert 2014,
  MIT, shipped by the `vaderSentiment` package) is strong, |valence| >= 1.9 ("horrifying",
  "disastrous", "miserably"), or it is one of the packaged evaluative words;
- an intensified negative: an intensifier ("utterly", "so", "deeply") on a negative word
  ("utterly incompetent"), one marker over both;
- name calling: a judging modifier on a noun that names people or a group (a person,
  nationality or organisation entity, a noun of the `people_nouns` list, or a noun of the
  ideological `-ist` kind) — "killer cop", "radical leftist", "wretched compound" stays
  loaded language — and the packaged labels and dehumanising nouns (`loaded_terms`, tag
  `name_calling`).

Nouns and verbs are never marked by valence alone: in conflict reporting "killed", "attack"
and "war" describe, they do not load.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from watchfloor.resolve.ontology import load_lexicon

__all__ = ["LOADED_VALENCE", "PatternHit", "find_patterns", "valence"]

LOADED_VALENCE = 1.9  # |valence| from which an adjective or adverb reads as emotive
_JUDGING_VALENCE = 1.5  # an adjective that judges the person it names
# Valenced adjectives that mostly form titles and fixed names ("special forces", "grand mufti").
_TITLE_WORDS = frozenset({"special", "grand", "great", "supreme", "noble", "holy", "royal"})
_INTENSIFIERS = frozenset(
    {
        "utterly",
        "completely",
        "totally",
        "absolutely",
        "deeply",
        "so",
        "very",
        "extremely",
        "incredibly",
        "truly",
        "thoroughly",
        "hopelessly",
        "grossly",
        "wildly",
        "most",
        "entirely",
    }
)
# Everyday words with a valence that rarely load a text ("just", "free", "right", "true").
_PLAIN = frozenset(
    {
        "just",
        "free",
        "freely",
        "right",
        "wrong",
        "true",
        "good",
        "well",
        "best",
        "better",
        "like",
        "sure",
        "ok",
        "okay",
        "please",
        "fine",
        "clear",
        "clearly",
        "safe",
        "fair",
        "easy",
        "easily",
        "ready",
        "happy",
        "nice",
        "important",
        "interesting",
        "useful",
    }
)
_PEOPLE_ENTS = frozenset({"PERSON", "NORP", "ORG"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})

PatternHit = tuple[int, int, str]  # (first token, end token, "loaded" | "name_calling")


@cache
def _vader() -> dict[str, float]:
    """Word -> mean valence (-4 .. +4), read once from the vaderSentiment package's lexicon."""
    path = resources.files("vaderSentiment") / "vader_lexicon.txt"
    table: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            try:
                table[parts[0].lower()] = float(parts[1])
            except ValueError:
                continue
    return table


def valence(token: Token) -> float:
    """The VADER valence of a word or its lemma (0 when it has none)."""
    table = _vader()
    return table.get(token.lower_, table.get(token.lemma_.lower(), 0.0))


def _names_people(noun: Token) -> bool:
    """Whether a noun names people or a group."""
    if noun.ent_type_ in _PEOPLE_ENTS:
        return True
    lower, lemma = noun.lower_, noun.lemma_.lower()
    if lemma in load_lexicon("people_nouns") or lower in load_lexicon("people_nouns"):
        return True
    return noun.pos_ in ("NOUN", "PROPN") and lower.endswith(("ist", "ists"))


def _judging(token: Token, evaluative: dict[str, str]) -> bool:
    """A modifier that judges: a listed evaluative or loaded word, a clearly valenced
    adjective, or a noun that itself names people badly ("killer cop", not "rape gangs")."""
    lower = token.lower_
    if lower in evaluative or lower in load_lexicon("loaded_terms"):
        return True
    if lower in _PLAIN or lower in _TITLE_WORDS:
        return False
    if token.pos_ == "ADJ":
        return abs(valence(token)) >= _JUDGING_VALENCE
    people = load_lexicon("people_nouns")
    return (lower in people or token.lemma_.lower() in people) and valence(token) < 0


def find_patterns(span: Span) -> list[PatternHit]:
    """Pattern hits in a sentence, in token order, not overlapping one another."""
    evaluative = load_lexicon("evaluative")
    hits: list[PatternHit] = []
    taken: set[int] = set()

    def add(start: int, end: int, kind: str) -> None:
        if not taken.intersection(range(start, end)):
            hits.append((start, end, kind))
            taken.update(range(start, end))

    # Name calling first: a judging modifier on a noun naming people claims both words.
    for token in span:
        if token.dep_ not in _MODIFIER_DEPS or token.pos_ not in ("ADJ", "NOUN", "VERB"):
            continue
        head = token.head
        if head.i <= token.i or not span.start <= head.i < span.end:
            continue
        if _judging(token, evaluative) and _names_people(head):
            add(token.i, head.i + 1, "name_calling")
    for token in span:
        if token.i in taken or token.pos_ not in ("ADJ", "ADV"):
            continue
        value = valence(token)
        lower = token.lower_
        if lower in _INTENSIFIERS:
            target = token.head
            if target.i == token.i + 1 and valence(target) <= -1.0:
                add(token.i, target.i + 1, "loaded")
            continue
        if abs(value) >= LOADED_VALENCE and lower not in _PLAIN and lower not in _TITLE_WORDS:
            add(token.i, token.i + 1, "loaded")
    hits.sort()
    return hits
