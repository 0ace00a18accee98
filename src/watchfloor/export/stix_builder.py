"""The STIX objects of incidents: a report per incident with its location, identities,
threat actors, incident object, relationships and a note or opinion per claim (export/stix.py
says what goes where and writes the bundle)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

import stix2

from watchfloor.export.facts import actor_facts, latest_published
from watchfloor.export.stix_ids import EPOCH, EXTENSIONS, stix_id
from watchfloor.export.stix_places import countries, location_fields
from watchfloor.export.tlp import marking_id, rank
from watchfloor.model.incidents import Claim, Incident, Origin
from watchfloor.model.mentions import Evidence
from watchfloor.model.provenance import SourceKind, StatementKind
from watchfloor.model.serialize import to_plain
from watchfloor.resolve.ontology import Ontology

__all__ = ["Builder"]

# Actor types exported as threat actors; the rest (states, agencies, outlets) are identities.
_THREAT_TYPES = frozenset({"armed_group", "militia"})
# Claims in an author's own voice are opinions about the incident, not reports of it.
_OPINION_KINDS = {
    StatementKind.OPINION: "agree",
    StatementKind.UNSUPPORTED_ASSERTION: "agree",
    StatementKind.CALL_TO_ACTION: "neutral",
    StatementKind.QUESTION: "neutral",
}
_IDENTITY_CLASS = {
    SourceKind.OUTLET: "organization",
    SourceKind.ACTOR: "organization",
    SourceKind.PERSON: "individual",
    SourceKind.AUTHOR: "individual",
    SourceKind.VAGUE: "unknown",
    SourceKind.PARTNER: "organization",
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


class Builder:
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
                extensions=EXTENSIONS,
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
            "extensions": EXTENSIONS,
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
        info = countries().get(code.upper())
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
        fields = location_fields(incident.place) if incident.place else None
        if fields is None:
            return None
        place = incident.place
        assert place is not None
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
            "extensions": EXTENSIONS,
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
                extensions=EXTENSIONS,
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
