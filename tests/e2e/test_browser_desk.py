"""The analyst's desk in headless Chromium: export links, what the map leaves out and why,
timeline range selection, the incident's mini-map and uncut chart labels, search and
facilities pages. Screenshots go under the test's tmp folder (or WATCHFLOOR_ARTEFACTS)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import incident_factory as F
from helpers.browser import chromium_page, shot
from helpers.desk import escape_story, fill_store
from helpers.serving import LOOPBACK, serving
from watchfloor.merge.blocking import incident_keys
from watchfloor.model import Precision
from watchfloor.serve import create_app
from watchfloor.store import open_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def desk_url(tmp_path_factory) -> Iterator[str]:
    """The escape story plus one incident placed at the United States' centroid."""
    store = open_store(str(tmp_path_factory.mktemp("desk") / "desk.db"))
    readings, incidents = escape_story()
    fill_store(store, readings, incidents)
    far = F.place("United States", 39.8, -98.5, "US", "", Precision.COUNTRY)
    abroad = F.make_incident(F.seed_claims()[:1], seed="evm-abroad", where=far)
    # Three incidents at one prison: one cluster at the first zoom.
    prison = F.place("Ghwayran prison", 36.47, 40.72, "SY", "Al-Hasakah", Precision.FACILITY)
    dense = [
        F.make_incident(F.seed_claims()[:1], seed=f"evm-dense-{n}", where=prison) for n in range(3)
    ]
    made = [abroad, *dense]
    store.save_incidents(made, {i.id: incident_keys(i) for i in made})
    with serving(create_app(store)) as port:
        yield f"http://{LOOPBACK}:{port}"
    store.close()


@pytest.fixture(scope="module")
def page(desk_url):
    with chromium_page() as tab:
        yield tab


def test_overview_lists_what_the_map_leaves_out_and_links_exports(page, desk_url, tmp_path):
    page.goto(desk_url + "/")
    page.wait_for_selector("svg#map[data-ready='true']")
    assert page.locator("svg#map .marker").count() == 5
    assert page.locator("svg#map .cluster").count() >= 1
    assert "3" in page.text_content("svg#map .clusters")
    assert page.locator("svg#map .label-country", has_text="Iran").count() == 1
    page.click("#not-drawn summary")
    listed = page.inner_text("#not-drawn")
    assert "United States" in listed and "outside the map" in listed
    formats = page.locator("#export-links a.export")
    assert formats.count() == 4
    assert page.locator("nav a[href='/facilities']").count() == 1
    shot(page, "overview", tmp_path)
    assert page.errors == []
    href = page.get_attribute("#export-links a[data-format='acled']", "href")
    response = page.request.get(desk_url + href)
    assert response.ok and "watchfloor_incident_id" in response.text()


def test_zooming_in_opens_clusters_and_shows_smaller_places(page, desk_url, tmp_path):
    page.goto(desk_url + "/")
    page.wait_for_selector("svg#map[data-ready='true']")
    assert not page.locator("svg#map .label-admin1").first.is_visible()
    for _ in range(8):  # each click zooms into the cluster, until every marker is drawn
        if page.get_attribute("svg#map", "data-clusters") == "0":
            break
        page.locator("svg#map .cluster").first.click()
    assert page.get_attribute("svg#map", "data-clusters") == "0"
    assert page.get_attribute("svg#map", "data-zoom") == "3"
    assert page.locator("svg#map a.incident-link:visible").count() >= 3
    assert page.locator("svg#map .label-admin1:visible").count() >= 1
    shot(page, "map-zoomed", tmp_path)
    page.click("#zoom-reset")
    assert page.get_attribute("svg#map", "data-zoom") == "1"
    assert page.errors == []


def test_timeline_drag_filters_the_page_to_that_period(page, desk_url, tmp_path):
    page.goto(desk_url + "/")
    page.wait_for_selector("svg#timeline[data-ready='true']")
    page.locator("svg#timeline").scroll_into_view_if_needed()
    box = page.locator("svg#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)
    page.mouse.up()
    page.wait_for_url("**since=**")
    assert "until=" in page.url
    page.wait_for_selector("svg#map[data-ready='true']")
    shot(page, "timeline-selected", tmp_path)
    assert page.errors == []


def test_incident_page_has_a_mini_map_and_whole_chart_labels(page, desk_url, tmp_path):
    page.goto(desk_url + "/")
    page.wait_for_selector("svg#map[data-ready='true']")
    page.locator("svg#map .marker.corr-contested").click()
    page.wait_for_selector("#claims")
    assert page.locator("svg#mini-map .marker").count() == 1
    lefts = page.eval_on_selector_all(
        "svg.chart.figures text.label", "els => els.map(e => e.getBBox().x)"
    )
    assert lefts and min(lefts) >= 0, lefts
    shot(page, "incident", tmp_path)


def test_search_and_facilities_pages(page, desk_url, tmp_path):
    page.goto(desk_url + "/search?q=prison")
    assert page.locator("#export-links").count() == 1
    shot(page, "search", tmp_path)
    page.click("nav a[href='/facilities']")
    page.wait_for_url("**/facilities")
    shot(page, "facilities", tmp_path)
    assert page.errors == []
