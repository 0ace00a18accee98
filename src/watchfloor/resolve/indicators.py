"""Indicators: standing figures defined in editable YAML.

`data/indicators.yaml` defines each indicator (its header comment gives the matching rules):
counted-noun patterns with roles, required words, an actor, a facility or facility type, an
area. `watchfloor.extract.indicators.read_indicator_points` turns a document's figures that
match into points.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from watchfloor.errors import ConfigError
from watchfloor.model import Quantity
from watchfloor.resolve.facilities import FacilityRegister, read_data_yaml

__all__ = [
    "Area",
    "Indicator",
    "IndicatorPattern",
    "load_indicators",
    "noun_head",
    "words_pattern",
]


@dataclass(frozen=True, slots=True)
class IndicatorPattern:
    """Counted nouns (rough singulars) and the roles they may have; None is "no role"."""

    nouns: frozenset[str]
    roles: frozenset[str | None]
    near: tuple[str, ...] = ()  # one of these must occur near the figure ("custody")


@dataclass(frozen=True, slots=True)
class Area:
    """Where an indicator's figures must lie: countries, governorates, or named in words."""

    countries: frozenset[str]
    admin1: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Indicator:
    """One standing figure: what it counts, about whom and where, and its change threshold."""

    id: str
    name: str
    unit: str
    patterns: tuple[IndicatorPattern, ...]
    actor: str | None = None
    actor_words: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()
    facility: str | None = None
    facility_type: str | None = None
    area: Area | None = None
    threshold: float = 0.3
    exclude: tuple[str, ...] = ()  # words near the figure that make it something else
    minimum: int = 0  # a standing figure is at least this (smaller ones count a group)

    def counts(self, quantity: Quantity, context: str = "") -> bool:
        """True when the figure's counted noun and role fit one of the patterns, with the
        pattern's `near` words in `context` (the text around the figure) when it has some."""
        head = noun_head(quantity.unit)
        for pattern in self.patterns:
            if head not in pattern.nouns or quantity.role not in pattern.roles:
                continue
            words = words_pattern(pattern.near)
            if words is None or words.search(context):
                return True
        return False


def noun_head(unit: str | None) -> str | None:
    """The counted noun's head as a rough singular: "ISIS detainees" -> "detainee"."""
    if not unit:
        return None
    word = unit.split()[-1].casefold().strip(".,;:'’\"")
    irregular = {"children": "child", "people": "person", "women": "woman", "men": "man"}
    if word in irregular:
        return irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


@cache
def words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """Whole words or phrases of a list (spaces also match hyphens), or None when empty."""
    listed = sorted({w for w in words if w}, key=len, reverse=True)
    if not listed:
        return None
    body = "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in listed)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def _indicator(entry: Any, where: str, register: FacilityRegister) -> Indicator:
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
        raise ConfigError(f"{where}: an indicator needs `id` and `name`")
    patterns = []
    for item in entry.get("patterns") or ():
        nouns = frozenset(str(n).casefold() for n in item.get("nouns") or ())
        roles = frozenset(None if r is None else str(r) for r in item.get("roles") or [None])
        if not nouns:
            raise ConfigError(f"{where}: every pattern needs `nouns`")
        near = tuple(str(w) for w in item.get("near") or ())
        patterns.append(IndicatorPattern(nouns, roles, near))
    if not patterns:
        raise ConfigError(f"{where}: an indicator needs at least one pattern")
    facility = entry.get("facility")
    if facility and register.get(facility) is None:
        raise ConfigError(f"{where}: facility {facility!r} is not in the register")
    area = entry.get("area")
    return Indicator(
        id=str(entry["id"]),
        name=str(entry["name"]),
        unit=str(entry.get("unit") or "people"),
        patterns=tuple(patterns),
        actor=entry.get("actor"),
        actor_words=frozenset(str(w).casefold() for w in entry.get("actor_words") or ()),
        words=tuple(str(w) for w in entry.get("words") or ()),
        facility=facility,
        facility_type=entry.get("facility_type"),
        area=Area(
            countries=frozenset(area.get("countries") or ()),
            admin1=frozenset(area.get("admin1") or ()),
            words=tuple(area.get("area_words") or ()),
        )
        if area
        else None,
        threshold=float(entry.get("threshold", 0.3)),
        exclude=tuple(str(w) for w in entry.get("exclude") or ()),
        minimum=int(entry.get("minimum", 0)),
    )


def load_indicators(
    path: Path | None = None, register: FacilityRegister | None = None
) -> tuple[Indicator, ...]:
    """The indicator definitions: the packaged file, or an analyst's edited copy at `path`."""
    from watchfloor.resolve.facilities import load_register

    register = register or load_register()
    if path is None:
        return _packaged(register)
    return _build(read_data_yaml(path, "indicators.yaml"), str(path), register)


@cache
def _packaged(register: FacilityRegister) -> tuple[Indicator, ...]:
    return _build(read_data_yaml(None, "indicators.yaml"), "indicators.yaml", register)


def _build(data: Any, where: str, register: FacilityRegister) -> tuple[Indicator, ...]:
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise ConfigError(f"{where}: an indicator file is a mapping with an `indicators:` list")
    found = [
        _indicator(entry, f"{where}: indicators[{i}]", register)
        for i, entry in enumerate(data["indicators"])
    ]
    ids = [i.id for i in found]
    if len(set(ids)) != len(ids):
        raise ConfigError(f"{where}: indicator ids must be unique")
    return tuple(found)
