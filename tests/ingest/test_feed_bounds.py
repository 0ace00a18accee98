"""Feeds at scale: addresses checked before any client is built, one client per batch, entries
capped per feed, and `--no-fetch-links` to read a feed file without touching the network.

A 10k-entry feed whose links could not be fetched used to cost 0.11 s per entry (an HTTP
client with two TLS contexts built before the address check). The counts below are of
clients built and fetches made, never of seconds.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from watchfloor.errors import TooLarge
from watchfloor.ingest import IngestOptions, read_inputs, urls
from watchfloor.model import Document, Rejection

PUBLIC = "93.184.216.34"  # DNS is faked: nothing leaves the machine


def _feed(path: Path, entries: int) -> Path:
    items = "".join(
        f"<item><title>Entry {n}</title><link>https://news.example.org/{n}</link>"
        f"<guid>https://news.example.org/{n}</guid>"
        f"<description>Summary {n}: prisoners escaped near Hasakah, officials said."
        "</description></item>"
        for n in range(entries)
    )
    path.write_text(
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}"
        "</channel></rss>",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the guarded clients built; each answers every page with a short article."""
    count = [0]

    def handler(request: httpx.Request) -> httpx.Response:
        body = f"<html><body><p>Full article at {request.url.path}: the prisoners were "
        body += "caught again near the border, the monitor said.</p></body></html>"
        return httpx.Response(200, content=body.encode(), headers={"content-type": "text/html"})

    def guarded_client(options: IngestOptions, resolver: object = None) -> httpx.Client:
        count[0] += 1
        return httpx.Client(transport=httpx.MockTransport(handler))

    monkeypatch.setattr(urls, "guarded_client", guarded_client)
    return count


@pytest.mark.issue(17)
def test_feed_links_to_refused_addresses_build_no_client(tmp_path, built):
    feed = _feed(tmp_path / "feed.rss", 40)
    items = list(read_inputs([str(feed)], IngestOptions(), resolver=lambda h, p: ["10.0.0.7"]))
    documents = [i for i in items if isinstance(i, Document)]
    assert len(documents) == 40  # the summaries are kept
    assert all("WF-I006" in d.extras["fetch_error"] for d in documents)
    assert built[0] == 0


@pytest.mark.issue(17)
def test_feed_links_share_one_client_per_batch(tmp_path, built):
    first = _feed(tmp_path / "one.rss", 25)
    second = _feed(tmp_path / "two.rss", 5)
    items = list(
        read_inputs([str(first), str(second)], IngestOptions(), resolver=lambda h, p: [PUBLIC])
    )
    documents = [i for i in items if isinstance(i, Document)]
    assert len(documents) == 30
    assert all(d.text.startswith("Full article") for d in documents)
    assert built[0] == 1


@pytest.mark.issue(17)
def test_feed_entries_capped_per_feed(tmp_path):
    feed = _feed(tmp_path / "big.rss", 30)
    options = IngestOptions(fetch_feed_links=False, max_feed_entries=10)
    items = list(read_inputs([str(feed)], options))
    documents = [i for i in items if isinstance(i, Document)]
    refused = [i for i in items if isinstance(i, Rejection)]
    assert [d.title for d in documents] == [f"Entry {n}" for n in range(10)]
    assert [(r.code, r.source.rsplit("#", 1)[1]) for r in refused] == [
        (TooLarge.code, "entries-11-30")
    ]
    assert "30 entries" in refused[0].message


@pytest.mark.issue(17)
def test_ingest_no_fetch_links_never_fetches(tmp_path, monkeypatch, wf_cli):
    from watchfloor.ingest import readers

    fetched: list[str] = []

    def fetch_url(url: str, *args: object, **kwargs: object) -> object:
        fetched.append(url)
        raise AssertionError("no link may be fetched with --no-fetch-links")

    monkeypatch.setattr(readers, "fetch_url", fetch_url)
    feed = _feed(tmp_path / "feed.rss", 12)
    db = str(tmp_path / "f.db")
    result = wf_cli("ingest", "--db", db, "--no-extract", "--no-fetch-links", str(feed))
    assert result.exit_code == 0, result.output
    assert "12 stored" in result.output
    assert fetched == []


@pytest.mark.issue(17)
def test_ingest_max_entries_option(tmp_path, wf_cli):
    feed = _feed(tmp_path / "feed.rss", 12)
    db = str(tmp_path / "f.db")
    args = ("ingest", "--db", db, "--no-extract", "--no-fetch-links", "--max-entries", "5")
    result = wf_cli(*args, str(feed))
    assert result.exit_code == 1, result.output
    assert "5 stored" in result.output and "[WF-I005]" in result.output


@pytest.mark.issue(17)
def test_feed_links_resolve_each_host_once_per_batch(tmp_path, built):
    feed = _feed(tmp_path / "feed.rss", 30)  # every link on news.example.org
    asked: list[str] = []

    def unresolvable(host: str, port: int) -> list[str]:
        asked.append(host)
        raise OSError("Name or service not known")

    items = list(read_inputs([str(feed)], IngestOptions(), resolver=unresolvable))
    documents = [i for i in items if isinstance(i, Document)]
    assert len(documents) == 30  # each keeps its summary and says why its link was not read
    assert all("WF-I010" in d.extras["fetch_error"] for d in documents)
    assert asked == ["news.example.org"]
    assert built[0] == 0
