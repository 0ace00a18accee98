"""Places the statistical NER misses, recognised by the words around them.

- A dateline: "MANSFIELD — The council ...", "COLUMBUS, Ohio (AP) — ..." at the start of a
  line, after the headline or after the byline's date.
- A name used as a modifier of people or local bodies: "an Alexandria man", "Roselle police",
  "the Mansfield resident".
- A list of names before "counties"/"provinces"/"governorates": "Becker, Clay, Douglas and
  Grant counties" names four counties, each read as "X County" (or "X province").

- A town followed by its state or province: "Greer, South Carolina", "Lexington, Neb.", when
  a town of that name lies in that first-level area.

Each yields (start, end, query): the span of the name in the text and the name to look up.
Only names the gazetteer knows are kept, so the cue never invents a place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from watchfloor.model import Precision
from watchfloor.resolve.gazetteer import Gazetteer

__all__ = ["cue_places"]

_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"
# The dateline opens a line, or follows the headline's full stop or the byline's year
# ("March 15, 2009 NEWARK -- ..."); its state and agency may come before the dash.
_DATELINE = re.compile(
    r"(?m)(?:^|(?<=[.!?])|(?<=\d{4}))[ \t]*(?P<name>[A-Z][A-Z'’.-]+(?:[ \t]+[A-Z][A-Z'’.-]+){0,2})"
    r"(?:,[ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?)?[ \t]*(?:\([A-Z][\w ]*\)[ \t]*[—–-]*|[—–-]+)\s"
)
_MODIFIER = re.compile(
    rf"\b(?:[Aa]n?|[Tt]he|[Tt]wo|[Tt]hree|[Ss]everal)\s+(?P<name>{_NAME})\s+"
    r"(?:man|woman|men|women|resident|residents|native|teen|teenager|boy|girl|couple|family)\b"
    rf"|(?<![\w.])(?P<body>{_NAME})\s+(?:police|officials|residents)\b"
)
_LIST = re.compile(
    rf"(?P<names>{_NAME}(?:\s*,\s*{_NAME})*\s*,?\s+and\s+{_NAME})\s+"
    r"(?P<word>counties|provinces|governorates|districts)\b"
)
_IN_AREA = re.compile(
    rf"(?<![\w.])(?P<name>{_NAME}),[ \t]+(?P<area>[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?)(?=[\s,.;:)]|$)"
)
_LIST_WORD = {
    "counties": "County",
    "provinces": "province",
    "governorates": "governorate",
    "districts": "district",
}


def _known(gaz: Gazetteer, name: str) -> bool:
    return not gaz.is_stop_name(name) and gaz.knows(name)


def _in_area(gaz: Gazetteer, name: str, area: str) -> bool:
    """True when a town called `name` lies in the first-level area `area` names."""
    if not _known(gaz, name) or gaz.is_stop_name(area.rstrip(".")):
        return False
    unit = gaz.resolve(area)
    if unit is None or unit.precision is not Precision.GOVERNORATE or unit.admin1 is None:
        return False
    towns = [*gaz.candidates(name), *gaz.small_towns(name)]
    return any(p.country == unit.country_code and p.admin1 == unit.admin1 for p in towns)


def cue_places(gaz: Gazetteer, text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, query) of the places the cues above name."""
    for match in _DATELINE.finditer(text):
        name = match["name"].strip(" .")
        if len(name) > 2 and _known(gaz, name.title()):
            yield match.start("name"), match.start("name") + len(name), name.title()
    for match in _MODIFIER.finditer(text):
        group = "name" if match["name"] else "body"
        name = match[group]
        if _known(gaz, name):
            yield match.start(group), match.end(group), name
    for match in _IN_AREA.finditer(text):
        if _in_area(gaz, match["name"], match["area"]):
            yield match.start("name"), match.end("name"), match["name"]
    for match in _LIST.finditer(text):
        suffix = _LIST_WORD[match["word"]]
        for part in re.finditer(_NAME, match["names"]):
            name = part.group(0)
            if name in {"And"}:
                continue
            query = f"{name} {suffix}"
            if gaz.knows(query) or _known(gaz, name):
                start = match.start("names") + part.start()
                yield start, start + len(name), query
