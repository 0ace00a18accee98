"""STIX 2.1 bundles built with the stix2 library: a report per incident, with its provenance.

Per incident: a `report` whose `object_refs` hold a `location`, an `identity` per outlet and
per origin, a `threat-actor` per armed group (other actors are identities), and one `note`
per claim stated as fact or an `opinion` per claim in an author's own voice. Every object
carries a TLP 2.0 marking (export/tlp.py): its incident's, or the most restrictive of the
incidents that share it (an outlet's identity). watchfloor's own data travels in top-level
`x_watchfloor_*` properties declared by one extension definition (a
"toplevel-property-extension"), which validates in stix2-validator's strict mode;
docs/exports.md documents each property.

Ids are deterministic: a UUIDv5 of the object's key in watchfloor's namespace, with the
version bits set to 4 because STIX 2.1 asks SDOs for UUIDv4 and strict validation enforces it.
Re-exporting the same incidents therefore gives the same ids, so partners can upsert.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

import stix2

from watchfloor.export.credits import credit_text
from watchfloor.export.stix_builder import Builder
from watchfloor.export.stix_ids import (
    EPOCH,
    EXTENSION_ID,
    EXTENSION_PROPERTIES,
    NAMESPACE,
    PUBLIC_LEVEL,
    SCHEMA,
    TLP,
    desk_identity,
    stix_id,
)
from watchfloor.export.tlp import DEFAULT_LEVEL, marking_id, normalise_level, rank
from watchfloor.model.incidents import Incident
from watchfloor.model.mentions import Evidence

__all__ = [
    "EPOCH",
    "EXTENSION_ID",
    "NAMESPACE",
    "TLP",
    "desk_identity",
    "stix_id",
    "stix_objects",
    "write_stix",
]


def stix_objects(
    incidents: Iterable[Incident],
    *,
    desk: str = "watchfloor",
    tlp: str = DEFAULT_LEVEL,
    quote_of: Callable[[Evidence], str | None] | None = None,
    url_of: Callable[[str], str | None] | None = None,
    hash_of: Callable[[str], str | None] | None = None,
    marking_of: Callable[[Incident], str] | None = None,
) -> list[Any]:
    """Every STIX object for these incidents: desk, extension definition, markings, then data.

    `tlp` is the least marking of every object; `marking_of` gives an incident's own level
    (raised by an analyst), and the more restrictive of the two marks its objects.
    """
    floor = normalise_level(tlp)
    identity = desk_identity(desk, marked=True)
    builder = Builder(identity, floor, quote_of, url_of, hash_of)
    extension = stix2.ExtensionDefinition(
        id=EXTENSION_ID,
        created_by_ref=identity.id,
        name="watchfloor provenance",
        description="Incidents with every claim, its attribution chain and its figures, as "
        "watchfloor keeps them. " + credit_text(),
        schema=SCHEMA,
        version="1.0.0",
        extension_types=["toplevel-property-extension"],
        extension_properties=list(EXTENSION_PROPERTIES),
        created=EPOCH,
        modified=EPOCH,
        object_marking_refs=[marking_id(PUBLIC_LEVEL)],  # what the properties mean is public
    )
    for incident in incidents:
        own = normalise_level(marking_of(incident)) if marking_of else floor
        builder.level = own if rank(own) > rank(floor) else floor
        builder.add_incident(incident)
    builder.finish()
    # The TLP 2.0 marking definitions have fixed, well-known OASIS ids (export/tlp.py) that every
    # STIX consumer knows; the interop profile wants every object's producer named, which these
    # standard definitions cannot carry, so objects reference them without repeating them.
    return [identity, extension, *builder.objects.values()]


def write_stix(
    incidents: Iterable[Incident],
    out: TextIO,
    *,
    desk: str = "watchfloor",
    tlp: str = DEFAULT_LEVEL,
    quote_of: Callable[[Evidence], str | None] | None = None,
    url_of: Callable[[str], str | None] | None = None,
    hash_of: Callable[[str], str | None] | None = None,
    marking_of: Callable[[Incident], str] | None = None,
) -> int:
    """Write a STIX 2.1 bundle of the incidents; returns how many reports it holds.

    Args:
        incidents: what to export.
        out: text stream for the bundle's JSON.
        desk: the producing desk's name (its identity is every object's creator).
        tlp: least TLP 2.0 marking of every object: clear, green, amber, amber+strict or red.
        quote_of: looks up the sentence a claim was read in, quoted in its note.
        url_of: looks up a document's URL, kept as the claim's external reference.
        hash_of: looks up the SHA-256 of a document's raw bytes, kept beside its URL.
        marking_of: an incident's own TLP level (an analyst's marking); the more restrictive
            of it and `tlp` marks the incident's objects.
    """
    incidents = list(incidents)
    objects = stix_objects(
        incidents,
        desk=desk,
        tlp=tlp,
        quote_of=quote_of,
        url_of=url_of,
        hash_of=hash_of,
        marking_of=marking_of,
    )
    key = "|".join(sorted(i.id for i in incidents))
    bundle = stix2.Bundle(objects=objects, id=stix_id("bundle", f"{desk}|{key}"), allow_custom=True)
    # Re-serialise with sorted keys so that re-exports are byte-identical.
    out.write(
        json.dumps(json.loads(bundle.serialize()), indent=2, sort_keys=True, ensure_ascii=False)
    )
    out.write("\n")
    return len(incidents)
