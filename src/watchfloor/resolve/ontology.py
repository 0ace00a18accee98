"""The event ontology: watchfloor's event types with PLOVER and ACLED mappings and triggers.

The types live in `data/ontology.yaml` (versioned data, our own definitions). This module only
loads and indexes them; matching triggers against a parse is extraction's job, so the resolve
layer stays free of spaCy and of `watchfloor.extract`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from watchfloor.errors import ConfigError

__all__ = ["EventType", "Ontology", "Relation", "Trigger", "load_lexicon"]

_DEFAULT_POS = ("VERB", "NOUN")
_RELATIONS = frozenset({"follow_up", "precedes", "alternative"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """One way a type is named: lemmas or multiword phrases, with required sentence context.

    `context` lists lemmas of which at least one must occur in the trigger's sentence; an empty
    context means the trigger words are enough on their own. `objects`, when given, lists what
    the trigger's object must be (lemmas of its head noun, or PLACE for a named place or a
    place noun; ARMED for an armed side; FROM_PLACE when the trigger names the place left;
    ARMED_FROM when an armed side is moved out of a named place; ARMED_SIDE when one side of
    the verb is armed or not every side named is a state):
    "recaptured 20 escapees" is a recapture, "recaptured the town" is not.
    `agents`, when given, lists who must do it (STATE for a state or its forces, named or by
    demonym; ARMED for an armed side; else lemmas of the agent's head): "Israeli strike" is
    an air strike where a bare "strike" is not. `unless` lists lemmas whose presence in the
    sentence rules the trigger out ("thousands flee their homes" is no prison escape);
    `unless_own` lists lemmas that rule it out among the trigger's own modifiers and doers
    only ("a rail strike", "nurses strike", but not "a strike kills a general").
    `outcome` marks words that name what happened to people (killed) rather than the means:
    beside a trigger that names the means ("shelled ..., killing 4") they are one event, the
    means'.
    """

    lemmas: frozenset[str]
    phrases: tuple[str, ...]
    pos: frozenset[str]
    context: frozenset[str]
    objects: frozenset[str] = frozenset()
    outcome: bool = False
    agents: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()
    unless_own: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Relation:
    """A link between two types (`follow_up`: happens after; `alternative`: often co-reported)."""

    code: str
    relation: str


@dataclass(frozen=True, slots=True)
class EventType:
    """One event type: code, label, definition, family, PLOVER and ACLED mapping, triggers."""

    code: str
    label: str
    definition: str
    family: str
    plover_code: str | None
    plover_mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    triggers: tuple[Trigger, ...]
    related: tuple[Relation, ...]
    priority: int = 0
    figure_role: str | None = None  # what a figure attached to the trigger counts
    acled_by_actor_type: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def acled_pair(
        self, actor_type: str | None = None, country: str | None = None
    ) -> tuple[str | None, str | None]:
        """ACLED's (event_type, sub_event_type) for this type when actor1 has `actor_type`
        (a "type@CC" key, for an actor of country CC, wins over the plain type)."""
        for key in (f"{actor_type}@{country}" if actor_type and country else None, actor_type):
            if key and key in self.acled_by_actor_type:
                return self.acled_by_actor_type[key]
        return self.acled_event_type, self.acled_sub_event_type


class Ontology:
    """Event types by code, loaded from the packaged YAML; `version` stamps derived events."""

    def __init__(self, version: str, types: Mapping[str, EventType]) -> None:
        self.version = version
        self._types = dict(types)
        self._by_lemma: dict[str, list[tuple[EventType, Trigger]]] = {}
        self._phrases: list[tuple[str, EventType, Trigger]] = []
        for event_type in self._types.values():
            for trigger in event_type.triggers:
                for lemma in trigger.lemmas:
                    self._by_lemma.setdefault(lemma, []).append((event_type, trigger))
                for phrase in trigger.phrases:
                    self._phrases.append((phrase, event_type, trigger))
        # Longest phrases first, so "suicide car bomb" wins over "car bomb".
        self._phrases.sort(key=lambda item: -len(item[0]))
        self._check_relations()

    @classmethod
    @cache
    def load(cls) -> Ontology:
        """The packaged ontology (`resolve/data/ontology.yaml`), parsed once per process."""
        path = resources.files("watchfloor.resolve") / "data" / "ontology.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls.from_mapping(data)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Ontology:
        """Build an ontology from its YAML structure; a ConfigError names what is wrong."""
        try:
            version = str(data["version"])
            rows = data["types"]
        except (KeyError, TypeError) as exc:  # a malformed file, not a bug
            message = f"ontology data lacks {exc}; it needs `version` and `types`"
            raise ConfigError(message) from None
        types: dict[str, EventType] = {}
        for row in rows:
            event_type = _parse_type(row)
            if event_type.code in types:
                raise ConfigError(f"ontology type {event_type.code!r} is defined twice")
            types[event_type.code] = event_type
        return cls(version, types)

    def get(self, code: str) -> EventType:
        """The type with this code, or a ConfigError listing the known codes."""
        try:
            return self._types[code]
        except KeyError:
            raise ConfigError(
                f"unknown event type {code!r}; known: {', '.join(sorted(self._types))}"
            ) from None

    def __contains__(self, code: object) -> bool:
        return code in self._types

    def types(self) -> tuple[EventType, ...]:
        """Every type, in the file's order."""
        return tuple(self._types.values())

    def family(self, code: str) -> str:
        """The merge-blocking family of a type ("detention", "armed_conflict", ...)."""
        return self.get(code).family

    def related(self, code: str) -> tuple[Relation, ...]:
        """Types linked to this one, in both directions (a follow-up names its antecedent)."""
        own = self.get(code).related
        back = tuple(
            Relation(other.code, _inverse(rel.relation))
            for other in self._types.values()
            for rel in other.related
            if rel.code == code and all(r.code != other.code for r in own)
        )
        return own + back

    def lemma_triggers(self, lemma: str) -> tuple[tuple[EventType, Trigger], ...]:
        """Types (with the trigger rule) that a single lemma may name."""
        return tuple(self._by_lemma.get(lemma.lower(), ()))

    def phrase_triggers(self) -> Iterator[tuple[str, EventType, Trigger]]:
        """Every multiword trigger phrase with its type, longest first."""
        return iter(self._phrases)

    def _check_relations(self) -> None:
        for event_type in self._types.values():
            for rel in event_type.related:
                if rel.code not in self._types:
                    raise ConfigError(f"{event_type.code}: related type {rel.code!r} is unknown")


def _inverse(relation: str) -> str:
    """The relation seen from the other end."""
    return {"follow_up": "precedes", "precedes": "follow_up"}.get(relation, relation)


def _parse_type(row: Mapping[str, Any]) -> EventType:
    """One YAML row to an EventType, refusing unknown relations."""
    code = row.get("code")
    if not code:
        raise ConfigError(f"ontology row without a code: {row!r}")
    plover = row.get("plover") or {}
    acled = row.get("acled") or {}
    related = tuple(Relation(r["code"], r["relation"]) for r in row.get("related") or ())
    for rel in related:
        if rel.relation not in _RELATIONS:
            raise ConfigError(f"{code}: unknown relation {rel.relation!r}")
    triggers = tuple(
        Trigger(
            lemmas=frozenset(str(x).lower() for x in t.get("lemmas") or ()),
            phrases=tuple(str(x).lower() for x in t.get("phrases") or ()),
            pos=frozenset(t.get("pos") or _DEFAULT_POS),
            context=frozenset(str(x).lower() for x in t.get("context") or ()),
            objects=frozenset(str(x) for x in t.get("objects") or ()),
            outcome=bool(t.get("outcome", False)),
            agents=frozenset(str(x) for x in t.get("agents") or ()),
            unless=frozenset(str(x).lower() for x in t.get("unless") or ()),
            unless_own=frozenset(str(x).lower() for x in t.get("unless_own") or ()),
        )
        for t in row.get("triggers") or ()
    )
    return EventType(
        code=str(code),
        label=str(row.get("label", code)),
        definition=" ".join(str(row.get("definition", "")).split()),
        family=str(row.get("family", "other")),
        plover_code=plover.get("code"),
        plover_mode=plover.get("mode"),
        acled_event_type=acled.get("event_type"),
        acled_sub_event_type=acled.get("sub_event_type"),
        triggers=triggers,
        related=related,
        priority=int(row.get("priority", 0)),
        figure_role=row.get("figure_role"),
        acled_by_actor_type={
            str(actor_type): (str(pair["event_type"]), str(pair["sub_event_type"]))
            for actor_type, pair in (row.get("acled_by_actor_type") or {}).items()
        },
    )


@cache
def load_lexicon(name: str) -> dict[str, str]:
    """A packaged word list (`data/lexicons/<name>.txt`): lower-case entry -> tag ("" if none).

    One entry a line, `#` starts a comment, and `entry|tag` attaches a tag (the loaded-terms
    list tags name calling that way). The lists ship with the ontology because they are the
    same kind of thing: versioned knowledge the extractors read, not code.
    """
    path = resources.files("watchfloor.resolve") / "data" / "lexicons" / f"{name}.txt"
    if not path.is_file():
        raise ConfigError(f"no lexicon named {name!r} in watchfloor/resolve/data/lexicons")
    entries: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            entry, _, tag = line.partition("|")
            entries[" ".join(entry.split())] = tag.strip()
    return entries
