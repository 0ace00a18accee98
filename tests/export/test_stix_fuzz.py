"""Fuzzing the partner-bundle boundary (issue 17 item 4): any bundle shape gives a
PartnerBundle or WF-E001, never another exception.

Shapes: arbitrary JSON; bundles of arbitrary objects; watchfloor's own bundle with one
property of one object replaced by arbitrary JSON (or removed), including inside the claim
payload; nesting thousands deep. Mutated bundles that pass the gate are also imported into a
store, so the merge sees them too. The bounded CI run prints how many inputs it tried
(WATCHFLOOR_FUZZ_EXAMPLES raises it and explores afresh).
"""

from __future__ import annotations

import io
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import incident_factory as F
from watchfloor.errors import ExportError
from watchfloor.export.stix import write_stix
from watchfloor.export.stix_import import import_bundle, read_stix
from watchfloor.store import open_store

pytestmark = pytest.mark.issue(17)

EXAMPLES = int(os.environ.get("WATCHFLOOR_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize="WATCHFLOOR_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)


def _containers(inner):
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)


JSON = st.recursive(SCALARS, _containers, max_leaves=16)
KEYS = st.sampled_from(
    [
        "type", "id", "object_refs", "created_by_ref", "object_marking_refs", "created",
        "modified", "spec_version", "x_watchfloor_claim", "x_watchfloor_incident", "content",
        "external_references", "extensions", "name", "authors",
    ]
)  # fmt: skip
CLAIM_KEYS = st.sampled_from(
    [
        "mention_id", "document_id", "outlet", "published", "origin", "event_type", "chain",
        "kind", "evidence", "figures", "actor1", "place", "date", "salience", "support",
    ]
)  # fmt: skip


def _valid() -> dict:
    out = io.StringIO()
    write_stix([F.make_incident()], out, desk="Fuzz desk")
    return json.loads(out.getvalue())


VALID = _valid()


def _outcome(text: str, store) -> str:
    try:
        bundle = read_stix(text, source="fuzz.json")
    except ExportError:
        return "refused"
    if store is not None:
        import_bundle(bundle, store)
    return "read"


def _run(check, counter: dict[str, int], name: str, capsys) -> None:
    check()
    with capsys.disabled():
        tried = sum(counter.values())
        print(f"\nfuzz {name}: {tried} inputs tried {dict(sorted(counter.items()))}")
    assert sum(counter.values()) > 0


def test_fuzz_arbitrary_json_and_bundles(capsys) -> None:
    counter: dict[str, int] = {}
    shapes = JSON | st.builds(
        lambda objects, ident: {"type": "bundle", "id": ident, "objects": objects},
        st.lists(JSON | st.dictionaries(KEYS, JSON, max_size=6), max_size=6),
        JSON,
    )

    @FUZZ
    @given(shapes)
    def check(value) -> None:
        outcome = _outcome(json.dumps(value), None)
        counter[outcome] = counter.get(outcome, 0) + 1

    _run(check, counter, "stix shapes", capsys)


def test_fuzz_one_property_of_a_real_bundle(capsys) -> None:
    counter: dict[str, int] = {}
    store = open_store(":memory:")
    count = len(VALID["objects"])

    @FUZZ
    @given(
        st.integers(0, count - 1),
        KEYS,
        st.one_of(st.just(None), JSON),
        st.booleans(),
        CLAIM_KEYS,
    )
    def check(index, key, value, inside_claim, claim_key) -> None:
        data = json.loads(json.dumps(VALID))
        obj = data["objects"][index]
        target = obj.get("x_watchfloor_claim") if inside_claim else None
        if isinstance(target, dict):
            obj, key = target, claim_key
        if value is None:
            obj.pop(key, None)
        else:
            obj[key] = value
        outcome = _outcome(json.dumps(data), store)
        counter[outcome] = counter.get(outcome, 0) + 1

    try:
        _run(check, counter, "mutated bundles", capsys)
    finally:
        store.close()


def test_fuzz_deep_nesting(capsys) -> None:
    counter: dict[str, int] = {}

    @FUZZ
    @given(st.integers(1, 20_000), st.sampled_from(["[", '{"a":']), st.integers(0, 5))
    def check(depth, opener, index) -> None:
        closer = "]" if opener == "[" else "}"
        deep = opener * depth + "1" * (opener != "[") + closer * depth
        data = json.loads(json.dumps(VALID))
        place = min(index, len(data["objects"]) - 1)
        text = json.dumps(data).replace(
            json.dumps(data["objects"][place]),
            json.dumps(data["objects"][place])[:-1] + ', "x_deep": ' + deep + "}",
            1,
        )
        outcome = _outcome(text, None)
        counter[outcome] = counter.get(outcome, 0) + 1

    _run(check, counter, "deep nesting", capsys)
