"""Feeds: one document per entry, bad entries rejected alone, links fetched through the guard."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from watchfloor.errors import EmptyInput, MalformedFeed
from watchfloor.ingest import IngestOptions, read_bytes, read_inputs
from watchfloor.model import Document, Rejection

DATA = Path(__file__).resolve().parents[1] / "data"
PUBLIC = "93.184.216.34"  # a public address; DNS is faked, nothing leaves the machine


def public_dns(host: str, port: int) -> list[str]:
    return [PUBLIC]


def page_client(pages: dict[str, bytes]) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        body = pages.get(str(request.url))
        if body is None:
            return httpx.Response(404)
        return httpx.Response(200, content=body, headers={"content-type": "text/html"})

    return httpx.Client(transport=httpx.MockTransport(handler))


def test_feed_bad_entry_does_not_stop_the_others():
    options = IngestOptions(fetch_feed_links=False)
    items = list(read_inputs([str(DATA / "ingest" / "mixed-entries.rss")], options))
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["Document", "Rejection", "Document"]
    good, bad, summary = items
    assert isinstance(good, Document) and isinstance(bad, Rejection)
    assert good.outlet == "Test Desk Feed"
    assert good.title == "Good entry with content"
    assert good.url == "https://example.org/desk/1"
    assert good.published == datetime(2022, 1, 24, 16, tzinfo=UTC)
    assert good.removed == ("Share this",)
    assert good.source.endswith("mixed-entries.rss#entry-1")
    assert bad.code == EmptyInput.code
    assert bad.source.endswith("#entry-2")
    assert isinstance(summary, Document) and "dozens of prisoners" in summary.text


def test_feed_summary_entry_fetches_link_when_allowed():
    article = (
        b"<html><body><p>The full article: dozens of prisoners remain missing, "
        b"the monitor said.</p></body></html>"
    )
    client = page_client({"https://example.org/desk/3": article})
    items = list(
        read_inputs(
            [str(DATA / "ingest" / "mixed-entries.rss")],
            IngestOptions(),
            client=client,
            resolver=public_dns,
        )
    )
    third = items[2]
    assert isinstance(third, Document)
    assert third.text.startswith("The full article")
    assert third.title == "Summary-only entry"  # the entry's metadata wins over the page's


def test_feed_failed_link_fetch_keeps_summary_and_records_why():
    client = page_client({})
    items = list(
        read_inputs(
            [str(DATA / "ingest" / "mixed-entries.rss")],
            IngestOptions(),
            client=client,
            resolver=public_dns,
        )
    )
    third = items[2]
    assert isinstance(third, Document)
    assert "dozens of prisoners" in third.text
    assert "WF-I010" in third.extras["fetch_error"]


def test_feed_link_to_private_address_is_not_fetched():
    client = page_client({"https://example.org/desk/3": b"<p>should never be read</p>"})
    items = list(
        read_inputs(
            [str(DATA / "ingest" / "mixed-entries.rss")],
            IngestOptions(),
            client=client,
            resolver=lambda host, port: ["10.0.0.7"],
        )
    )
    third = items[2]
    assert isinstance(third, Document)
    assert "WF-I006" in third.extras["fetch_error"]


def test_feed_atom_entry():
    (doc,) = read_bytes((DATA / "ingest" / "atom.xml").read_bytes(), "atom.xml", IngestOptions())
    assert doc.outlet == "Atom Test Desk"
    assert doc.author == "Atom Staff"
    assert doc.url == "https://example.org/atom/1"
    assert doc.text.endswith(
        "\n\nThe SDF said it had regained full control of the prison in Hasakah."
    )
    assert doc.text.startswith(str(doc.title))


def test_feed_malformed_names_parser_line():
    with pytest.raises(MalformedFeed) as caught:
        read_bytes((DATA / "bad" / "malformed.xml").read_bytes(), "malformed.xml", IngestOptions())
    assert caught.value.code == "WF-I003"
    assert "line " in caught.value.message
    assert "check the URL points at the feed" in caught.value.message


def test_feed_without_entries_is_empty():
    raw = b"<?xml version='1.0'?><rss version='2.0'><channel><title>Quiet</title></channel></rss>"
    with pytest.raises(EmptyInput):
        read_bytes(raw, "quiet.xml", IngestOptions())


def test_read_bytes_skip_policy_drops_bad_entries():
    raw = (DATA / "ingest" / "mixed-entries.rss").read_bytes()
    options = IngestOptions(fetch_feed_links=False)
    with pytest.raises(EmptyInput):
        read_bytes(raw, "feed.rss", options)
    docs = read_bytes(raw, "feed.rss", options, errors="skip")
    assert [d.title for d in docs] == ["Good entry with content", "Summary-only entry"]


def _one_entry_feed(item: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
        f"{item}</channel></rss>"
    ).encode()


def test_feed_item_is_read_with_its_title_first():
    from watchfloor.ingest.feeds import read_feed

    raw = _one_entry_feed(
        "<item><title>Kurdish forces retake Hasakah prison</title><guid>a</guid>"
        "<description>The fighting lasted six days, the group said.</description></item>"
    )
    (document,) = read_feed(raw, source="wire.xml", layers=())
    assert isinstance(document, Document)
    assert document.text.startswith("Kurdish forces retake Hasakah prison\n\nThe fighting")
    assert document.title == "Kurdish forces retake Hasakah prison"


def test_feed_item_with_only_a_title_is_a_one_line_report_and_a_bare_word_is_refused():
    from watchfloor.ingest.feeds import read_feed

    raw = _one_entry_feed(
        "<item><title>Air strike kills five in Idlib</title><guid>a</guid></item>"
        "<item><title>Update</title><guid>b</guid></item>"
    )
    report, refused = read_feed(raw, source="wire.xml", layers=())
    assert isinstance(report, Document) and report.text == "Air strike kills five in Idlib"
    assert isinstance(refused, EmptyInput)


def test_feed_title_is_not_repeated_when_the_body_opens_with_it():
    from watchfloor.ingest.feeds import with_title

    assert (
        with_title("Strike on Azaz", "Strike on Azaz\n\nSeven died.")
        == "Strike on Azaz\n\nSeven died."
    )
    assert with_title("", "Seven died.") == "Seven died."
