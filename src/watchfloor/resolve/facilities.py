"""The facility register (prisons and camps as editable data) and where documents name them.

`data/facilities.yaml` is the one list of facilities: the gazetteer reads every entry as a
place, and the entries with a `register:` id (prisons, camps and centres an analyst tracks)
form the register, with their type, point, aliases and note. `FacilityRegister.mentions` finds the
facilities a sentence names: by name or alias as whole words, by a resolved place mention
whose text names the facility, or by a definite reference ("the prison", "this camp",
"the facility") to the facility of that type named just before. A facility given only as an
example ("camps like al-Hol", "prisons (including al-Shaddadi prison)") is marked so: the
sentence speaks of a group of facilities, so its figures are not that facility's.
`facility_claims.py` reads claims from these mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from watchfloor.errors import ConfigError
from watchfloor.model import AnnotatedDocument

__all__ = [
    "Facility",
    "FacilityMention",
    "FacilityRegister",
    "load_register",
    "read_data_yaml",
]

# Words that make a gazetteer name a facility's own name ("Hasakah prison"), not a place's
# ("Ghwayran", a neighbourhood as well as the prison).
_TYPE_WORDS = re.compile(
    r"\b(prison|jail|gaol|camp|centre|center|facility|detention|compound)s?\b", re.IGNORECASE
)
# A definite reference back to a facility named earlier in the document.
_REFERENCE = re.compile(
    r"\b(?:the|this|that|its)\s+(?:(?:same|main|damaged|overcrowded|sprawling|notorious|"
    r"makeshift|besieged)\s+)?(prison|jail|camp|facility|detention (?:centre|center))\b(?!s)",
    re.IGNORECASE,
)
_REFERENCE_TYPES = {"prison": "prison", "jail": "prison", "camp": "camp"}
# Words before a name that make it one example of several ("camps like al-Hol").
_EXAMPLE = re.compile(
    r"(?:\b(?:like|including|includes|include|such as|among them|e\.g\.)|\(including)\s*"
    r"(?:the\s+)?[\"“”']?$",
    re.IGNORECASE,
)
_LOOKBACK = 3  # sentences a definite reference may reach back over


@dataclass(frozen=True, slots=True)
class Facility:
    """One facility of the register: type, gazetteer place (if any), point and names."""

    id: str
    name: str
    type: str
    place_id: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...]
    note: str = ""

    @property
    def surfaces(self) -> tuple[str, ...]:
        """Every name the facility is matched by, longest first."""
        return tuple(sorted({self.name, *self.aliases}, key=lambda s: (-len(s), s)))


@dataclass(frozen=True, slots=True)
class FacilityMention:
    """A facility named in a sentence: where, how (name, place or reference), as an example?"""

    facility: Facility
    sentence: int
    start: int
    end: int
    text: str
    how: str  # "name", "place" or "reference"
    is_example: bool = False


def _normal(text: str) -> str:
    """Curly apostrophes and quotes as straight ones; same length, so offsets hold."""
    return text.translate(str.maketrans("’‘`ʼ", "''''"))


class FacilityRegister:
    """The facilities of the register, with an index of their names and gazetteer places."""

    def __init__(self, facilities: Iterable[Facility], version: str = "") -> None:
        self.facilities: dict[str, Facility] = {}
        self._by_place: dict[str, Facility] = {}
        for facility in facilities:
            if facility.id in self.facilities:
                raise ConfigError(f"facility register: id {facility.id!r} is used twice")
            self.facilities[facility.id] = facility
            if facility.place_id:
                self._by_place[facility.place_id] = facility
        self.version = version
        surfaces = {_normal(s).casefold(): f for f in self.facilities.values() for s in f.surfaces}
        self._by_surface = surfaces
        names = sorted(surfaces, key=lambda s: (-len(s), s))
        alternatives = "|".join(re.escape(n).replace(r"\ ", r"[\s-]+") for n in names)
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

    def __iter__(self) -> Any:
        """The facilities in register order."""
        return iter(self.facilities.values())

    def __len__(self) -> int:
        """How many facilities the register holds."""
        return len(self.facilities)

    def get(self, facility_id: str) -> Facility | None:
        """The facility with this id."""
        return self.facilities.get(facility_id)

    def by_place(self, place_id: str | None) -> Facility | None:
        """The facility whose gazetteer place this is."""
        return self._by_place.get(place_id) if place_id else None

    def find(self, text: str) -> list[tuple[Facility, int, int]]:
        """Facilities named in a text by name or alias, with their offsets in it."""
        found = []
        for match in self._pattern.finditer(_normal(text)):
            surface = re.sub(r"[\s-]+", " ", match.group(0).casefold())
            facility = self._by_surface.get(surface) or self._loose(surface)
            if facility is not None:
                found.append((facility, match.start(), match.end()))
        return found

    def _loose(self, surface: str) -> Facility | None:
        """A surface found with hyphens or spaces other than the register's."""
        for name, facility in self._by_surface.items():
            if re.sub(r"[\s-]+", " ", name) == surface:
                return facility
        return None

    def mentions(self, doc: AnnotatedDocument) -> list[FacilityMention]:
        """Every facility the document's sentences name or refer back to, in text order."""
        text = doc.document.text
        found: list[FacilityMention] = []
        last: dict[str, tuple[int, Facility]] = {}  # facility type -> (sentence, facility)
        for sentence in doc.sentences:
            here = self._named(doc, sentence.index, sentence.start, sentence.end)
            if not here:
                here = self._referred(text, sentence.index, sentence.start, sentence.end, last)
            for mention in here:
                # "the facility" reaches back to any type; "the camp" only to a camp.
                last[mention.facility.type] = (sentence.index, mention.facility)
                last["facility"] = (sentence.index, mention.facility)
            found.extend(here)
        return found

    def _named(
        self, doc: AnnotatedDocument, index: int, start: int, end: int
    ) -> list[FacilityMention]:
        """Facilities named in one sentence: by name, or by a resolved place mention."""
        text = doc.document.text
        chunk = text[start:end]
        spans: dict[tuple[int, int], FacilityMention] = {}
        for facility, a, b in self.find(chunk):
            spans[(start + a, start + b)] = self._mention(
                text, facility, index, start + a, start + b, "name"
            )
        for place in doc.places:
            if place.evidence.sentence != index:
                continue
            placed = self.by_place(place.place_id)
            # A place resolved to the facility counts only when its words name a facility:
            # a bare town name may resolve to the prison that bears it.
            if placed is None or not _TYPE_WORDS.search(place.text):
                continue
            a, b = place.evidence.start, place.evidence.end
            if not any(x <= a < y or a <= x < b for x, y in spans):
                spans[(a, b)] = self._mention(text, placed, index, a, b, "place")
        return [spans[k] for k in sorted(spans)]

    @staticmethod
    def _mention(
        text: str, facility: Facility, index: int, start: int, end: int, how: str
    ) -> FacilityMention:
        before = _normal(text[max(0, start - 30) : start])
        return FacilityMention(
            facility, index, start, end, text[start:end], how, bool(_EXAMPLE.search(before))
        )

    @staticmethod
    def _referred(
        text: str, index: int, start: int, end: int, last: dict[str, tuple[int, Facility]]
    ) -> list[FacilityMention]:
        """A definite reference to the facility of its type named in the last sentences."""
        for match in _REFERENCE.finditer(text[start:end]):
            word = match.group(1).casefold()
            kind = _REFERENCE_TYPES.get(word, "facility")
            held = last.get(kind)
            if held is None or index - held[0] > _LOOKBACK:
                continue
            a, b = start + match.start(), start + match.end()
            return [FacilityMention(held[1], index, a, b, text[a:b], "reference")]
        return []


def _facility(entry: dict[str, Any], places: dict[str, Any], where: str) -> Facility:
    """One register entry, completed from its gazetteer place."""
    for key in ("id", "name", "type"):
        if not entry.get(key):
            raise ConfigError(f"{where}: a facility needs `{key}`")
    place_id = entry.get("place")
    aliases = [str(a) for a in entry.get("aliases") or ()]
    lat, lon = entry.get("lat"), entry.get("lon")
    country, admin1 = entry.get("country"), entry.get("admin1")
    if place_id:
        place = places.get(place_id)
        if place is None:
            raise ConfigError(f"{where}: place {place_id!r} is not in the gazetteer supplement")
        lat, lon = (
            lat if lat is not None else place["lat"],
            lon if lon is not None else place["lon"],
        )
        country, admin1 = country or place.get("country"), admin1 or place.get("admin1")
        # The gazetteer's names that carry a type word are the facility's names too.
        aliases += [n for n in [place["name"], *place.get("aliases", [])] if _TYPE_WORDS.search(n)]
    return Facility(
        id=str(entry["id"]),
        name=str(entry["name"]),
        type=str(entry["type"]),
        place_id=place_id,
        country=country,
        admin1=admin1,
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        aliases=tuple(dict.fromkeys(aliases)),
        note=str(entry.get("note") or ""),
    )


def read_data_yaml(path: Path | None, name: str) -> Any:
    """A YAML file: an analyst's copy at `path`, else the packaged data file `name`."""
    try:
        if path is not None:
            return yaml.safe_load(path.read_text(encoding="utf-8"))
        return yaml.safe_load(
            (resources.files("watchfloor.resolve") / "data" / name).read_text(encoding="utf-8")
        )
    except OSError as exc:
        raise ConfigError(f"cannot read {path or name}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path or name} is not valid YAML: {exc}") from None


def load_register(path: Path | None = None) -> FacilityRegister:
    """The facility register: the packaged one, or an analyst's edited copy at `path`.

    The register is the entries of `facilities.yaml` that carry a `register:` id (one list
    for the gazetteer and the register). An analyst's copy may be a copy of that file, or a
    list in the older register layout (`id`, `type`, `place` or a point, `aliases`, `note`).
    """
    if path is None:
        return _packaged_register()
    return _build_register(read_data_yaml(path, "facilities.yaml"), str(path))


@cache
def _packaged_register() -> FacilityRegister:
    return _build_register(read_data_yaml(None, "facilities.yaml"), "facilities")


def _register_entry(entry: dict[str, Any]) -> dict[str, Any] | None:
    """A facilities.yaml entry in register terms; None when it is not in the register."""
    if "kind" not in entry:
        return entry  # the older register layout
    if not entry.get("register"):
        return None
    return {
        "id": entry["register"],
        "name": entry.get("name"),
        "type": entry.get("type") or entry.get("kind"),
        "place": entry.get("id"),
        # A bare alias ("Ghwayran", also a neighbourhood) names the place, not the facility.
        "aliases": [a for a in entry.get("aliases") or [] if _TYPE_WORDS.search(str(a))]
        + list(entry.get("register_bare") or []),
        "note": entry.get("note") or "",
    }


def _build_register(data: Any, where: str) -> FacilityRegister:
    if not isinstance(data, dict) or not isinstance(data.get("facilities"), list):
        raise ConfigError(f"{where}: a register is a mapping with a `facilities:` list")
    entries = data["facilities"]
    own = [e for e in entries if isinstance(e, dict) and "kind" in e]
    supplement = own or read_data_yaml(None, "facilities.yaml")["facilities"]
    places = {p["id"]: p for p in supplement}
    facilities = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: facilities[{i}] is not a mapping")
        item = _register_entry(entry)
        if item is not None:
            facilities.append(_facility(item, places, f"{where}: facilities[{i}]"))
    return FacilityRegister(facilities, version=f"{where}-v{data.get('version', 1)}")
