"""The desk's facility and indicator pages and API over a hand-filled store."""

from __future__ import annotations

import json

import httpx
import pytest

from helpers.facilities import store_camp_and_fighters
from watchfloor.serve.app import create_app

pytestmark = [pytest.mark.issue(9), pytest.mark.anyio]


@pytest.fixture
def client(file_store):
    store_camp_and_fighters(
        file_store,
        "al-Hol camp, under SDF control, is home to 56,000 people. "
        "In Syria, ISIS has between 1,500 and 3,000 <fighters>.",
    )
    transport = httpx.ASGITransport(app=create_app(file_store))
    return httpx.AsyncClient(transport=transport, base_url="http://desk")


async def test_api_facility_state_and_claims(client):
    async with client:
        listed = (await client.get("/api/v1/facilities")).json()
        one = (await client.get("/api/v1/facilities/al-hol-camp")).json()
    ids = [f["facility"]["id"] for f in listed["facilities"]]
    assert ids[0] == "al-hol-camp"
    assert one["state"]["controller"] == "SDF"
    assert {c["kind"] for c in one["claims"]} == {"control", "population"}
    assert "home to 56,000 people" in one["claims"][0]["sentence"]


async def test_api_indicator_series(client):
    async with client:
        body = (await client.get("/api/v1/indicators/isis-fighters-syria")).json()
    assert body["series"]["latest_low"] == 1500
    assert [p["quantity"]["text"] for p in body["points"]] == ["between 1,500 and 3,000"]


async def test_api_unknown_facility_has_the_error_shape(client):
    async with client:
        response = await client.get("/api/v1/facilities/nowhere")
    assert response.status_code == 404
    assert response.json() == {
        "ok": False,
        "error": "no facility 'nowhere' in the register",
        "errors": [],
        "status": 404,
    }


async def test_pages_render_and_escape(client):
    async with client:
        pages = {
            u: await client.get(u)
            for u in (
                "/facilities",
                "/facilities/al-hol-camp",
                "/indicators",
                "/indicators/isis-fighters-syria",
            )
        }
    assert all(r.status_code == 200 for r in pages.values())
    assert "56,000" in pages["/facilities/al-hol-camp"].text
    assert "<svg" in pages["/facilities/al-hol-camp"].text
    page = pages["/indicators/isis-fighters-syria"].text
    assert "&lt;fighters&gt;" in page and "<fighters>" not in page


async def test_api_and_cli_print_the_same_facility_json(client, file_store, tmp_path):
    from click.testing import CliRunner

    from watchfloor.cli.main import cli

    def printed(*args: str):
        result = CliRunner().invoke(cli, [*args, "--db", str(tmp_path / "test.db"), "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    async with client:
        listed = (await client.get("/api/v1/facilities")).json()
        one = (await client.get("/api/v1/facilities/al-hol-camp")).json()
        indicators = (await client.get("/api/v1/indicators")).json()
        indicator = (await client.get("/api/v1/indicators/isis-fighters-syria")).json()
        schema = (await client.get("/openapi.json")).json()
    assert listed.pop("ok") and one.pop("ok") and indicators.pop("ok") and indicator.pop("ok")
    assert printed("facilities", "list") == listed["facilities"]
    assert printed("facilities", "show", "al-hol-camp") == one
    assert printed("indicators", "list") == indicators["indicators"]
    assert printed("indicators", "show", "isis-fighters-syria") == indicator
    assert one["claims"] and indicator["points"]  # the detail shapes are exercised
    responses = schema["paths"]["/api/v1/facilities/{facility_id}"]["get"]["responses"]
    assert responses["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/FacilityDetailOut"
    }
