"""Toponyms inside names: "Cottonport Fire Station", "Otter Tail County Road", "Dublin City
Council", "University of Pennsylvania".

An entity whose whole text is no place may begin with one: the longest leading run of tokens
that the gazetteer knows exactly is the toponym. What follows decides what the name says about
where things happen. A facility or a road ("Fire Station", "County Road", "Sheriff's Office",
"Airport") stands at that place: the toponym is where an event there happened. An organisation
("City Council", "Public Utilities department", a newspaper, a club, a ministry) is only named
after it: the toponym is still a toponym (a geoparser reports it) but it places no event.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from watchfloor.resolve.gazetteer import Gazetteer

__all__ = [
    "BODY_WORDS",
    "LOCATED_WORDS",
    "NATURAL_WORDS",
    "InnerToponym",
    "inner_toponym",
    "known_as",
]

# Head words of names that stand at the place they begin with.
LOCATED_WORDS = frozenset(
    {
        "road",
        "street",
        "avenue",
        "highway",
        "bridge",
        "station",
        "office",
        "airport",
        "hospital",
        "school",
        "church",
        "mosque",
        "market",
        "square",
        "stadium",
        "dam",
        "prison",
        "jail",
        "camp",
        "base",
        "port",
        "harbor",
        "harbour",
        "courthouse",
        "jailhouse",
        "fairgrounds",
        "fairground",
        "library",
        "plant",
        "mill",
        "mine",
        "field",
        "lake",
        "river",
        "creek",
        "beach",
        "park",
        "mall",
        "center",
        "centre",
        "hall",
    }
)
# Generic words of natural features and parks. After a place's name they name a feature at or
# along it ("Kanawha River", "Sacramento River"); before a name they start a name of their own
# ("Lake Robinson", "Mount Hood", "Gulf of Mexico"), which says nothing of a town "Robinson".
NATURAL_WORDS = frozenset(
    {
        "lake",
        "lakes",
        "river",
        "creek",
        "mount",
        "mountain",
        "mountains",
        "bay",
        "gulf",
        "falls",
        "island",
        "islands",
        "valley",
        "hill",
        "hills",
        "park",
        "springs",
        "beach",
        "forest",
        "woods",
        "reservoir",
        "canyon",
        "peak",
        "pond",
        "sea",
        "ocean",
        "glacier",
    }
)
# Words of the names of bodies and offices named after a place.
BODY_WORDS = frozenset(
    [
        "police",
        "sheriff",
        "fire",
        "rescue",
        "ems",
        "herald",
        "times",
        "news",
        "tribune",
        "journal",
        "gazette",
        "post",
        "press",
        "courier",
        "observer",
        "chronicle",
        "telegraph",
        "council",
        "school",
        "schools",
        "district",
        "department",
        "university",
        "college",
        "academy",
        "club",
        "board",
        "commission",
        "authority",
        "association",
        "ministry",
        "government",
        "city",
        "town",
        "township",
        "village",
        "county",
        "parish",
        "metro",
        "metropolitan",
        "state",
        "mayor",
        "chief",
        "governor",
        "officials",
        "party",
        "democratic",
        "republican",
        "democrats",
        "republicans",
        "international",
        "regional",
        "central",
        "unified",
        "independent",
        "public",
        "community",
        "development",
        "court",
        "transit",
        "water",
        "waste",
        "solid",
        "utilities",
        "services",
        "service",
        "special",
        "education",
        "criminal",
        "justice",
        "guard",
        "patrol",
        "marshal",
        "corrections",
        "company",
        "bank",
        "chamber",
        "commerce",
        "institute",
        "foundation",
        "society",
        "union",
        "league",
        "boy",
        "girl",
        "scouts",
        "guides",
        "federal",
        "national",
        "area",
        "areas",
        "region",
        "metro",
        "downtown",
        "greater",
        "historic",
        "fair",
        "mayor",
    ]
)
_MAX_TOKENS = 4
_UNITS = ("County", "Parish")  # "Pointe Coupee Sheriff's Office": Pointe Coupee Parish


def known_as(gaz: Gazetteer, head: str) -> str | None:
    """The name under which the gazetteer knows the head of a name, if it does."""
    if gaz.knows(head):
        return head
    for unit in _UNITS:
        if gaz.knows(f"{head} {unit}"):
            return f"{head} {unit}"
    return None


@dataclass(frozen=True, slots=True)
class InnerToponym:
    """A toponym found at the start of a longer name; `located` when the name stands there."""

    start: int  # character offsets in the document
    end: int
    text: str
    located: bool
    query: str  # the name to look up: the text, or "Pointe Coupee Parish" for "Pointe Coupee"


def inner_toponym(gaz: Gazetteer, span: Span) -> InnerToponym | None:
    """The toponym an entity's name begins with, if the rest is not part of the place name."""
    tokens = [t for t in span if not t.is_punct or t.text in {"-", "."}]
    if len(tokens) < 2:
        return None
    first = 1 if tokens[0].lower_ == "the" else 0
    for width in range(min(_MAX_TOKENS, len(tokens) - 1 - first), 0, -1):
        head = span.doc[tokens[first].i : tokens[first + width - 1].i + 1]
        rest = span.doc[head.end : span.end]
        if not head.text[:1].isupper() or not len(rest) or not rest[0].text[:1].isupper():
            continue
        if head.text.lower() in gaz.rules.directions or gaz.is_stop_name(head.text):
            continue
        if head.text.lower() in NATURAL_WORDS:
            continue  # "Gulf of Mexico" is no place "Gulf"
        words = [t.lower_ for t in rest if t.is_alpha]
        located = any(w in LOCATED_WORDS or w.rstrip("s") in LOCATED_WORDS for w in words)
        query = known_as(gaz, head.text)
        if query is None:
            continue
        if not located and gaz.knows(rest.text):
            return None  # "Jordan Syria": a list of places, not a name
        return InnerToponym(head.start_char, head.end_char, head.text, located, query)
    return _after_of(gaz, span)


def _after_of(gaz: Gazetteer, span: Span) -> InnerToponym | None:
    """The toponym a name ends with after "of": "University of Pennsylvania", "Spina Bifida
    Association of Western Pennsylvania", "Port of Los Angeles" (a feature's own name, "Gulf
    of Mexico", is no toponym of this kind)."""
    ofs = [t.i for t in span if t.lower_ == "of" and t.i > span.start]
    if not ofs:
        return None
    tail = span.doc[ofs[-1] + 1 : span.end]
    if len(tail) and tail[0].lower_ == "the":
        tail = tail[1:]
    if not len(tail) or len(tail) > _MAX_TOKENS or not tail.text[:1].isupper():
        return None
    words = [t.lower_ for t in span.doc[span.start : ofs[-1]] if t.is_alpha]
    if NATURAL_WORDS.intersection(words) or gaz.is_stop_name(tail.text):
        return None
    query = known_as(gaz, tail.text)
    if query is None and gaz.resolve(tail.text) is not None:
        query = tail.text  # "Western Pennsylvania": a part of a known area
    if query is None:
        return None
    located = any(w in LOCATED_WORDS or w.rstrip("s") in LOCATED_WORDS for w in words)
    return InnerToponym(tail.start_char, tail.end_char, tail.text, located, query)
