"""Merge options and the type rules that say which event types may be one incident."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from watchfloor.config import MERGE_KM, MERGE_WINDOW_DAYS
from watchfloor.merge.sentences import SentenceEncoder

__all__ = ["DEFAULT_RULES", "FACETS", "MergeOptions", "TypeRules"]


def _frozen_map(mapping: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, slots=True)
class TypeRules:
    """Ontology knowledge merging needs: families, types that may be one incident, follow-ups.

    `families` maps an event type to its family (an unknown type is its own family);
    `same_incident` lists pairs of different types that may describe one happening (an attack
    on a prison and the escape it caused); `follow_ups` maps a type to the types it follows
    (a recapture follows an escape): such pairs are linked, never merged. `facets` lists pairs
    of types of different families that one happening may show at one place and time (the
    clashes and the car bomb of an attack on a prison): they merge only on the same facility,
    town or district within the window, like two types of one family.
    """

    families: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    same_incident: frozenset[frozenset[str]] = frozenset()
    follow_ups: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    facets: frozenset[frozenset[str]] = frozenset()

    def block_families(self, event_type: str) -> frozenset[str]:
        """What a type is filed and looked up under: its family, and one block per facet pair
        it is in (`fx:` + the pair), so facets meet each other and nothing else of the family."""
        found = {self.family(event_type)}
        for pair in self.facets:
            if event_type in pair:
                found.add("fx:" + "+".join(sorted(pair)))
        return frozenset(found)

    def is_facet(self, a: str, b: str) -> bool:
        """True when two types of different families may be facets of one happening."""
        return frozenset((a, b)) in self.facets

    def kin(self, a: str, b: str) -> bool:
        """True when two types are each one incident with a common third type (a listed pair
        or a facet of it): the clashes and the escape of one attack on a prison."""
        linked = (*self.same_incident, *self.facets)

        def around(code: str) -> set[str]:
            return {t for pair in linked if code in pair for t in pair if t != code}

        return bool(around(a) & around(b))

    def facet_kin(self, a: str, b: str) -> bool:
        """True when two types are facets of one happening: listed as a facet pair, or both
        listed as facets of one type (the clashes and the killing at a prison under attack)."""
        if self.is_facet(a, b):
            return True
        return any(a in pair and b not in pair and (pair - {a}) | {b} in self.facets
                   for pair in self.facets)  # fmt: skip

    def family(self, event_type: str) -> str:
        """The family of a type; a type the rules do not know is a family of its own."""
        return self.families.get(event_type, event_type)

    def is_follow_up(self, later: str, earlier: str) -> bool:
        """True when `later` is a follow-up of `earlier` (linked, not merged)."""
        return earlier in self.follow_ups.get(later, ())

    def antecedents(self, event_type: str) -> tuple[str, ...]:
        """Types this type follows up."""
        return self.follow_ups.get(event_type, ())

    def successors(self, event_type: str) -> tuple[str, ...]:
        """Types that follow this type up."""
        return tuple(sorted(t for t, before in self.follow_ups.items() if event_type in before))


def _families(table: Mapping[str, tuple[str, ...]]) -> Mapping[str, str]:
    return _frozen_map({t: family for family, types in table.items() for t in types})


# Defaults for the domain's types and PLOVER's, used until the caller builds rules from the
# packaged ontology. Families are coarse on purpose: within a family only the same type, or a
# listed pair, scores high enough to merge.
DEFAULT_RULES = TypeRules(
    families=_families(
        {
            "detention": (
                "prison_escape",
                "attack_on_detention_facility",
                "recapture",
                "detainee_transfer",
                "detention_transfer",
                "camp_security_incident",
                "repatriation",
            ),
            "violence": (
                "assault",
                "attack",
                "armed_attack",
                "territory_seized",
                "armed_clash",
                "ied",
                "explosion",
                "airstrike",
                "drone_strike",
                "shelling",
                "assassination",
                "kidnapping",
                "suicide_bombing",
            ),
            "security_operation": ("raid_and_arrest", "raid", "arrest", "coerce"),
            "territory": (
                "withdrawal",
                "territory_handover",
                "handover",
                "retreat",
                "border_fortification",
                "border_closure",
            ),
            "cooperation": ("agree", "agreement", "consult", "cooperate", "aid", "support"),
            "contention": ("accuse", "reject", "threaten", "protest", "sanction", "mobilize"),
        }
    ),
    same_incident=frozenset(
        {
            frozenset({"attack_on_detention_facility", "prison_escape"}),
            frozenset({"ied", "explosion"}),
            frozenset({"suicide_bombing", "explosion"}),
            frozenset({"raid_and_arrest", "raid"}),
            frozenset({"raid_and_arrest", "arrest"}),
            frozenset({"agree", "agreement"}),
        }
    ),
    follow_ups=MappingProxyType({"recapture": ("prison_escape", "attack_on_detention_facility")}),
)

# Types of other families that one happening of the detention family is told with: an attack
# on a detention site or camp (its clashes, car bomb, the inmates' riot), and a raid (the
# gunfight, the killing and the blast of a cornered target that it turned into).
_FACET_TYPES = {
    "attack_on_detention_facility": (
        "armed_clash", "armed_attack", "ied", "suicide_bombing", "shelling", "explosion",
        "attack", "assault", "riot",
    ),
    "camp_security_incident": ("armed_clash", "armed_attack", "assault", "attack"),
    "raid_arrest": ("armed_clash", "armed_attack", "suicide_bombing"),
    "raid_and_arrest": ("armed_clash", "armed_attack", "suicide_bombing"),
}  # fmt: skip
FACETS = frozenset(
    frozenset((facility, other)) for facility, others in _FACET_TYPES.items() for other in others
)
DEFAULT_RULES = dataclasses.replace(DEFAULT_RULES, facets=FACETS)

_KM_PER_DEGREE = 111.32


@dataclass(frozen=True, slots=True)
class MergeOptions:
    """Knobs of the merge stage; `pipeline` builds them from `Settings`.

    Args:
        window_days: days between two date intervals under which mentions may be one incident.
        merge_km: distance under which two town- or facility-level places may be one place.
        threshold: least compatibility score for a mention to join an incident.
        follow_up_days: how long after an incident a follow-up (recapture) may be linked to it.
        undated_days: a mention with no date is taken to fall in the days before publication.
        max_interval_days: longer (vaguer) date intervals merge only with each other.
        nested_km: two claimed points this close are the same place told twice (a prison and
            its town), not a discrepancy.
        rules: the type rules (families, same-incident pairs, follow-ups).
        encoder: a sentence encoder (`merge.sentences`) whose similarity of two reports'
            sentences may stand for one step of evidence and break ties; None: fields only.
    """

    window_days: int = MERGE_WINDOW_DAYS
    merge_km: float = MERGE_KM
    threshold: float = 0.5
    follow_up_days: int = 120
    undated_days: int = 7
    max_interval_days: int = 45
    nested_km: float = 5.0
    rules: TypeRules = DEFAULT_RULES
    encoder: SentenceEncoder | None = field(default=None, compare=False)

    @property
    def grid_degrees(self) -> float:
        """Grid cell size for precise points: at least merge_km wide, up to 45° latitude.

        A point looks up the 3×3 cells around its own, so any point within one cell width (at
        least merge_km) of it is found.
        """
        return self.merge_km / (_KM_PER_DEGREE * math.cos(math.radians(45)))
