"""What every watchfloor STIX object shares: deterministic ids, the epoch of shared objects,
the desk's identity and the extension that declares the `x_watchfloor_*` properties."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import stix2

from watchfloor.export.credits import credit_text
from watchfloor.export.tlp import TLP2, marking_id

__all__ = [
    "EPOCH",
    "EXTENSIONS",
    "EXTENSION_ID",
    "EXTENSION_PROPERTIES",
    "NAMESPACE",
    "PUBLIC_LEVEL",
    "SCHEMA",
    "TLP",
    "desk_identity",
    "stix_id",
]

NAMESPACE = uuid.UUID("6f0c7e52-3c1e-5d55-9a57-77617463686c")  # watchfloor's id namespace
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # created/modified of objects shared across incidents
# TLP 2.0 marking definitions by level (clear, green, amber, amber+strict, red).
TLP = TLP2
# The marking of what is the same in every export: the desk's identity, the extension.
PUBLIC_LEVEL = "clear"
EXTENSION_PROPERTIES = ("x_watchfloor_incident", "x_watchfloor_claim", "x_watchfloor_source")


def stix_id(object_type: str, key: str) -> str:
    """A deterministic STIX id: UUIDv5 of the key, stamped as version 4 for STIX validators."""
    digest = uuid.uuid5(NAMESPACE, f"{object_type}|{key}")
    return f"{object_type}--{uuid.UUID(bytes=digest.bytes, version=4)}"


EXTENSION_ID = stix_id("extension-definition", "watchfloor-provenance-v1")
EXTENSIONS = {EXTENSION_ID: {"extension_type": "toplevel-property-extension"}}
SCHEMA = (
    "x_watchfloor_incident (report): the watchfloor Incident as JSON (model.to_plain), with "
    "`claims` replaced by the list of claim mention ids. x_watchfloor_claim (note, opinion): "
    "one watchfloor Claim as JSON: mention id, document id, outlet, publication time, event "
    "type, attribution chain (publishing outlet first, origin last), statement kind, evidence "
    "span, figures with their own chains, actors, place and date. x_watchfloor_source "
    "(identity, threat-actor): {kind, key, actor_id, actor_type} of an outlet, origin or actor. "
    "See docs/exports.md in the watchfloor repository."
)


def desk_identity(desk: str, *, marked: bool = False) -> stix2.Identity:
    """The identity of the desk that produced the bundle (created_by_ref of every object).

    `marked` gives it TLP:CLEAR: who the desk is is public, and the same in every export.
    """
    extra = {"object_marking_refs": [marking_id(PUBLIC_LEVEL)]} if marked else {}
    return stix2.Identity(
        id=stix_id("identity", f"desk|{desk}"),
        name=desk,
        identity_class="organization",
        description=f"watchfloor monitoring desk. {credit_text()}",
        created=EPOCH,
        modified=EPOCH,
        # Interop: every identity names its producer; the desk produced itself.
        created_by_ref=stix_id("identity", f"desk|{desk}"),
        **extra,
    )
