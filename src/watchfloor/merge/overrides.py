"""Analyst overrides: merge, split and pin, applied as data after every clustering.

Overrides name event mentions (stable whatever the clustering does) or incident ids, and are
replayed in creation order after the machine has clustered, each time: so they survive
re-processing and new documents. A target that no longer resolves is skipped (logged).
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any, get_type_hints

from watchfloor.merge.claims import canonical_key
from watchfloor.model.incidents import Claim, Incident, Override, OverrideKind, incident_id
from watchfloor.model.serialize import from_plain, to_plain

__all__ = [
    "PINNABLE",
    "apply_pins",
    "merge_override",
    "pin_override",
    "regroup",
    "split_override",
]

logger = logging.getLogger(__name__)

# Fields an analyst may fix by hand; the rest are derived from the claims and must stay so.
PINNABLE = frozenset({"event_type", "family", "place", "start", "end", "corroboration"})


def merge_override(
    incidents: Sequence[Incident], author: str, created: datetime, note: str = ""
) -> Override:
    """An override saying these incidents are one; it names their first-reported mentions."""
    if len(incidents) < 2:
        raise ValueError("a merge needs at least two incidents")
    targets = tuple(sorted(i.claims[0].mention_id for i in incidents))
    return Override.build(OverrideKind.MERGE, targets, author, created, note=note)


def split_override(
    mention_ids: Sequence[str], author: str, created: datetime, note: str = ""
) -> Override:
    """An override saying these mentions are an incident of their own."""
    if not mention_ids:
        raise ValueError("a split needs the mentions to take out")
    return Override.build(
        OverrideKind.SPLIT, tuple(sorted(mention_ids)), author, created, note=note
    )


def pin_override(
    incident: Incident, field: str, value: Any, author: str, created: datetime, note: str = ""
) -> Override:
    """An override fixing one field of an incident; the value is checked against the field type."""
    if field not in PINNABLE:
        raise ValueError(f"cannot pin {field!r}; pinnable fields: {sorted(PINNABLE)}")
    text = json.dumps(to_plain(value), sort_keys=True)
    _pinned_value(field, text)  # raises if the value does not fit the field
    target = (incident.claims[0].mention_id,)
    return Override.build(OverrideKind.PIN, target, author, created, field, text, note)


def _pinned_value(field: str, text: str) -> Any:
    hint = get_type_hints(Incident, vars(__import__(Incident.__module__, fromlist=["_"])))[field]
    return from_plain(hint, json.loads(text))


def _ordered(overrides: Sequence[Override]) -> list[Override]:
    return sorted(overrides, key=lambda o: (o.created, o.id))


def _locate(target: str, clusters: list[list[Claim]]) -> int | None:
    """The cluster holding a mention id, or named by an incident id."""
    for number, claims in enumerate(clusters):
        if not claims:
            continue
        if any(c.mention_id == target for c in claims):
            return number
        if incident_id(min(claims, key=canonical_key).mention_id) == target:
            return number
    return None


def regroup(clusters: list[list[Claim]], overrides: Sequence[Override]) -> list[list[Claim]]:
    """Clusters after the merge and split overrides, replayed in creation order."""
    groups = [list(c) for c in clusters]
    for override in _ordered(overrides):
        if override.kind is OverrideKind.MERGE:
            found = sorted({n for t in override.targets if (n := _locate(t, groups)) is not None})
            if len(found) < 2:
                logger.info("override %s: fewer than two incidents found; skipped", override.id)
                continue
            for number in found[1:]:
                groups[found[0]].extend(groups[number])
                groups[number] = []
        elif override.kind is OverrideKind.SPLIT:
            wanted = set(override.targets)
            taken = [c for g in groups for c in g if c.mention_id in wanted]
            if not taken:
                logger.info("override %s: no mention found; skipped", override.id)
                continue
            groups = [[c for c in g if c.mention_id not in wanted] for g in groups]
            groups.append(taken)
    return [sorted(g, key=canonical_key) for g in groups if g]


def apply_pins(incident: Incident, overrides: Sequence[Override]) -> Incident:
    """The incident with the pins that target it applied, and every applied override recorded."""
    members = set(incident.mention_ids)
    applied = [
        o for o in _ordered(overrides) if any(t in members or t == incident.id for t in o.targets)
    ]
    changes: dict[str, Any] = {}
    for override in applied:
        if override.kind is not OverrideKind.PIN or override.field is None:
            continue
        if override.field not in PINNABLE or override.value is None:
            logger.warning("override %s: field %r cannot be pinned", override.id, override.field)
            continue
        try:
            changes[override.field] = _pinned_value(override.field, override.value)
        except (TypeError, ValueError, KeyError) as error:
            logger.warning("override %s: bad value (%s); skipped", override.id, error)
    if not applied:
        return incident
    return dataclasses.replace(
        incident,
        **changes,
        pinned=tuple(sorted(set(incident.pinned) | set(changes))),
        overrides=tuple(o.id for o in applied),
    )
