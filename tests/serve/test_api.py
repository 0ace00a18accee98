"""The JSON API: shapes, filters, pagination, the one error shape, tokens and writes."""

from __future__ import annotations

import httpx
import pytest

from watchfloor.serve import create_app

TOKEN = "s3cret-token"
ERROR_KEYS = {"ok", "error", "errors", "status"}


def client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://desk")


@pytest.mark.anyio
async def test_api_incidents_lists_with_figures_and_corroboration(story):
    store, _, incidents = story
    async with client(create_app(store)) as c:
        body = (await c.get("/api/v1/incidents")).json()
    assert body["ok"] is True and body["next"] is None
    by_id = {i["id"]: i for i in body["items"]}
    escape = by_id[incidents[0].id]
    assert escape["corroboration"] == "contested"
    assert escape["independent_origins"] == 2
    assert escape["figures"][0]["label"] == "100–1,500"
    assert {s["outlet"] for s in escape["figures"][0]["sources"]} == {
        "Strategic Council Online",
        "Rudaw",
    }


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=prison_escape", {0}),
        ("type=armed_clash", {1}),
        ("min_origins=2", {0}),
        ("actor=isis", {0}),
        ("lat=36.65&lon=40.37&km=10", {1}),
        ("place=al-Hol&km=5", {0}),
        ("since=2026-01-21", {1}),
        ("until=2026-01-20", {0}),
        ("q=checkpoint", {1}),
        ("q=SDF", {0}),
        ("q=nothing-like-this", set()),
        ("type=&actor=&since=", {0, 1}),  # empty form fields mean no filter
    ],
)
async def test_api_incidents_filters_select_expected(story, query, expected):
    store, _, incidents = story
    async with client(create_app(store)) as c:
        body = (await c.get(f"/api/v1/incidents?{query}")).json()
    assert {i["id"] for i in body["items"]} == {incidents[n].id for n in expected}


@pytest.mark.anyio
async def test_api_pagination_has_next_link_until_the_end(story):
    store, _, _ = story
    async with client(create_app(store)) as c:
        first = (await c.get("/api/v1/incidents?limit=1")).json()
        assert len(first["items"]) == 1 and first["next"]
        second = (await c.get(first["next"])).json()
    assert len(second["items"]) == 1 and second["next"] is None
    assert first["items"][0]["id"] != second["items"][0]["id"]


@pytest.mark.anyio
async def test_api_incident_has_claims_with_sentences_and_chains(story):
    store, _, incidents = story
    async with client(create_app(store)) as c:
        body = (await c.get(f"/api/v1/incidents/{incidents[0].id}")).json()
    claims = {c["outlet"]: c for c in body["claim_list"]}
    assert [s["name"] for s in claims["Rudaw"]["chain"]] == ["Rudaw", "SDF"]
    assert claims["Rudaw"]["sentence"].startswith("Approximately 1,500 prisoners")
    assert body["discrepancies"][0]["kind"] == "figures"


@pytest.mark.anyio
async def test_api_document_has_mentions_statements_and_offsets(story):
    store, readings, _ = story
    doc = readings[0].document
    async with client(create_app(store)) as c:
        body = (await c.get(f"/api/v1/documents/{doc.id}")).json()
    kinds = {m["kind"] for m in body["mentions"]}
    assert {"actor", "place", "figure", "scare_quote"} <= kinds
    for mention in body["mentions"]:
        assert body["text"][mention["start"] : mention["end"]] == mention["text"]
    assert "call_to_action" in {s["kind"] for s in body["statements"]}
    assert body["genre"] == "opinion"


@pytest.mark.anyio
async def test_api_search_finds_documents_and_incidents_with_highlights(story):
    store, _, incidents = story
    async with client(create_app(store)) as c:
        body = (await c.get("/api/v1/search?q=escaped")).json()
    assert len(body["documents"]) == 2
    assert incidents[0].id in {h["id"] for h in body["incidents"]}
    hit = body["documents"][0]
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end].lower() == "escaped"


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/api/v1/incidents/inc-doesnotexist", 404),
        ("GET", "/api/v1/documents/doc-doesnotexist", 404),
        ("GET", "/api/v1/no/such/route", 404),
        ("GET", "/api/v1/incidents?since=yesterday", 422),
        ("GET", "/api/v1/incidents?limit=0", 422),
        ("GET", "/api/v1/incidents?lat=36", 422),
        ("GET", "/api/v1/search", 422),
        ("GET", "/api/v1/documents?limit=-3", 422),
        ("POST", "/api/v1/ingest", 403),
        ("DELETE", "/api/v1/incidents", 405),
    ],
)
async def test_api_every_error_has_the_one_shape(story, method, url, status):
    store, _, _ = story
    async with client(create_app(store)) as c:
        response = await c.request(method, url, json={"text": "x"})
    assert response.status_code == status
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list)


@pytest.mark.anyio
async def test_api_crash_is_a_500_in_the_one_shape(story, monkeypatch):
    store, _, _ = story

    def boom(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "summary", boom)
    async with client(create_app(store)) as c:
        response = await c.get("/api/v1/summary")
    assert response.status_code == 500
    body = response.json()
    assert set(body) == ERROR_KEYS and body["status"] == 500
    assert "disk on fire" not in body["error"]  # internals are logged, not shown


@pytest.mark.anyio
async def test_api_writes_need_the_right_token(story):
    store, _, incidents = story
    payload = {
        "kind": "pin",
        "targets": [incidents[1].id],
        "field": "event_type",
        "value": "attack",
    }
    async with client(create_app(store, token=TOKEN)) as c:
        missing = await c.post("/api/v1/overrides", json=payload)
        wrong = await c.post(
            "/api/v1/overrides", json=payload, headers={"Authorization": "Bearer nope"}
        )
        right = await c.post(
            "/api/v1/overrides", json=payload, headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert missing.status_code == 401 and wrong.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert right.status_code == 201, right.text
    assert right.json()["applied"] is True
    assert [o.id for o in store.overrides()] == [right.json()["override_id"]]


@pytest.mark.anyio
async def test_api_read_only_desk_refuses_writes_even_with_a_token(story):
    store, _, incidents = story
    async with client(create_app(store)) as c:
        response = await c.post(
            "/api/v1/overrides",
            json={"kind": "merge", "targets": [i.id for i in incidents]},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
    assert response.status_code == 403
    assert store.overrides() == []


@pytest.mark.anyio
async def test_api_bad_override_is_422_and_nothing_recorded(story):
    store, _, incidents = story
    async with client(create_app(store, token=TOKEN)) as c:
        unknown = await c.post(
            "/api/v1/overrides",
            json={"kind": "merge", "targets": [incidents[0].id, "inc-nope"]},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        extra = await c.post(
            "/api/v1/overrides",
            json={"kind": "pin", "targets": ["x"], "surprise": 1},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
    assert unknown.status_code == 422 and "inc-nope" in unknown.json()["error"]
    assert extra.status_code == 422  # extra="forbid"
    assert store.overrides() == []


@pytest.mark.anyio
async def test_api_ingest_text_stores_a_document(story):
    store, _, _ = story
    before = store.summary()["documents"]
    async with client(create_app(store, token=TOKEN)) as c:
        response = await c.post(
            "/api/v1/ingest",
            json={"text": "Two rockets hit a base near Deir ez-Zor.", "outlet": "Test Wire"},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        empty = await c.post(
            "/api/v1/ingest", json={"text": "   "}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert response.status_code == 201, response.text
    outcome = response.json()["outcomes"][0]
    assert outcome["status"] == "stored"
    assert store.get_document(outcome["document_id"]).outlet == "Test Wire"
    assert store.summary()["documents"] == before + 1
    assert empty.status_code == 422


@pytest.mark.anyio
async def test_api_openapi_served_offline_and_swagger_disabled(story):
    store, _, _ = story
    async with client(create_app(store)) as c:
        schema = (await c.get("/openapi.json")).json()
        swagger = await c.get("/docs")
        docs = await c.get("/api/v1/docs")
    assert "/api/v1/incidents" in schema["paths"]
    assert swagger.status_code == 404
    assert docs.status_code == 200 and "/api/v1/incidents" in docs.text
    assert "cdn" not in docs.text.lower()
