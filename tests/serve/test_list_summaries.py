"""Lists and search read stored summaries and show exactly what whole incidents would show."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import update

from watchfloor.report.describe import incident_headline, incident_outlets
from watchfloor.serve import create_app
from watchfloor.store import schema as t


def client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://desk")


@pytest.mark.issue(16)
@pytest.mark.anyio
async def test_api_list_rows_are_the_detail_fields_of_each_incident(story):
    store, _, incidents = story
    async with client(create_app(store)) as c:
        items = (await c.get("/api/v1/incidents")).json()["items"]
        assert {i["id"] for i in items} == {i.id for i in incidents}
        for item in items:
            detail = (await c.get(item["url"])).json()
            assert item == {key: detail[key] for key in item}
    whole = {i.id: i for i in incidents}
    for item in items:  # and what the whole incident says
        incident = whole[item["id"]]
        assert item["headline"] == incident_headline(incident)
        assert item["outlets"] == incident_outlets(incident)
        assert item["claims"] == len(incident.claims)
        assert item["independent_origins"] == incident.independent_origins
        assert len(item["figures"]) == len(incident.figures)


@pytest.mark.issue(16)
@pytest.mark.anyio
async def test_pages_are_the_same_with_or_without_stored_summaries(story):
    store, _, incidents = story
    app = create_app(store)
    paths = ["/", "/?type=prison_escape", "/search?q=escaped", "/api/v1/incidents?limit=1"]
    async with client(app) as c:
        stored = [(await c.get(path)).text for path in paths]
        with store.engine.begin() as conn:  # rows from before the summary column existed
            conn.execute(update(t.incidents).values(summary=None))
        derived = [(await c.get(path)).text for path in paths]
    assert stored == derived
    escape = incidents[0]
    # The overview's row and the search hit name the incident as its own page does.
    assert incident_headline(escape) in stored[0] and incident_headline(escape) in stored[2]
    assert ", ".join(incident_outlets(escape)) in stored[0]


@pytest.mark.issue(16)
@pytest.mark.anyio
async def test_search_shows_the_id_of_a_hit_whose_incident_is_gone(story):
    store, _, incidents = story
    escape = incidents[0]
    with store.engine.begin() as conn:
        # The search index keeps the row; the incident's own row is gone.
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS search_incidents_ad")
        conn.execute(t.incident_actors.delete())
        conn.execute(t.incidents.delete().where(t.incidents.c.id == escape.id))
    async with client(create_app(store)) as c:
        page = (await c.get("/search?q=escaped")).text
    assert f'href="/incidents/{escape.id}">{escape.id}</a>' in page
