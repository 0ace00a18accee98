"""`/api/v1/export/{fmt}` takes the list's filters; the overview and search link to it."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest

from watchfloor.serve import create_app


def client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://desk")


@pytest.mark.anyio
async def test_each_format_exports_every_incident(story):
    store, _, incidents = story
    async with client(create_app(store)) as c:
        acled = await c.get("/api/v1/export/acled")
        geojson = await c.get("/api/v1/export/geojson")
        stix = await c.get("/api/v1/export/stix")
        jsonl = await c.get("/api/v1/export/jsonl")
    assert acled.status_code == 200 and acled.headers["content-type"].startswith("text/csv")
    assert "attachment" in acled.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(acled.text)))
    assert {r["watchfloor_incident_id"] for r in rows} == {i.id for i in incidents}
    assert len(geojson.json()["features"]) == len(incidents)
    reports = [o for o in stix.json()["objects"] if o["type"] == "report"]
    assert len(reports) == len(incidents)
    assert len(jsonl.text.splitlines()) == len(incidents)
    assert jsonl.headers["x-watchfloor-count"] == str(len(incidents))


@pytest.mark.anyio
async def test_export_takes_the_list_filters(story):
    store, _, incidents = story
    async with client(create_app(store)) as c:
        listed = (await c.get("/api/v1/incidents", params={"actor": "daesh"})).json()
        exported = await c.get("/api/v1/export/jsonl", params={"actor": "daesh"})
        near = await c.get("/api/v1/export/geojson", params={"place": "al-Hol", "km": "5"})
    ids = [json.loads(line)["id"] for line in exported.text.splitlines()]
    assert ids == [i["id"] for i in listed["items"]] and ids
    assert [f["id"] for f in near.json()["features"]] == [incidents[0].id]


@pytest.mark.anyio
async def test_export_errors_have_the_one_shape(story):
    store, _, _ = story
    async with client(create_app(store)) as c:
        unknown = await c.get("/api/v1/export/pdf")
        bad = await c.get("/api/v1/export/acled", params={"type": "prison_escap"})
    assert unknown.status_code == 404 and unknown.json()["ok"] is False
    assert bad.status_code == 422 and "prison_escape" in bad.text


@pytest.mark.anyio
async def test_pages_link_to_the_export_with_their_filters(story):
    store, _, _ = story
    async with client(create_app(store)) as c:
        overview = (await c.get("/", params={"actor": "isis", "limit": "10"})).text
        search = (await c.get("/search", params={"q": "prison"})).text
        base = (await c.get("/")).text
    assert 'href="/api/v1/export/stix?actor=isis"' in overview
    assert 'href="/api/v1/export/acled?q=prison"' in search
    assert 'href="/facilities"' in base and 'href="/indicators"' in base
