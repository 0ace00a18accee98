"""STIX for OpenCTI/MISP: incidents as a graph (incident, actors, places, linked incidents)."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import incident_factory as F
from watchfloor.export.stix import stix_id, write_stix
from watchfloor.model.incidents import IncidentLink, RelationKind


def _objects(incidents) -> list[dict]:
    out = io.StringIO()
    write_stix(incidents, out)
    return json.loads(out.getvalue())["objects"]


def _relations(objects) -> set[tuple[str, str, str]]:
    return {
        (o["source_ref"].split("--")[0], o["relationship_type"], o["target_ref"].split("--")[0])
        for o in objects
        if o["type"] == "relationship"
    }


def test_every_incident_is_an_incident_related_to_its_actors_and_place() -> None:
    incident = F.make_incident()
    objects = _objects([incident])
    [sdo] = [o for o in objects if o["type"] == "incident"]
    assert sdo["id"] == stix_id("incident", incident.id)
    assert sdo["external_references"][0]["external_id"] == incident.id
    relations = _relations(objects)
    assert ("incident", "related-to", "location") in relations
    assert ("incident", "related-to", "threat-actor") in relations
    report = next(o for o in objects if o["type"] == "report")
    assert sdo["id"] in report["object_refs"]
    by_id = {o["id"]: o for o in objects}
    described = [
        o["description"]
        for o in objects
        if o["type"] == "relationship" and by_id[o["target_ref"]]["type"] == "threat-actor"
    ]
    assert any("actor1" in d for d in described)


def test_actors_with_a_country_are_located_at_it_with_a_region() -> None:
    objects = _objects([F.make_incident()])
    assert ("threat-actor", "located-at", "location") in _relations(objects)
    countries = [o for o in objects if o["type"] == "location" and "latitude" not in o]
    assert countries and all(o["region"] == "asia" for o in countries)


def test_threat_actors_carry_the_interop_fields_and_say_they_are_not_assessed() -> None:
    actors = [o for o in _objects([F.make_incident()]) if o["type"] == "threat-actor"]
    assert actors
    for actor in actors:
        assert actor["threat_actor_types"] == ["unknown"]
        assert "not assessed" in actor["description"]


def test_linked_incidents_are_related_only_when_both_are_exported() -> None:
    first = F.make_incident()
    second = F.make_incident(F.seed_claims()[:1], seed="evm-far")
    link = IncidentLink(first.id, second.id, next(iter(RelationKind)), "follows the escape")
    first = replace(first, related=(link,))
    both = _objects([first, second])
    pairs = [
        (o["source_ref"], o["target_ref"])
        for o in both
        if o["type"] == "relationship" and o["target_ref"].startswith("incident--")
    ]
    assert pairs == [(stix_id("incident", first.id), stix_id("incident", second.id))]
    alone = _objects([first])
    assert not any(
        o["type"] == "relationship" and o["target_ref"].startswith("incident--") for o in alone
    )
