"""The desk's pages: what they show, security headers, and hostile documents kept inert."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime

import httpx
import pytest

from helpers.desk import escape_story, fill_store, make_claim, make_incident, make_reading
from watchfloor.model import Genre, Rejection
from watchfloor.serve import create_app
from watchfloor.store import open_store

SCRIPT = "<script>alert('x')</script>"
JS_LINK = '<a href="javascript:alert(1)">click</a>'
IMG = '<img src=x onerror="alert(2)">'


@pytest.fixture(scope="module")
def hostile():
    """A store holding the escape story plus a document built to attack every page."""
    store = open_store(":memory:")
    readings, incidents = escape_story()
    long_sentence = "word " * 200_000  # a 1 MB sentence
    text = (
        f"{SCRIPT} ISIS fighters escaped from al-Hol {JS_LINK}. "
        f"Broken \ufffd text \u202egnp.exe and \u200b zero width {IMG}. "
        f"{long_sentence.strip()}."
    )
    bad = make_reading(
        text,
        outlet=f"Evil {SCRIPT} Outlet",
        title=f"Title {SCRIPT}{IMG}",
        genre=Genre.OPINION,
        actors={"ISIS": "isis"},
        places={"al-Hol": (36.37, 41.15)},
        url="javascript:alert(3)",
        published=datetime(2026, 1, 24, tzinfo=UTC),
    )
    claim = make_claim(bad, "escaped", place="al-Hol", actor="ISIS", on=date(2026, 1, 24))
    evil = make_incident([claim])
    fill_store(store, [*readings, bad], [*incidents, evil])
    store.add_rejection(
        Rejection(
            "WF-I001",
            f"bad {SCRIPT}",
            "ingest",
            bad.document.source,
            "h",
            datetime(2026, 1, 24, tzinfo=UTC),
        )
    )
    yield store, bad, evil, incidents
    store.close()


def client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://desk")


def assert_inert(html: str) -> None:
    """No hostile markup survives as markup."""
    assert "<script>alert" not in html
    assert "onerror=" not in html.replace("onerror=&#34;", "").replace("onerror=&quot;", "")
    assert 'href="javascript:' not in html
    assert "<img" not in html
    # Only our own scripts and styles are referenced.
    for src in re.findall(r'<script[^>]*src="([^"]+)"', html):
        assert src.startswith("/static/")


@pytest.mark.anyio
async def test_pages_hostile_document_is_escaped_everywhere(hostile):
    store, bad, evil, _ = hostile
    urls = [
        "/",
        f"/incidents/{evil.id}",
        f"/documents/{bad.document.id}",
        "/documents",
        "/search?q=escaped",
        "/report",
        f"/search?q={SCRIPT}",
    ]
    async with client(create_app(store, token="t")) as c:
        for url in urls:
            response = await c.get(url)
            assert response.status_code == 200, url
            assert_inert(response.text)
        page = (await c.get(f"/documents/{bad.document.id}")).text
    assert "&lt;script&gt;alert(" in page  # shown as text, not dropped


@pytest.mark.anyio
async def test_pages_hostile_document_in_json_stays_text(hostile):
    store, bad, _, _ = hostile
    async with client(create_app(store)) as c:
        response = await c.get(f"/api/v1/documents/{bad.document.id}")
    assert response.headers["content-type"].startswith("application/json")
    assert SCRIPT in response.json()["text"]  # JSON carries the text as data
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.anyio
async def test_pages_carry_csp_and_nosniff(hostile):
    store, _, _, _ = hostile
    async with client(create_app(store)) as c:
        for url in ("/", "/static/desk.js", "/api/v1/incidents", "/nope"):
            headers = (await c.get(url)).headers
            assert "default-src 'self'" in headers["content-security-policy"], url
            assert headers["x-content-type-options"] == "nosniff"
        report = await c.get("/report")
    assert "default-src 'none'" in report.headers["content-security-policy"]


@pytest.mark.anyio
async def test_pages_have_no_inline_handlers_or_external_references(hostile):
    store, _, evil, _ = hostile
    async with client(create_app(store, token="t")) as c:
        for url in ("/", f"/incidents/{evil.id}", "/search?q=al-Hol"):
            html = (await c.get(url)).text
            assert not re.search(r"\son[a-z]+=\"", html), url
            assert not re.search(r'(src|href)="(https?:)?//', html), url
            assert "<style" not in html and ' style="' not in html  # CSP forbids inline styles


@pytest.mark.anyio
async def test_overview_draws_markers_and_lists_incidents(hostile):
    store, _, evil, incidents = hostile
    async with client(create_app(store)) as c:
        html = (await c.get("/")).text
    assert html.count('class="marker ') == 3  # the two places of three incidents
    assert 'class="ring"' not in html  # all are town-precise
    for incident in [*incidents, evil]:
        assert f'href="/incidents/{incident.id}"' in html


@pytest.mark.anyio
async def test_overview_filters_from_the_url(hostile):
    store, _, _, incidents = hostile
    async with client(create_app(store)) as c:
        html = (await c.get("/?type=armed_clash")).text
        bad = await c.get("/?since=notadate")
    assert f'class="incident-row" href="/incidents/{incidents[1].id}"' in html
    assert f'class="incident-row" href="/incidents/{incidents[0].id}"' not in html
    assert 'option value="armed_clash" selected' in html
    assert bad.status_code == 422 and "since" in bad.text


@pytest.mark.anyio
async def test_incident_page_shows_claims_side_by_side_with_highlights(hostile):
    store, _, _, incidents = hostile
    async with client(create_app(store)) as c:
        html = (await c.get(f"/incidents/{incidents[0].id}")).text
    assert html.count('<article class="claim"') == 2
    assert '<span class="src src-actor">SDF</span>' in html
    assert 'class="hl-trigger' in html and 'class="hl-figure' in html
    assert "Disagreements" in html and "Hundreds vs 1,500" in html
    assert 'class="chart figures"' in html
    assert "Analyst actions" not in html  # read-only desk


@pytest.mark.anyio
async def test_incident_page_forms_need_token_and_record_override(hostile):
    store, _, _, incidents = hostile
    target = incidents[1]
    async with client(create_app(store, token="t0k")) as c:
        html = (await c.get(f"/incidents/{target.id}")).text
        assert "Analyst actions" in html
        form = {"action": "pin", "field": "event_type", "value": "attack", "token": "bad"}
        refused = await c.post(f"/incidents/{target.id}/actions", data=form)
        form["token"] = "t0k"
        done = await c.post(f"/incidents/{target.id}/actions", data=form)
    assert refused.status_code == 401
    assert done.status_code == 303 and "done=" in done.headers["location"]
    assert any(o.field == "event_type" for o in store.overrides())


@pytest.mark.anyio
async def test_document_page_colours_statements_and_marks_scare_quotes(hostile):
    store, _, _, _ = hostile
    doc_id = next(d.id for d in store.list_documents() if d.outlet == "Strategic Council Online")
    async with client(create_app(store)) as c:
        html = (await c.get(f"/documents/{doc_id}")).text
    assert 'class="stmt stmt-call_to_action"' in html
    assert "hl-scare_quote" in html
    assert "genre <strong>opinion</strong>" in html


@pytest.mark.anyio
async def test_document_page_lists_rejections(hostile):
    store, bad, _, _ = hostile
    async with client(create_app(store)) as c:
        html = (await c.get(f"/documents/{bad.document.id}")).text
    assert "WF-I001" in html and "&lt;script&gt;" in html


@pytest.mark.anyio
async def test_page_404_is_html(hostile):
    store, _, _, _ = hostile
    async with client(create_app(store)) as c:
        response = await c.get(f"/incidents/{SCRIPT}")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert_inert(response.text)


@pytest.mark.anyio
async def test_document_page_shows_each_sentences_reasons():
    store = open_store(":memory:")
    reading = make_reading("ISIS fighters escaped from al-Hol. The guards left.", outlet="Desk")
    annotated = reading.annotated
    reading = dataclasses.replace(
        reading,
        annotated=dataclasses.replace(
            annotated,
            statements=tuple(
                dataclasses.replace(s, reasons=(f"learned subjectivity 0.1{s.sentence}", "cue"))
                for s in annotated.statements
            ),
        ),
    )
    fill_store(store, [reading], [])
    async with client(create_app(store)) as c:
        html = (await c.get(f"/documents/{reading.document.id}")).text
    store.close()
    assert 'title="reported fact: learned subjectivity 0.10; cue"' in html
    assert 'title="reported fact: learned subjectivity 0.11; cue"' in html
