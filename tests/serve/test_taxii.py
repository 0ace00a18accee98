"""The desk's TAXII 2.1 server: auth, collections, filters, paging, manifest, markings."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import httpx
import pytest

import incident_factory as F
from watchfloor.export.taxii_feed import load_exchange
from watchfloor.export.tlp import level_of_marking, rank
from watchfloor.merge import incident_keys
from watchfloor.serve import create_app
from watchfloor.store import open_store
from watchfloor.store.exchange import ExchangeState

pytestmark = [pytest.mark.issue(20), pytest.mark.anyio]

TOKEN = "desk-token"
PARTNER_TOKEN = "partner-b-read-token"
ROOT = "/taxii2/api/"
TAXII = "application/taxii+json;version=2.1"
ACCEPT = {"Accept": TAXII}


def _incidents():
    far = F.place("Mosul", 36.34, 43.13, "IQ", "Nineveh")
    mosul = [
        c.__class__(**{**{s: getattr(c, s) for s in c.__slots__}, "place": far})
        for c in F.seed_claims()[:1]
    ]
    return [
        F.make_incident(),
        F.make_incident(mosul, seed="evm-far", where=far, event_type="airstrike"),
    ]


TAXII_FILE = f"""
collections:
  - alias: all-green
    title: Everything shareable
  - alias: amber-escapes
    title: Prison escapes, AMBER and below
    tlp: amber
    filter: {{type: prison_escape}}
    readers: [desk-b]
  - alias: private
    title: Not for partners
    readers: []
partners:
  - name: desk-b
    token_sha256: {hashlib.sha256(PARTNER_TOKEN.encode()).hexdigest()}
"""


@pytest.fixture
def desk(tmp_path):
    store = open_store(":memory:")
    incidents = _incidents()
    store.save_incidents(incidents, {i.id: incident_keys(i) for i in incidents})
    path = tmp_path / "taxii.yaml"
    path.write_text(TAXII_FILE, encoding="utf-8")
    app = create_app(store, token=TOKEN)
    app.state.exchange = load_exchange(path, "Desk A")
    yield app, store, incidents
    store.close()


def client(app, token: str | None = TOKEN) -> httpx.AsyncClient:
    headers = dict(ACCEPT)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1", headers=headers
    )


def _collection_id(app, alias: str) -> str:
    return app.state.exchange.collection(alias).id


async def _all_objects(
    http, cid: str, limit: int = 1000, params: dict[str, str] | None = None
) -> list[dict]:
    found, token = [], None
    while True:
        query = {"limit": limit, **(params or {}), **({"next": token} if token else {})}
        response = await http.get(f"{ROOT}collections/{cid}/objects/", params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        assert len(body.get("objects", [])) <= limit
        found.extend(body.get("objects", []))
        if not body["more"]:
            return found
        token = body["next"]


async def test_taxii_discovery_is_open_and_everything_else_needs_a_token(desk) -> None:
    app, _, _ = desk
    async with client(app, token=None) as http:
        discovery = await http.get("/taxii2/")
        assert discovery.status_code == 200
        assert discovery.headers["content-type"] == TAXII
        assert discovery.json()["api_roots"] == ["http://127.0.0.1/taxii2/api/"]
        for path in (ROOT, f"{ROOT}collections/"):
            refused = await http.get(path)
            assert refused.status_code == 401 and "Bearer" in refused.headers["www-authenticate"]
            assert refused.json()["http_status"] == "401"
        wrong = await http.get(ROOT, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401


async def test_taxii_partner_token_sees_only_its_collections(desk) -> None:
    app, _, _ = desk
    async with client(app) as http:
        mine = (await http.get(f"{ROOT}collections/")).json()["collections"]
    async with client(app, PARTNER_TOKEN) as http:
        theirs = (await http.get(f"{ROOT}collections/")).json()["collections"]
        hidden = await http.get(f"{ROOT}collections/{_collection_id(app, 'private')}/objects/")
    assert {c["alias"] for c in mine} == {"all-green", "amber-escapes", "private"}
    assert {c["alias"] for c in theirs} == {"all-green", "amber-escapes"}
    assert hidden.status_code == 404
    assert all(c["can_read"] and not c["can_write"] for c in mine)


async def test_taxii_basic_auth_with_the_token_as_password(desk) -> None:
    app, _, _ = desk
    async with client(app, token=None) as http:
        response = await http.get(f"{ROOT}collections/", auth=("desk-b", PARTNER_TOKEN))
    assert response.status_code == 200


async def test_taxii_refuses_other_media_types(desk) -> None:
    app, _, _ = desk
    async with client(app) as http:
        response = await http.get(f"{ROOT}collections/", headers={"Accept": "text/html"})
    assert response.status_code == 406


async def test_taxii_never_serves_above_a_collections_ceiling(desk) -> None:
    app, store, incidents = desk
    escape, _ = incidents
    state = ExchangeState(store)
    state.mark(escape.id, "amber", "analyst")
    report_id = f"report--{_report_uuid(escape.id)}"
    async with client(app) as http:
        green = await _all_objects(http, _collection_id(app, "all-green"))
        amber = await _all_objects(http, _collection_id(app, "amber-escapes"))
        state.mark(escape.id, "red", "analyst")
        red = await _all_objects(http, _collection_id(app, "amber-escapes"))
    assert report_id not in {o["id"] for o in green}
    assert report_id in {o["id"] for o in amber}
    assert red == []  # the only escape is now RED: the AMBER collection serves nothing
    for objects, ceiling in ((green, "green"), (amber, "amber")):
        assert objects
        for obj in objects:
            if obj["type"] == "marking-definition":
                continue
            levels = [level_of_marking(r) for r in obj["object_marking_refs"]]
            assert levels and all(rank(lvl or "") <= rank(ceiling) for lvl in levels), obj["id"]
    amber_reports = [o for o in amber if o["type"] == "report"]
    (escape_report,) = [o for o in amber_reports if o["id"] == report_id]
    assert escape_report["object_marking_refs"] == [
        "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
    ]


def _report_uuid(incident_id: str) -> str:
    from watchfloor.export.stix import stix_id

    return stix_id("report", incident_id).split("--", 1)[1]


async def test_taxii_pages_cover_everything_once_within_the_limit(desk) -> None:
    app, _, _ = desk
    cid = _collection_id(app, "all-green")
    async with client(app) as http:
        whole = await _all_objects(http, cid)
        paged = await _all_objects(http, cid, limit=4)
    assert {o["id"] for o in paged} == {o["id"] for o in whole}
    reports = [o["id"] for o in paged if o["type"] == "report"]
    assert len(reports) == len(set(reports)) == 2


async def test_taxii_added_after_returns_only_what_was_added_since(desk) -> None:
    app, store, _ = desk
    cid = _collection_id(app, "all-green")
    async with client(app) as http:
        first = await http.get(f"{ROOT}collections/{cid}/objects/")
        last = first.headers["x-taxii-date-added-last"]
        assert first.headers["x-taxii-date-added-first"] <= last
        nothing = await http.get(f"{ROOT}collections/{cid}/objects/", params={"added_after": last})
        assert nothing.json() == {"more": False}
        newer = F.make_incident(F.seed_claims()[1:2], seed="evm-new")
        store.save_incidents([newer], {newer.id: incident_keys(newer)})
        since = await _all_objects(http, cid, params={"added_after": last})
    reports = {o["id"] for o in since if o["type"] == "report"}
    assert reports == {f"report--{_report_uuid(newer.id)}"}


async def test_taxii_match_type_and_id(desk) -> None:
    app, _, incidents = desk
    cid = _collection_id(app, "all-green")
    wanted = f"report--{_report_uuid(incidents[0].id)}"
    async with client(app) as http:
        reports = await _all_objects(http, cid, params={"match[type]": "report"})
        one = await _all_objects(http, cid, params={"match[id]": wanted})
        both = await _all_objects(http, cid, params={"match[type]": "note,opinion"})
        none = await _all_objects(http, cid, params={"match[spec_version]": "2.0"})
        single = await http.get(f"{ROOT}collections/{cid}/objects/{wanted}/")
        missing = await http.get(f"{ROOT}collections/{cid}/objects/report--nothing/")
    assert {o["type"] for o in reports} == {"report"} and len(reports) == 2
    assert [o["id"] for o in one] == [wanted]
    assert {o["type"] for o in both} == {"note", "opinion"}
    assert none == []
    assert [o["id"] for o in single.json()["objects"]] == [wanted]
    assert missing.status_code == 404 and missing.json()["http_status"] == "404"


async def test_taxii_manifest_and_versions(desk) -> None:
    app, _, _ = desk
    cid = _collection_id(app, "all-green")
    async with client(app) as http:
        objects = await _all_objects(http, cid)
        manifest = (await http.get(f"{ROOT}collections/{cid}/manifest/")).json()
        report = next(o for o in objects if o["type"] == "report")
        versions = await http.get(f"{ROOT}collections/{cid}/objects/{report['id']}/versions/")
    entries = manifest["objects"]
    assert {e["id"] for e in entries} == {o["id"] for o in objects}
    assert all(e["media_type"] == "application/stix+json;version=2.1" for e in entries)
    assert all(e["date_added"].endswith("Z") for e in entries)
    assert versions.json() == {"more": False, "versions": [report["modified"]]}


async def test_taxii_objects_validate_strictly(desk) -> None:
    validator = pytest.importorskip("stix2validator", reason="stix2-validator (dev extra)")
    app, _, _ = desk
    async with client(app) as http:
        objects = await _all_objects(http, _collection_id(app, "amber-escapes"))
    bundle: dict[str, Any] = {
        "type": "bundle",
        "id": "bundle--6f0c7e52-3c1e-4d55-9a57-77617463686c",
    }
    bundle["objects"] = objects
    result = validator.validate_string(json.dumps(bundle), validator.ValidationOptions(strict=True))
    messages = [str(m) for m in (*result.errors, *result.warnings)]
    assert result.is_valid and not messages, messages


async def test_taxii_bad_parameters_are_400_not_500(desk) -> None:
    app, _, _ = desk
    cid = _collection_id(app, "all-green")
    async with client(app) as http:
        for params in (
            {"limit": "x"},
            {"limit": "0"},
            {"added_after": "yesterday"},
            {"next": "%%%"},
            {"next": "WzEsMl0="},
            {"match[colour]": "red"},
        ):
            response = await http.get(f"{ROOT}collections/{cid}/objects/", params=params)
            assert response.status_code == 400, (params, response.text)
            assert response.json()["http_status"] == "400"
        huge = await http.get(
            f"{ROOT}collections/{cid}/objects/", params={"limit": "99999999999999999999999"}
        )
        write = await http.post(f"{ROOT}collections/{cid}/objects/", json={"objects": []})
    assert huge.status_code == 200  # capped at the server's page size, not an overflow
    assert write.status_code == 403


async def test_marking_api_raises_an_incident_and_needs_the_token(desk) -> None:
    app, _, incidents = desk
    escape = incidents[0]
    async with client(app, token=None) as http:
        refused = await http.post(f"/api/v1/incidents/{escape.id}/tlp", json={"level": "red"})
    assert refused.status_code == 401
    async with client(app) as http:
        raised = await http.post(f"/api/v1/incidents/{escape.id}/tlp", json={"level": "TLP:RED"})
        bad = await http.post(f"/api/v1/incidents/{escape.id}/tlp", json={"level": "purple"})
        shown = await http.get(f"/api/v1/incidents/{escape.id}/tlp")
        green = await _all_objects(http, _collection_id(app, "all-green"))
    assert raised.status_code == 201 and raised.json()["level"] == "red"
    assert bad.status_code == 422
    assert shown.json()["level"] == "red" and shown.json()["history"][0]["level"] == "red"
    assert f"report--{_report_uuid(escape.id)}" not in {o["id"] for o in green}


async def test_collections_defined_from_the_desk_are_served_at_once(desk) -> None:
    app, _, incidents = desk
    definition = {
        "alias": "near-mosul",
        "title": "Near Mosul",
        "tlp": "amber",
        "filter": {"near": "36.34,43.13", "km": 30},
        "readers": ["desk-b"],
    }
    async with client(app, token=None) as http:
        refused = await http.post("/api/v1/taxii/collections", json=definition)
    assert refused.status_code == 401
    async with client(app) as http:
        made = await http.post("/api/v1/taxii/collections", json=definition)
        clash = await http.post("/api/v1/taxii/collections", json={"alias": "all-green"})
        bad = await http.post(
            "/api/v1/taxii/collections", json={"alias": "x", "filter": {"colour": "red"}}
        )
        listed = (await http.get("/api/v1/taxii/collections")).json()["collections"]
    assert made.status_code == 201, made.text
    assert clash.status_code == 409 and bad.status_code == 422
    assert {c["alias"]: c["defined_in"] for c in listed}["near-mosul"] == "desk"
    cid = made.json()["collection"]["id"]
    async with client(app, PARTNER_TOKEN) as http:
        aliases = {
            c["alias"] for c in (await http.get(f"{ROOT}collections/")).json()["collections"]
        }
        served = await _all_objects(http, cid, params={"match[type]": "report"})
    assert "near-mosul" in aliases
    assert [o["id"] for o in served] == [f"report--{_report_uuid(incidents[1].id)}"]
    async with client(app) as http:
        gone = await http.delete("/api/v1/taxii/collections/near-mosul")
        again = await http.delete("/api/v1/taxii/collections/near-mosul")
        fixed = await http.delete("/api/v1/taxii/collections/all-green")
        after = await http.get(f"{ROOT}collections/{cid}/")
    assert gone.status_code == 200 and again.status_code == 404 and fixed.status_code == 409
    assert after.status_code == 404


async def test_lowering_a_marking_serves_the_incident_to_pollers_again(desk) -> None:
    app, store, incidents = desk
    escape = incidents[0]
    state = ExchangeState(store)
    state.mark(escape.id, "amber", "analyst")
    cid = _collection_id(app, "all-green")
    report = f"report--{_report_uuid(escape.id)}"
    async with client(app) as http:
        first = await http.get(f"{ROOT}collections/{cid}/objects/")
        assert report not in {o["id"] for o in first.json()["objects"]}
        last = first.headers["x-taxii-date-added-last"]
        state.mark(escape.id, "green", "analyst")  # cleared for sharing
        since = await _all_objects(http, cid, params={"added_after": last})
    assert report in {o["id"] for o in since}
