"""Which of the places found at one level (clause, sentence, paragraph) an event takes.

Reports name a happening's place from the finest to the coarsest: "in Masyaf town in Hama
countryside", "in Kani Masi town of Duhok", "in Aziziyeh village, Hasakeh". The later names
hold the earlier one (`nest`): they say which area it lies in, and the event happened at the
held place, not at the capital of the area that holds it — whatever precision the gazetteer
gave each name ("Al Amadiya district" resolves to the town of Amadiyah). An event placed in
an area takes the finest fitting place the text names inside it (`Nesting.finest`).

The areas a sentence names also judge its other names (`Nesting.fit`): a "Shaca" read as Uşak
in Turkey beside "Al Amadiya district of Duhok", or a village read in Salah ad-Din beside "Al
Muqdadiya district, Diyala", is the wrong reading of that name for this event; the event takes
a place that agrees with the areas named around it.

A name governed by "from" on a noun tells where someone came from ("IDPs from Aleppo",
"fighters from Raqqa"), not where the event happened: it goes after the others (`is_origin`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from watchfloor.model import PlaceMention, Precision
from watchfloor.model.geo import haversine_km

__all__ = ["Key", "Nesting", "is_origin", "key", "nest", "token_of", "tree_distance"]

Key = tuple[int, int]

_CUE = (
    r"(?:town|village|city|area|region|district|sub-?district|countryside|province|"
    r"governorate|neighbou?rhood|camp|axis|farms?|suburbs?|outskirts|desert|badia)"
)
_DIRECTION = r"(?:(?:north|south|east|west)(?:ern)?|(?:north|south)-?(?:east|west)(?:ern)?)"
# The words between a place and the name of the area that holds it.
_HELD_BY = re.compile(
    rf"^[)”’\"']?\s*(?:\([^()]{{0,40}}\)\s*)?(?:{_CUE}s?\s+)?"
    rf"(?:,|in|of|in\s+the\s+(?:{_DIRECTION}\s+)?(?:{_CUE}|vicinity)\s+of)"
    rf"\s*(?:the\s+)?(?:{_DIRECTION}\s+)?(?:(?:al|el|as|ash|ar|ad|an|at|az)[\s-])?$",
    re.IGNORECASE,
)
# A name that says it is an admin area; in brackets after a place it names the area holding
# it ("Avasin region (Mergasur district)"), else brackets give another spelling.
_NAMES_AREA = re.compile(
    r"\b(?:sub-?district|district|province|governorate|countryside)$", re.IGNORECASE
)
# After a comma, a further name of a list is no holder: "in Hama, Homs and Aleppo".
_LIST_GOES_ON = re.compile(r"^\s*(?:,|and\b|or\b|&)", re.IGNORECASE)
# How far from the point of a holder that says its size ("X city", "Y district") a name it
# holds may lie.
_REACH_KM = {"city": 30.0, "town": 30.0, "district": 50.0, "subdistrict": 40.0}
_SAID_SIZE = re.compile(r"\b(?:city|town|sub-?district|district)$", re.IGNORECASE)
# Precisions an unresolved village falls back to.
_FALLBACKS = frozenset({Precision.GOVERNORATE, Precision.REGION, Precision.COUNTRY})
_ADMIN = frozenset({Precision.GOVERNORATE, Precision.DISTRICT})
# Areas a sentence names outright, when no name holds another.
_AREA_PRECISIONS = frozenset({Precision.GOVERNORATE})


# Verbs that move their object: "from X" on the object is the event's place, not an origin.
_MOVING = frozenset(
    {"move", "withdraw", "pull", "evacuate", "transfer", "bring", "expel", "drive", "evict",
     "remove", "relocate", "deport", "repatriate", "smuggle", "oust", "extract", "rescue",
     "release", "free", "airlift", "take", "send", "transport", "bus", "escort"}
)  # fmt: skip


def key(place: PlaceMention) -> Key:
    """A place mention's span, its identity within a document."""
    return place.evidence.start, place.evidence.end


def token_of(parsed: Doc, place: PlaceMention) -> Token | None:
    """The root token of a place mention in the parse."""
    span = parsed.char_span(place.evidence.start, place.evidence.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def is_origin(parsed: Doc, place: PlaceMention) -> bool:
    """Whether the name is governed by "from": where someone came from, not where it happened."""
    token = token_of(parsed, place)
    if token is None:
        return False
    while token.dep_ in ("conj", "appos", "compound") and token.head.i != token.i:
        token = token.head
    # "IDPs from Aleppo", "fighters from Raqqa"; a verb's "from" may be its place ("a patrol
    # starting from the oil field", "withdrew from Manbij").
    if not (
        token.dep_ == "pobj"
        and token.head.lower_ == "from"
        and token.head.head.pos_ in ("NOUN", "PROPN")
    ):
        return False
    # "moved personnel from Afrin", "evacuated fighters from Baghuz": the object of a verb of
    # moving is moved from there, which is where the moving happened.
    noun = token.head.head
    return not (noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in _MOVING)


@dataclass(frozen=True)
class Nesting:
    """How the places of one sentence hold each other, and which readings do not fit."""

    held: dict[Key, PlaceMention]  # a place -> the name that holds it
    conflicting: frozenset[Key]  # readings outside the areas named around them
    holding: frozenset[Key]  # names that hold a fitting, finer place

    def fit(self, place: PlaceMention) -> tuple[bool, bool]:
        """(conflicts, holds a finer place): smaller is a better place for an event."""
        return key(place) in self.conflicting, key(place) in self.holding

    def finest(self, place: PlaceMention, places: Sequence[PlaceMention]) -> PlaceMention:
        """The innermost fitting place the text names inside this one ("Masyaf town in Hama
        countryside": Hama countryside -> Masyaf), or the place itself. A reading that does
        not fit gives way to the nearest fitting name holding it ("Digure village in Sinjar
        district" with Digure read 190 km away: Sinjar district)."""
        seen = {key(place)}
        while key(place) in self.conflicting and key(place) in self.held:
            holder = self.held[key(place)]
            if key(holder) in seen or holder.lat is None:
                break
            place = holder
            seen.add(key(place))
            if key(place) not in self.conflicting:
                return place
        inner = {
            key(self.held[key(p)]): p
            for p in places
            if key(p) in self.held and self._finer(p) and key(p) not in self.conflicting
        }
        seen = {key(place)}
        while key(place) in inner and key(inner[key(place)]) not in seen:
            place = inner[key(place)]
            seen.add(key(place))
        return place

    @staticmethod
    def _finer(place: PlaceMention) -> bool:
        # An unresolved village falls back to its governorate or country: nothing finer.
        return place.lat is not None and place.precision not in _FALLBACKS


def nest(
    places: Sequence[PlaceMention],
    text: str,
    origins: set[Key],
    supported: Callable[[PlaceMention], bool],
) -> Nesting:
    """The nesting of one sentence's places (see the module's description). `supported`
    says whether the report names other places in a place's admin area."""
    held = _holders(places, text, origins)
    conflicting = frozenset(key(p) for p in places if _conflicts(p, places, held, supported))
    holding = frozenset(
        key(outer)
        for inner, outer in held.items()
        if inner not in conflicting and Nesting._finer(next(p for p in places if key(p) == inner))
    )
    return Nesting(held, conflicting, holding)


def _holders(
    places: Sequence[PlaceMention], text: str, origins: set[Key]
) -> dict[Key, PlaceMention]:
    """Each place the text names as held by the name after it, with that holder.

    "Masyaf town in Hama countryside", "Kani Masi town of Duhok", "Breiha village, Deir ez
    Zor", "Mashraqa village in the southern countryside of Ein Issa in Ar Raqqa": the later
    names hold. A name said as an origin ("IDPs from Aleppo in ...") is held by nothing.
    """
    found: dict[Key, PlaceMention] = {}
    ordered = sorted(places, key=lambda p: p.evidence.start)
    for inner, outer in itertools.pairwise(ordered):
        if inner.evidence.sentence != outer.evidence.sentence or key(inner) in origins:
            continue
        if outer.evidence.start < inner.evidence.end:
            continue
        gap = text[inner.evidence.end : outer.evidence.start]
        bracketed = gap.strip() == "(" and _NAMES_AREA.search(outer.text) is not None
        if not (bracketed or _HELD_BY.match(gap)):
            continue
        if gap.strip(" ”’\"'") in ("", ",", "),") and _LIST_GOES_ON.match(
            text[outer.evidence.end : outer.evidence.end + 6]
        ):
            continue
        found[key(inner)] = outer
    return found


def _conflicts(
    place: PlaceMention,
    around: Sequence[PlaceMention],
    held: dict[Key, PlaceMention],
    supported: Callable[[PlaceMention], bool],
) -> bool:
    """Whether a reading lies outside the areas its sentence names, so that it cannot be the
    event's place: outside the outermost name holding it (when that one is trusted), too far
    from a city or district said to hold it ("Al Laylia neighborhood in Al-Hasakeh city" is
    no village 60 km away), or, held by nothing, outside every outermost area the sentence
    names (else every governorate or area it names as such: "in Mount Sinjar district near
    Sardashti camp").
    """
    holder = held.get(key(place))
    if holder is not None:
        if _too_far(place, holder):
            return True
        top, seen = holder, {key(place)}
        while key(top) in held and key(top) not in seen:
            seen.add(key(top))
            top = held[key(top)]
        # A holder read as a town nothing else in the report lies near may be the misread
        # one ("Qara in Qalamoun" with Qalamoun read in Lebanon): it judges nothing.
        trusted = top.precision in _ADMIN or _NAMES_AREA.search(top.text) or supported(top)
        return bool(trusted) and _outside(place, [top])
    holding = {key(p) for p in held.values()}
    areas = [p for p in around if key(p) in holding and key(p) not in held]
    if not areas:
        areas = [
            p
            for p in around
            if (p.precision in _AREA_PRECISIONS or _NAMES_AREA.search(p.text))
            and key(p) != key(place)
        ]
    if key(place) in {key(a) for a in areas}:
        return False
    return _outside(place, areas)


def _outside(place: PlaceMention, areas: Sequence[PlaceMention]) -> bool:
    countries = {a.country_code for a in areas if a.country_code}
    if place.country_code and countries and place.country_code not in countries:
        return True
    admins = {a.admin1 for a in areas if a.admin1}
    return bool(place.admin1 and admins and place.admin1 not in admins)


def _too_far(place: PlaceMention, holder: PlaceMention) -> bool:
    said = _SAID_SIZE.search(holder.text)
    if said is None:
        return False
    if place.lat is None or place.lon is None or holder.lat is None or holder.lon is None:
        return False
    limit = _REACH_KM[said.group(0).lower().replace("-", "")]
    return haversine_km(place.lat, place.lon, holder.lat, holder.lon) > limit


def tree_distance(first: Token, second: Token) -> int:
    """Edges between two tokens of one parse (a large number across sentences)."""
    if first.sent.start != second.sent.start:
        return 1000
    path = {node.i: depth for depth, node in enumerate((first, *first.ancestors))}
    for depth, node in enumerate((second, *second.ancestors)):
        if node.i in path:
            return depth + path[node.i]
    return 1000
