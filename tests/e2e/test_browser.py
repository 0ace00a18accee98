"""The desk in a real headless Chromium: map draws, incident opens, list filters.

Runs Debian's chromium through Playwright (never `playwright install`: it downloads). Skips
with the reason when either is missing. Screenshots are saved under the test's tmp folder
(`WATCHFLOOR_ARTEFACTS` names a folder to keep them in instead).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from helpers.browser import chromium_page, shot
from helpers.desk import escape_story, fill_store
from helpers.serving import LOOPBACK, serving
from watchfloor.serve import create_app
from watchfloor.store import open_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def desk_url(tmp_path_factory) -> Iterator[str]:
    """The desk over a small store, served by uvicorn in a thread on a free local port."""
    store = open_store(str(tmp_path_factory.mktemp("desk") / "desk.db"))
    readings, incidents = escape_story()
    fill_store(store, readings, incidents)
    with serving(create_app(store)) as port:
        yield f"http://{LOOPBACK}:{port}"
    store.close()


@pytest.fixture(scope="module")
def page(desk_url):
    """A Chromium page; skips when chromium or playwright is not installed."""
    with chromium_page() as tab:
        yield tab


def test_browser_overview_draws_map_and_timeline(page, desk_url, tmp_path):
    page.goto(desk_url + "/")
    page.wait_for_selector("svg#map[data-ready='true']")
    assert page.locator("svg#map .basemap path").count() > 100
    assert page.locator("svg#map .marker").count() == 2
    assert page.locator("svg#timeline .tl-dot").count() == 2
    box = page.locator("svg#map").bounding_box()
    assert box["width"] > 500 and box["height"] > 300
    shot(page, "overview", tmp_path)
    assert page.errors == []  # no CSP violation, no script error


def test_browser_map_zooms_and_pans(page, desk_url):
    page.goto(desk_url + "/")
    page.wait_for_selector("svg#map[data-ready='true']")
    before = page.get_attribute("svg#map", "viewBox")
    page.click("#zoom-in")
    zoomed = page.get_attribute("svg#map", "viewBox")
    assert float(zoomed.split()[2]) < float(before.split()[2])
    page.click("#zoom-reset")
    assert [float(v) for v in page.get_attribute("svg#map", "viewBox").split()] == [
        float(v) for v in before.split()
    ]


def test_browser_marker_opens_incident_with_claims(page, desk_url, tmp_path):
    page.goto(desk_url + "/")
    page.wait_for_selector("svg#map[data-ready='true']")
    page.locator("svg#map .marker.corr-contested").click()
    page.wait_for_selector("#claims")
    assert page.locator("article.claim").count() == 2
    assert page.locator("svg.chart.figures rect").count() == 2
    assert "Hundreds vs 1,500" in page.inner_text("body")
    shot(page, "incident", tmp_path)


def test_browser_filter_list_by_type(page, desk_url):
    page.goto(desk_url + "/")
    assert page.locator("a.incident-row").count() == 2
    page.select_option("select[name=type]", "armed_clash")
    page.click("#apply-filters")
    page.wait_for_url("**/?type=armed_clash**")
    assert page.locator("a.incident-row").count() == 1
    assert page.locator("svg#map .marker").count() == 1
    assert "Armed clash" in page.inner_text("#incident-list")
