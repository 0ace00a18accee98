"""STIX 2.1 export (validated with stix2-validator) and import of a partner's bundle."""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import replace

import pytest

import incident_factory as F
from watchfloor.errors import ExportError
from watchfloor.export.stix import EXTENSION_ID, write_stix
from watchfloor.export.stix_import import import_stix, read_stix, with_partner
from watchfloor.model import Source, SourceKind

stix2validator = pytest.importorskip("stix2validator", reason="stix2-validator (dev extra)")


def _bundle(incidents, **kwargs) -> str:
    out = io.StringIO()
    write_stix(incidents, out, **kwargs)
    return out.getvalue()


def _objects(text: str, kind: str) -> list[dict]:
    return [o for o in json.loads(text)["objects"] if o["type"] == kind]


@pytest.mark.parametrize(("strict", "interop"), [(False, False), (True, False), (True, True)])
def test_stix_bundle_validates(strict, interop) -> None:
    text = _bundle(
        [F.make_incident(), F.make_incident(seed="evm-other")],
        url_of=lambda d: f"https://example.org/{d}",
        hash_of=lambda d: "ab" * 32,
    )
    options = stix2validator.ValidationOptions(strict=strict, interop=interop)
    result = stix2validator.validate_string(text, options)
    messages = [str(m) for o in [result] for m in (*o.errors, *o.warnings)]
    assert result.is_valid and not messages, messages


def test_stix_bundle_has_report_location_identities_actors_claims_tlp() -> None:
    text = _bundle([F.make_incident()], tlp="amber")
    types = {o["type"] for o in json.loads(text)["objects"]}
    assert {"report", "location", "identity", "threat-actor", "note", "opinion"} <= types
    # The standard TLP definitions are referenced by their fixed ids, not repeated.
    assert "extension-definition" in types and "marking-definition" not in types
    (report,) = _objects(text, "report")
    assert report["x_watchfloor_incident"]["event_type"] == "prison_escape"
    assert report["extensions"][EXTENSION_ID]["extension_type"] == "toplevel-property-extension"
    (location,) = [o for o in _objects(text, "location") if "latitude" in o]
    assert (location["latitude"], location["longitude"], location["country"]) == (
        36.06,
        40.73,
        "SY",
    )
    names = {o["name"] for o in _objects(text, "identity")}
    assert {"Rudaw", "Al Jazeera", "SDF", "Strategic Council Online"} <= names
    assert {o["name"] for o in _objects(text, "threat-actor")} == {"ISIS", "SDF"}
    amber = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"  # TLP 2.0
    clear = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
    for obj in json.loads(text)["objects"]:
        if obj["type"] == "marking-definition":
            continue
        public = obj["type"] == "extension-definition" or obj.get("name") == "watchfloor"
        assert obj["object_marking_refs"] == [clear if public else amber], obj["id"]


def test_stix_opinion_piece_becomes_opinion_and_reports_become_notes() -> None:
    text = _bundle([F.make_incident()])
    (opinion,) = _objects(text, "opinion")
    assert opinion["x_watchfloor_claim"]["outlet"] == "Strategic Council Online"
    notes = _objects(text, "note")
    assert sorted(n["authors"][0] for n in notes) == ["Al Jazeera", "Rudaw"]
    rudaw = next(n for n in notes if n["authors"][0] == "Rudaw")
    assert rudaw["authors"] == ["Rudaw", "SDF"]


def test_stix_quotes_sentences_and_links_urls_when_given() -> None:
    text = _bundle(
        [F.make_incident()],
        quote_of=lambda ev: f"sentence {ev.sentence}",
        url_of=lambda doc: f"https://example.org/{doc}",
    )
    rudaw = next(n for n in _objects(text, "note") if n["authors"][0] == "Rudaw")
    assert "“sentence 1”" in rudaw["content"]
    assert rudaw["external_references"][0]["url"] == "https://example.org/doc-0001"


def test_stix_reexport_is_byte_identical() -> None:
    assert _bundle([F.make_incident()]) == _bundle([F.make_incident()])


def test_stix_import_keeps_claims_chains_and_origins(memory_store, tmp_path) -> None:
    original = F.make_incident()
    path = tmp_path / "partner.json"
    path.write_text(_bundle([original], desk="Desk B"), encoding="utf-8")
    report = import_stix(path, memory_store)
    assert (report.partner, report.claims, report.skipped) == ("Desk B", 3, ())
    desk = Source("Desk B", SourceKind.PARTNER)
    (stored,) = memory_store.incidents()
    assert stored.event_type == original.event_type
    assert stored.place is not None and original.place is not None
    assert stored.place.name == original.place.name and stored.start == original.start
    by_outlet = {c.outlet: c for c in stored.claims}
    for want in original.claims:
        got = by_outlet[want.outlet]
        assert got.mention_id != want.mention_id and got.mention_id.startswith("evp-")
        assert got.chain == (desk, *want.chain)  # the partner heads the chain
        assert got.origin == want.origin and got.kind == want.kind
        assert (got.evidence.start, got.evidence.end) == (want.evidence.start, want.evidence.end)
        assert [f.chain for f in got.figures] == [(desk, *f.chain) for f in want.figures]
        assert [f.quantity.text for f in got.figures] == [f.quantity.text for f in want.figures]
    assert stored.independent_origins == original.independent_origins


def test_stix_import_stores_synthetic_documents_for_notes(memory_store, tmp_path) -> None:
    path = tmp_path / "partner.json"
    path.write_text(_bundle([F.make_incident()], desk="Desk B"), encoding="utf-8")
    report = import_stix(path, memory_store)
    assert report.documents == 3
    docs = [memory_store.get_document(d) for d in memory_store.document_ids()]
    assert {d.source for d in docs} == {str(path)}
    assert {d.extras["partner"]["document_id"] for d in docs} == {
        "doc-0001",
        "doc-0002",
        "doc-0003",
    }


def test_stix_reimport_does_not_stack_the_partner() -> None:
    desk = Source("Desk B", SourceKind.PARTNER)
    chain = (Source("Rudaw", SourceKind.OUTLET),)
    assert with_partner(with_partner(chain, desk), desk) == (desk, *chain)


def test_stix_import_skips_reports_without_watchfloor_data() -> None:
    report_id = "report--0b5c5a8e-6f6c-4e5e-9a57-000000000002"
    report = {
        "type": "report",
        "spec_version": "2.1",
        "id": report_id,
        "created": "2026-01-01T00:00:00.000Z",
        "modified": "2026-01-01T00:00:00.000Z",
        "published": "2026-01-01T00:00:00.000Z",
        "name": "x",
        "object_refs": ["identity--0b5c5a8e-6f6c-4e5e-9a57-000000000003"],
    }
    bundle = {
        "type": "bundle",
        "id": "bundle--0b5c5a8e-6f6c-4e5e-9a57-000000000001",
        "objects": [report],
    }
    read = read_stix(json.dumps(bundle), source="b.json", partner="P")
    assert read.claims == () and read.skipped == (f"{report_id}: no x_watchfloor_incident",)


@pytest.mark.parametrize("text", ["not json", "[]", '{"type": "bundle"}'])
def test_stix_import_rejects_what_is_not_a_bundle(text) -> None:
    with pytest.raises(ExportError, match=r"WF-E001.*b\.json"):
        read_stix(text, source="b.json")


def test_stix_import_keeps_one_document_per_partner_report(memory_store, tmp_path) -> None:
    # Two claims the partner read from one report (doc-0001) and one from another: the two
    # become one stored document, so the merge reads them as one report, as the partner did.
    first, second, third = F.seed_claims()
    same_report = replace(
        second,
        document_id=first.document_id,
        outlet=first.outlet,
        published=first.published,
        evidence=replace(second.evidence, document_id=first.document_id),
    )
    path = tmp_path / "partner.json"
    path.write_text(
        _bundle([F.make_incident([first, same_report, third])], desk="Desk B"), encoding="utf-8"
    )
    report = import_stix(path, memory_store)
    assert (report.claims, report.documents) == (3, 2)
    claims = [c for i in memory_store.incidents() for c in i.claims]
    sizes = Counter(c.document_id for c in claims)
    assert sorted(sizes.values()) == [1, 2]
    joint = next(d for d, n in sizes.items() if n == 2)
    stored = memory_store.get_document(joint)
    assert stored is not None and stored.extras["partner"]["document_id"] == "doc-0001"
    assert len(stored.extras["partner"]["mention_ids"]) == 2
    assert all(c.evidence.document_id == c.document_id for c in claims)


def test_a_point_without_a_country_gets_the_region_interop_requires() -> None:
    # An area with a point but no country ("the Middle East" at its centre).
    where = replace(F.place("Middle East", 29.0, 41.0), country_code=None, admin1=None)
    text = _bundle([F.make_incident(where=where)])
    (location,) = [o for o in _objects(text, "location") if "latitude" in o]
    assert "country" not in location and location["region"] == "asia"
    options = stix2validator.ValidationOptions(strict=True, interop=True)
    result = stix2validator.validate_string(text, options)
    messages = [str(m) for m in (*result.errors, *result.warnings)]
    assert result.is_valid and not messages, messages
