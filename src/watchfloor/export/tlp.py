"""TLP 2.0 markings as STIX 2.1 marking definitions, with their official OASIS ids.

The stix2 library ships only the TLP 1.0 definitions (TLP:WHITE/GREEN/AMBER/RED). TLP 2.0
(FIRST, 2022) is defined for STIX 2.1 by an OASIS property extension
(`extension-definition--60a3c5c5-…`, in the oasis-open cti-stix-common-objects repository): one
marking-definition per level, created 2022-10-01, with fixed ids that every STIX 2.1 tool
(OpenCTI, MISP) recognises. They are built here with the stix2 library from those values.

Levels are ordered: clear < green < amber < amber+strict < red. An object's marking is the
most restrictive of what applies to it; a collection's ceiling is the most restrictive level it
may serve. "white" (TLP 1.0) reads as clear.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import stix2

__all__ = [
    "DEFAULT_LEVEL",
    "LEVELS",
    "TLP2",
    "TLP2_EXTENSION_ID",
    "level_of_marking",
    "marking_definition",
    "marking_id",
    "most_restrictive",
    "normalise_level",
    "rank",
]

TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
_CREATED = "2022-10-01T00:00:00.000Z"
# The official ids of the TLP 2.0 marking definitions, from least to most restrictive.
_IDS = {
    "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
LEVELS: tuple[str, ...] = tuple(_IDS)
DEFAULT_LEVEL = "green"
# TLP 1.0 definitions (stix2.TLP_*) and their 2.0 reading, so partners on 1.0 are understood.
_TLP1 = {
    stix2.TLP_WHITE.id: "clear",
    stix2.TLP_GREEN.id: "green",
    stix2.TLP_AMBER.id: "amber",
    stix2.TLP_RED.id: "red",
}
_ALIASES = {"white": "clear", "amber_strict": "amber+strict", "amber-strict": "amber+strict"}


def normalise_level(level: str) -> str:
    """A TLP level as one of LEVELS ("TLP:AMBER", "white", "Amber+Strict" are accepted)."""
    text = level.strip().lower().removeprefix("tlp:")
    text = _ALIASES.get(text, text)
    if text not in _IDS:
        raise ValueError(f"unknown TLP level {level!r}; use one of {', '.join(LEVELS)}")
    return text


def rank(level: str) -> int:
    """Position of a level from 0 (clear) to 4 (red)."""
    return LEVELS.index(normalise_level(level))


def most_restrictive(levels: Iterable[str], default: str = DEFAULT_LEVEL) -> str:
    """The most restrictive of some levels (the default when there are none)."""
    found = [normalise_level(level) for level in levels]
    return max(found, key=LEVELS.index) if found else normalise_level(default)


def marking_id(level: str) -> str:
    """The official STIX id of a TLP 2.0 level."""
    return _IDS[normalise_level(level)]


def _definition(level: str) -> stix2.MarkingDefinition:
    return stix2.MarkingDefinition(
        id=_IDS[level],
        created=_CREATED,
        name=f"TLP:{level.upper()}",
        extensions={TLP2_EXTENSION_ID: {"extension_type": "property-extension", "tlp_2_0": level}},
    )


TLP2: dict[str, stix2.MarkingDefinition] = {level: _definition(level) for level in LEVELS}


def marking_definition(level: str) -> stix2.MarkingDefinition:
    """The TLP 2.0 marking-definition object of a level."""
    return TLP2[normalise_level(level)]


def level_of_marking(marking_ref: str, objects: dict[str, Any] | None = None) -> str | None:
    """The TLP level a marking reference stands for (2.0 or 1.0 ids, or a bundle's own TLP

    definition in `objects`), or None when it is not a TLP marking.
    """
    for level, known in _IDS.items():
        if known == marking_ref:
            return level
    if marking_ref in _TLP1:
        return _TLP1[marking_ref]
    definition = (objects or {}).get(marking_ref)
    if not isinstance(definition, dict):
        return None
    extension = (definition.get("extensions") or {}).get(TLP2_EXTENSION_ID)
    if isinstance(extension, dict) and isinstance(extension.get("tlp_2_0"), str):
        try:
            return normalise_level(extension["tlp_2_0"])
        except ValueError:
            return None
    inner = definition.get("definition")
    if definition.get("definition_type") == "tlp" and isinstance(inner, dict):
        try:
            return normalise_level(str(inner.get("tlp", "")))
        except ValueError:
            return None
    return None
