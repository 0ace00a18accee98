"""Arabic text in headless Chromium: laid out right to left, highlights in place, Latin names
and numbers readable inside an Arabic line; document, incident and search pages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from helpers.browser import chromium_page, shot
from helpers.desk import arabic_story, escape_story, fill_store
from helpers.serving import LOOPBACK, serving
from watchfloor.serve import create_app
from watchfloor.store import open_store

pytestmark = [pytest.mark.slow, pytest.mark.issue(18)]

# Left edges of the highlights, of "SDF"'s first and last letters, and the line's box.
_GEOMETRY = """root => {
  const box = m => m.getBoundingClientRect();
  const mark = kind => root.querySelector('mark.hl-' + kind);
  const latin = (() => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.data.indexOf('SDF');
      if (at < 0) continue;
      const range = document.createRange();
      const letter = i => { range.setStart(n, i); range.setEnd(n, i + 1);
                            return range.getBoundingClientRect().left; };
      return [letter(at), letter(at + 2)];
    }
    return null;
  })();
  return {
    direction: getComputedStyle(root).direction,
    lang: root.lang,
    actor: box(mark('actor')), place: box(mark('place')), figure: box(mark('figure')),
    latin: latin, root: box(root),
  };
}"""


@pytest.fixture(scope="module")
def desk_url(tmp_path_factory) -> Iterator[tuple[str, str, str]]:
    store = open_store(str(tmp_path_factory.mktemp("desk") / "desk.db"))
    readings, incidents = escape_story()
    arabic, incident = arabic_story()
    fill_store(store, [*readings, arabic], [*incidents, incident])
    with serving(create_app(store)) as port:
        yield f"http://{LOOPBACK}:{port}", arabic.document.id, incident.id
    store.close()


@pytest.fixture(scope="module")
def page(desk_url):
    with chromium_page() as tab:
        yield tab


def _assert_right_to_left(geometry: dict) -> None:
    assert geometry["direction"] == "rtl" and geometry["lang"] == "ar"

    # Read right to left, line by line: the actor (first in the text), the figure, then the
    # place (last); on one line an earlier word lies to the right of a later one. The first
    # word starts on the right half of the box.
    def reading_order(kind: str) -> tuple[int, float]:
        return round(geometry[kind]["top"] / 10), -geometry[kind]["right"]

    assert reading_order("actor") < reading_order("figure") < reading_order("place")
    assert geometry["actor"]["right"] > geometry["root"]["left"] + geometry["root"]["width"] / 2
    for kind in ("actor", "place", "figure"):
        assert geometry[kind]["width"] > 0, kind
    # The Latin name inside the Arabic line still reads left to right: S before F.
    first, last = geometry["latin"]
    assert first < last


def test_arabic_document_page_right_to_left(page, desk_url, tmp_path):
    url, document_id, _ = desk_url
    page.goto(f"{url}/documents/{document_id}")
    _assert_right_to_left(page.eval_on_selector("#doc-text", _GEOMETRY))
    assert page.eval_on_selector("h1", "e => getComputedStyle(e).direction") == "rtl"
    shot(page, "arabic-document", tmp_path)
    assert page.errors == []


def test_arabic_incident_sentence_right_to_left(page, desk_url, tmp_path):
    url, _, incident_id = desk_url
    page.goto(f"{url}/incidents/{incident_id}")
    _assert_right_to_left(page.eval_on_selector("blockquote.sentence", _GEOMETRY))
    shot(page, "arabic-incident", tmp_path)


def test_arabic_search_snippets_right_to_left(page, desk_url, tmp_path):
    url, _, _ = desk_url
    page.goto(f"{url}/search?q=حسكة")
    snippets = page.locator(".snippet[dir=rtl]")
    assert snippets.count() == 2
    assert page.locator(".snippet mark.match").first.inner_text() == "بالحسكة"
    directions = page.eval_on_selector_all(
        ".snippet", "els => els.map(e => getComputedStyle(e).direction)"
    )
    assert directions == ["rtl", "rtl"]
    shot(page, "arabic-search", tmp_path)
    page.goto(f"{url}/documents/{desk_url[1]}")
    english = page.eval_on_selector("nav", "e => getComputedStyle(e).direction")
    assert english == "ltr"  # the page around Arabic text stays left to right
