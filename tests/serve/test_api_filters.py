"""The desk and the API read actor, type and place filters as the CLI does."""

from __future__ import annotations

import httpx
import pytest

from watchfloor.serve import create_app


def client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://desk")


@pytest.mark.anyio
async def test_api_actor_alias_finds_what_the_id_finds(story):
    store, _, _ = story
    async with client(create_app(store)) as c:
        by_id = (await c.get("/api/v1/incidents", params={"actor": "isis"})).json()
        by_alias = (await c.get("/api/v1/incidents", params={"actor": "Daesh"})).json()
    assert by_id["items"] and by_alias["items"] == by_id["items"]


@pytest.mark.anyio
async def test_api_unknown_type_is_a_422_naming_the_nearest(story):
    store, _, _ = story
    async with client(create_app(store)) as c:
        response = await c.get("/api/v1/incidents", params={"type": "prison_escap"})
    assert response.status_code == 422
    body = response.json()
    assert body["ok"] is False
    assert any("prison_escape" in e["message"] for e in body["errors"])


@pytest.mark.anyio
@pytest.mark.parametrize("place", ["al-Hol", "Hol camp", "36.38,41.15"])
async def test_api_place_is_a_gazetteer_name_alias_or_point(story, place):
    store, _, incidents = story
    async with client(create_app(store)) as c:
        response = await c.get("/api/v1/incidents", params={"place": place, "km": "10"})
    assert response.status_code == 200, response.text
    assert [i["id"] for i in response.json()["items"]] == [incidents[0].id]


@pytest.mark.anyio
async def test_desk_page_with_the_placeholder_example_is_not_an_error(story):
    store, _, _ = story
    async with client(create_app(store)) as c:
        response = await c.get("/", params={"place": "al-Hol"})
    assert response.status_code == 200
