"""STIX 2.1 export (validated with stix2-validator) and import of a partner's bundle."""

from __future__ import annotations

import io
import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from watchfloor.errors import ExportError
from watchfloor.export.stix import EXTENSION_ID, write_stix
from watchfloor.export.stix_import import import_stix, read_stix, with_partner
from watchfloor.model import Source, SourceKind

sys.path.insert(0, str(Path(__file__).resolve().parent))
import incident_factory as F

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
    amber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
    assert all(amber in o.get("object_marking_refs", [amber]) for o in json.loads(text)["objects"])


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


def test_stix_import_round_trips_incidents_claims_and_chains(memory_store, tmp_path) -> None:
    originals = [F.make_incident(), F.make_incident(seed="evm-other")]
    path = tmp_path / "partner.json"
    path.write_text(_bundle(originals, desk="Desk B"), encoding="utf-8")
    report = import_stix(path, memory_store)
    assert (report.partner, report.incidents, report.skipped) == ("Desk B", 2, ())
    desk = Source("Desk B", SourceKind.PARTNER)
    for original in originals:
        stored = memory_store.get_incident(original.id)
        assert stored is not None
        assert [c.mention_id for c in stored.claims] == [c.mention_id for c in original.claims]
        for got, want in zip(stored.claims, original.claims, strict=True):
            assert got.chain == (desk, *want.chain)  # the partner heads the chain
            assert got.origin == want.origin and got.evidence == want.evidence
            assert [f.chain for f in got.figures] == [(desk, *f.chain) for f in want.figures]
        unpartnered = replace(
            stored,
            claims=tuple(
                replace(
                    c,
                    chain=c.chain[1:],
                    figures=tuple(replace(f, chain=f.chain[1:]) for f in c.figures),
                )
                for c in stored.claims
            ),
            figures=tuple(
                replace(r, sources=tuple(replace(s, chain=s.chain[1:]) for s in r.sources))
                for r in stored.figures
            ),
        )
        assert unpartnered == original
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
    bundle = {
        "type": "bundle",
        "id": "bundle--0b5c5a8e-6f6c-4e5e-9a57-000000000001",
        "objects": [{"type": "report", "id": "report--1", "name": "x", "object_refs": []}],
    }
    read = read_stix(json.dumps(bundle), source="b.json", partner="P")
    assert read.incidents == () and read.skipped == ("report--1: no x_watchfloor_incident",)


@pytest.mark.parametrize("text", ["not json", "[]", '{"type": "bundle"}'])
def test_stix_import_rejects_what_is_not_a_bundle(text) -> None:
    with pytest.raises(ExportError, match=r"WF-E001.*b\.json"):
        read_stix(text, source="b.json")
