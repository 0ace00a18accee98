"""`import stix` as a trust boundary (issue 17 items 3–4): namespaced, merged, checked, capped."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

import incident_factory as F
from watchfloor.errors import ExportError
from watchfloor.export.stix import write_stix
from watchfloor.export.stix_check import StixLimits
from watchfloor.export.stix_import import import_stix, read_stix
from watchfloor.merge import incident_keys, pin_override
from watchfloor.model import Source, SourceKind
from watchfloor.pipeline import apply_analyst_override
from watchfloor.store.exchange import ExchangeState

pytestmark = pytest.mark.issue(17)


def _day(when: datetime | None, day: int) -> datetime:
    assert when is not None
    return when.replace(day=day)


def _bundle(incidents, **kwargs) -> str:
    out = io.StringIO()
    write_stix(incidents, out, **kwargs)
    return out.getvalue()


def _write(tmp_path: Path, text: str, name: str = "partner.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _save(store, *incidents) -> None:
    store.save_incidents(list(incidents), {i.id: incident_keys(i) for i in incidents})


def _far_claims(event_type: str) -> list:
    """The seed claims' ids, read as something else, somewhere else."""
    mosul = F.place("Mosul", 36.34, 43.13, "IQ", "Nineveh")
    return [
        replace(c, event_type=event_type, place=replace(mosul, evidence=c.evidence))
        for c in F.seed_claims()
    ]


def test_a_bundle_carrying_a_local_incident_id_cannot_change_it(memory_store, tmp_path) -> None:
    local = F.make_incident()
    _save(memory_store, local)
    # The partner's incident has the local id, the local claims' mention ids and another type.
    forged = F.make_incident(_far_claims("airstrike"), event_type="airstrike")
    assert forged.id == local.id
    assert [c.mention_id for c in forged.claims] == [c.mention_id for c in local.claims]
    report = import_stix(_write(tmp_path, _bundle([forged], desk="Desk B")), memory_store)
    assert report.claims == 3
    assert memory_store.get_incident(local.id) == local  # untouched, claim for claim
    others = [i for i in memory_store.incidents() if i.id != local.id]
    assert others, "the partner's claims live in incidents of their own"
    for incident in others:
        assert all(c.mention_id.startswith("evp-") for c in incident.claims)
        assert all(c.chain[0] == Source("Desk B", SourceKind.PARTNER) for c in incident.claims)


def test_partner_claims_merge_only_through_the_merge_and_analyst_pins_win(
    memory_store, tmp_path
) -> None:
    local = F.make_incident()
    _save(memory_store, local)
    pinned = pin_override(local, "event_type", "prison_riot", "analyst", datetime.now(UTC))
    apply_analyst_override(memory_store, pinned)
    assert memory_store.get_incident(local.id).event_type == "prison_riot"
    # The partner reports the same escape in later articles (its own reading of them).
    later = [
        replace(c, published=_day(c.published, 22), mention_id=f"evm-p{n}")
        for n, c in enumerate(F.seed_claims())
    ]
    partner = F.make_incident(later, seed="evm-p0")
    import_stix(_write(tmp_path, _bundle([partner], desk="Desk B")), memory_store)
    joined = memory_store.get_incident(local.id)
    assert joined is not None, "the local incident keeps its id (its first report is local)"
    mine = {c.mention_id for c in local.claims}
    assert mine < {c.mention_id for c in joined.claims}
    assert any(c.mention_id.startswith("evp-") for c in joined.claims), "merged in"
    assert joined.event_type == "prison_riot", "the analyst's pin wins over the partner's type"
    assert joined.independent_origins == local.independent_origins  # same origins behind both


def test_partner_claims_cannot_borrow_a_local_document(memory_store, tmp_path) -> None:
    local_docs = {c.document_id for c in F.seed_claims()}
    import_stix(_write(tmp_path, _bundle([F.make_incident()], desk="Desk B")), memory_store)
    for incident in memory_store.incidents():
        for claim in incident.claims:
            assert claim.document_id not in local_docs
            assert claim.evidence.document_id == claim.document_id
            stored = memory_store.get_document(claim.document_id)
            assert stored is not None and stored.extras["partner"]["partner"] == "Desk B"


def test_import_records_producer_bundle_and_local_ids(memory_store, tmp_path) -> None:
    text = _bundle([F.make_incident()], desk="Desk B")
    path = _write(tmp_path, text)
    import_stix(path, memory_store)
    rows = ExchangeState(memory_store).partner_objects("Desk B")
    bundle_id = json.loads(text)["id"]
    assert len(rows) == 3
    assert {r["bundle_id"] for r in rows} == {bundle_id}
    assert {r["source"] for r in rows} == {str(path)}
    stored = {c.mention_id for i in memory_store.incidents() for c in i.claims}
    assert {r["local_id"] for r in rows} == stored


def test_reimport_is_idempotent(memory_store, tmp_path) -> None:
    path = _write(tmp_path, _bundle([F.make_incident()], desk="Desk B"))
    import_stix(path, memory_store)
    first = memory_store.incidents()
    import_stix(path, memory_store)
    assert memory_store.incidents() == first


def test_claims_sent_back_to_their_desk_are_skipped(tmp_path) -> None:
    mine = Source("Desk A", SourceKind.PARTNER)
    echoed = [replace(c, chain=(mine, *c.chain)) for c in F.seed_claims()]
    text = _bundle([F.make_incident(echoed)], desk="Desk B")
    read = read_stix(text, source="b.json", desk="Desk A")
    assert read.claims == () and len(read.skipped) == 3
    assert len(read_stix(text, source="b.json", desk="Desk C").claims) == 3


def test_a_partners_marking_is_a_floor_analysts_cannot_lower(memory_store, tmp_path) -> None:
    import_stix(_write(tmp_path, _bundle([F.make_incident()], desk="B", tlp="amber")), memory_store)
    state = ExchangeState(memory_store)
    (incident,) = memory_store.incidents()
    assert state.level_of(incident) == "amber"
    state.mark(incident.id, "green", "analyst")
    assert state.level_of(incident) == "amber"
    state.mark(incident.id, "red", "analyst")
    assert state.level_of(incident) == "red"


# -- malformed input: WF-E001 with the object's index, never a traceback ---------------------
def _valid_objects() -> list[dict]:
    return json.loads(_bundle([F.make_incident()], desk="B"))["objects"]


def _with(index: int, change) -> str:
    objects = _valid_objects()
    objects[index] = change(objects[index])
    return json.dumps({"type": "bundle", "id": "bundle--" + "0" * 8 + "-0000-4000-8000-" + "0" * 12,
                       "objects": objects})  # fmt: skip


def _deep(levels: int) -> dict:
    value: dict = {}
    for _ in range(levels):
        value = {"a": value}
    return value


def _report_index() -> int:
    return next(n for n, o in enumerate(_valid_objects()) if o["type"] == "report")


def _note_index() -> int:
    return next(n for n, o in enumerate(_valid_objects()) if o["type"] == "note")


CASES = {
    "junk object": (3, lambda o: 42),
    "list object": (3, lambda o: ["type", "report"]),
    "no id": (3, lambda o: {"type": "note"}),
    "int where a list belongs": (
        _report_index(),
        lambda o: {**o, "object_refs": 7},
    ),
    "str where a dict belongs": (
        _note_index(),
        lambda o: {**o, "x_watchfloor_claim": "a claim"},
    ),
    "deep nesting": (3, lambda o: {**o, "x_deep": _deep(200)}),
    "bad timestamp": (3, lambda o: {**o, "created": "yesterday"}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_objects_are_refused_with_their_index(case) -> None:
    index, change = CASES[case]
    text = _with(index, change)
    with pytest.raises(ExportError, match=r"WF-E001") as caught:
        read_stix(text, source="b.json")
    assert f"object {index}" in str(caught.value)


def test_malformed_claim_is_refused_not_a_traceback() -> None:
    objects = _valid_objects()
    note = next(o for o in objects if o["type"] == "note")
    note["x_watchfloor_claim"] = {"mention_id": 1, "chain": "not a list", "figures": 3}
    text = json.dumps({"type": "bundle", "id": "bundle--1", "objects": objects})
    with pytest.raises(ExportError, match=r"WF-E001.*malformed x_watchfloor_claim"):
        read_stix(text, source="b.json")


def test_json_nested_past_the_interpreter_is_refused() -> None:
    text = '{"type": "bundle", "objects": [' + "[" * 100_000 + "]" * 100_000 + "]}"
    with pytest.raises(ExportError, match="WF-E001"):
        read_stix(text, source="b.json")


def test_size_and_object_caps_are_configurable(tmp_path) -> None:
    text = _bundle([F.make_incident()], desk="B")
    count = len(json.loads(text)["objects"])
    with pytest.raises(ExportError, match="stix_max_bytes"):
        read_stix(text, source="b.json", limits=StixLimits(max_bytes=len(text) - 1))
    with pytest.raises(ExportError, match="stix_max_objects"):
        read_stix(text, source="b.json", limits=StixLimits(max_objects=count - 1))
    assert read_stix(text, source="b.json", limits=StixLimits(max_objects=count)).claims


def test_import_reads_no_more_than_the_cap_from_a_file(memory_store, tmp_path) -> None:
    path = _write(tmp_path, _bundle([F.make_incident()], desk="B"))
    with pytest.raises(ExportError, match="stix_max_bytes"):
        import_stix(path, memory_store, limits=StixLimits(max_bytes=100))
