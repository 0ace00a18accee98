"""The desk in a real headless Chromium: map draws, incident opens, list filters.

Runs Debian's chromium through Playwright (never `playwright install`: it downloads). Skips
with the reason when either is missing. Screenshots are saved under the test's tmp folder
(`WATCHFLOOR_ARTEFACTS` names a folder to keep them in instead).
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "serve"))
from desk_factory import escape_story, fill_store

from watchfloor.serve import create_app
from watchfloor.store import open_store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def desk_url(tmp_path_factory) -> Iterator[str]:
    """The desk over a small store, served by uvicorn in a thread on a free local port."""
    uvicorn = pytest.importorskip("uvicorn")
    store = open_store(str(tmp_path_factory.mktemp("desk") / "desk.db"))
    readings, incidents = escape_story()
    fill_store(store, readings, incidents)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):  # wait for the socket, not for a time
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def page(desk_url):
    """A Chromium page; skips when chromium or playwright is not installed."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        tab.errors = errors
        yield tab
        browser.close()


def _shot(tab, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("WATCHFLOOR_ARTEFACTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


def test_browser_overview_draws_map_and_timeline(page, desk_url, tmp_path):
    page.goto(desk_url + "/")
    page.wait_for_selector("svg#map[data-ready='true']")
    assert page.locator("svg#map .basemap path").count() > 100
    assert page.locator("svg#map .marker").count() == 2
    assert page.locator("svg#timeline .tl-dot").count() == 2
    box = page.locator("svg#map").bounding_box()
    assert box["width"] > 500 and box["height"] > 300
    _shot(page, "overview", tmp_path)
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
    _shot(page, "incident", tmp_path)


def test_browser_filter_list_by_type(page, desk_url):
    page.goto(desk_url + "/")
    assert page.locator("a.incident-row").count() == 2
    page.select_option("select[name=type]", "armed_clash")
    page.click("#apply-filters")
    page.wait_for_url("**/?type=armed_clash**")
    assert page.locator("a.incident-row").count() == 1
    assert page.locator("svg#map .marker").count() == 1
    assert "Armed clash" in page.inner_text("#incident-list")
