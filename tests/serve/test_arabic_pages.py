"""Arabic text on the desk's pages: right to left, marked as Arabic, highlights intact."""

from __future__ import annotations

import re

import httpx
import pytest

from helpers.desk import arabic_story, escape_story, fill_store
from watchfloor.serve import create_app
from watchfloor.serve.bidi import is_rtl, text_dir
from watchfloor.store import open_store

pytestmark = pytest.mark.issue(18)


@pytest.fixture(scope="module")
def desk():
    store = open_store(":memory:")
    readings, incidents = escape_story()
    arabic, incident = arabic_story()
    fill_store(store, [*readings, arabic], [*incidents, incident])
    yield create_app(store), arabic, incident, readings
    store.close()


def _get(app, url: str) -> str:
    async def fetch() -> str:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://desk") as client:
            response = await client.get(url)
            assert response.status_code == 200, url
            return response.text

    import anyio

    return anyio.run(fetch)


@pytest.mark.parametrize(
    ("text", "language", "rtl"),
    [
        ("قتل ثلاثة في الحسكة", None, True),
        ("SDF: قتل ثلاثة في الحسكة", None, True),  # mostly Arabic, opening with a Latin name
        ("Three killed in al-Hasakah (الحسكة)", None, False),
        ("", "ar", True),
        ("Reuters", "ar-SY", True),
        (None, None, False),
    ],
)
def test_bidi_direction_from_letters_or_language(text, language, rtl):
    assert is_rtl(text, language) is rtl
    assert str(text_dir(text, language)) == (' dir="rtl" lang="ar"' if rtl else ' dir="auto"')


def test_arabic_document_page_right_to_left_with_highlights(desk):
    app, arabic, _, readings = desk
    html = _get(app, f"/documents/{arabic.document.id}")
    article = re.search(
        r'<article class="doc-text" id="doc-text"([^>]*)>(.*?)</article>', html, re.S
    )
    assert article is not None
    assert article.group(1) == ' dir="rtl" lang="ar"'
    assert '<h1 dir="rtl" lang="ar">فرار سجناء من سجن غويران</h1>' in html
    body = article.group(2)
    for kind, text in (("actor", "قوات سوريا الديمقراطية"), ("place", "الحسكة"), ("figure", "15")):
        assert re.search(f'<mark class="hl-{kind} "[^>]*>{text}</mark>', body), kind
    # The clitic stays outside the highlight, in the same word: بـ + <mark>الحسكة</mark>.
    assert "ب<mark" in body
    english = _get(app, f"/documents/{readings[0].document.id}")
    assert '<article class="doc-text" id="doc-text" dir="auto">' in english


def test_arabic_incident_sentence_and_search_snippet_right_to_left(desk):
    app, _, incident, _ = desk
    html = _get(app, f"/incidents/{incident.id}")
    assert '<blockquote class="sentence" dir="rtl" lang="ar">' in html
    found = _get(app, "/search?q=حسكة")
    assert found.count('<span class="snippet" dir="rtl" lang="ar">') == 2  # incident, document
    assert '<mark class="match">بالحسكة</mark>' in found
    assert 'dir="rtl" lang="ar">فرار سجناء من سجن غويران</a>' in found
    assert "الديمقراطية" in found  # the snippet as written, not the folded index form
    english = _get(app, "/search?q=Rudaw")  # an English outlet: its snippets stay auto
    assert 'lang="ar"' not in english and '<span class="snippet" dir="auto">' in english
