"""Size and time caps on every input: files, the command line, responses, hostile markup.

A hostile or broken input must cost bounded memory and time and end in an InputError that is
recorded, never in a crash or a hang: oversized files are refused from their size on disk,
responses are cut at the cap even when compressed, a silent server times out, and entity or
nesting bombs in feeds and pages are read or refused.
"""

from __future__ import annotations

import gzip
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from watchfloor.errors import InputError, TooLarge, Unreachable
from watchfloor.ingest import IngestOptions, read_bytes, read_inputs, read_text
from watchfloor.ingest.feeds import read_feed
from watchfloor.ingest.urls import fetch_url
from watchfloor.model import Document, Rejection
from watchfloor.store import open_store

PUBLIC = "93.184.216.34"
REPORT = "Hundreds of prisoners escaped from the prison near Hasakah, officials said. " * 3


@pytest.mark.issue(8)
def test_caps_oversized_file_refused_from_its_size(tmp_path):
    huge = tmp_path / "archive.txt"
    with huge.open("wb") as handle:
        handle.truncate(256 * 1024 * 1024)  # sparse: 256 MB on paper, nothing on disk
    small = tmp_path / "report.txt"
    small.write_text(REPORT, encoding="utf-8")
    items = list(read_inputs([str(tmp_path)], IngestOptions(max_bytes=1_000_000)))
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert [(r.source, r.code) for r in rejected] == [(str(huge), "WF-I005")]
    assert "--max-bytes" in rejected[0].message
    assert [d.source for d in items if isinstance(d, Document)] == [str(small)]


@pytest.mark.issue(8)
def test_caps_text_and_bytes_over_cap_are_too_large():
    options = IngestOptions(max_bytes=100)
    with pytest.raises(TooLarge, match="WF-I005"):
        read_text(REPORT, "pasted.txt", options)
    with pytest.raises(TooLarge, match="WF-I005"):
        read_bytes(REPORT.encode(), "upload.txt", options)


@pytest.mark.issue(8)
def test_caps_command_line_max_bytes_refuses_and_records(tmp_path, wf_cli):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "short.txt").write_text(REPORT[:200], encoding="utf-8")
    (tmp_path / "in" / "long.txt").write_text(REPORT * 20, encoding="utf-8")
    db = str(tmp_path / "caps.db")
    result = wf_cli(
        "ingest", "--db", db, "--no-extract", "--max-bytes", "1000", str(tmp_path / "in")
    )
    assert result.exit_code == 1, result.output  # some refused, the rest stored
    assert "WF-I005" in result.output
    store = open_store(db)
    assert [(r.code, Path(r.source).name) for r, _n in store.rejections()] == [
        ("WF-I005", "long.txt")
    ]
    assert [d.source for d in store.list_documents()] == [str(tmp_path / "in" / "short.txt")]
    store.close()


def _client(handler) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def _public(host: str, port: int) -> list[str]:
    return [PUBLIC]


@pytest.mark.issue(8)
def test_caps_compressed_response_cut_at_cap_after_decompression():
    bomb = gzip.compress(b"A" * 50_000_000)  # 50 MB of text in about 50 KB on the wire

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=bomb, headers={"content-encoding": "gzip", "content-type": "text/html"}
        )

    options = IngestOptions(max_bytes=1_000_000)
    with _client(handler) as client, pytest.raises(TooLarge):
        fetch_url("https://news.example/bomb", options, client=client, resolver=_public)


class _Server(ThreadingHTTPServer):
    daemon_threads = True


def _serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[int]:
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
    thread.join(5)


class _Silent(BaseHTTPRequestHandler):
    """Accepts the connection, then says nothing for longer than any test waits."""

    def do_GET(self) -> None:
        time.sleep(3)

    def log_message(self, *args: object) -> None:
        return


class _Trickle(BaseHTTPRequestHandler):
    """Answers at once, then sends the body a few bytes at a time, never pausing long."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/plain")
        self.end_headers()
        for _ in range(12):
            self.wfile.write(b"escaped. ")
            self.wfile.flush()
            time.sleep(0.25)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def silent_server() -> Iterator[int]:
    """Port of a loopback server that never answers."""
    yield from _serve(_Silent)


@pytest.fixture
def trickle_server() -> Iterator[int]:
    """Port of a loopback server that drips its body."""
    yield from _serve(_Trickle)


def _loopback_ok() -> IngestOptions:
    # These servers live on loopback, which the guard refuses unless told otherwise.
    return IngestOptions(allow_private=True, fetch_timeout=0.5)


@pytest.mark.issue(8)
def test_caps_silent_server_times_out(silent_server):
    with pytest.raises(Unreachable, match="no answer within"):
        fetch_url(f"http://127.0.0.1:{silent_server}/", _loopback_ok())


@pytest.mark.issue(8)
def test_caps_dripping_server_stopped_by_a_total_deadline(trickle_server):
    # 12 chunks 0.25 s apart: each read is well within 0.5 s, the whole takes 3 s.
    with pytest.raises(Unreachable):
        fetch_url(f"http://127.0.0.1:{trickle_server}/", _loopback_ok())


@pytest.mark.issue(8)
def test_caps_entity_bomb_in_a_feed_is_not_expanded():
    lol = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )  # lol9 expands to 10**9 "lol"s
    feed = (
        f"<?xml version='1.0'?><!DOCTYPE rss [{lol}]><rss version='2.0'><channel>"
        "<title>Wire</title><item><title>Escape</title><description>&lol9;</description>"
        "</item></channel></rss>"
    ).encode()
    try:
        items = list(read_feed(feed, source="bomb.xml", layers=()))
    except InputError:
        return  # refused outright: fine
    for item in items:
        if isinstance(item, Document):
            assert len(item.text) < 1_000_000, "a billion laughs were expanded"


@pytest.mark.issue(8)
def test_caps_deeply_nested_page_is_read_or_refused():
    depth = 50_000
    page = "<html><body>" + "<div>" * depth + REPORT + "</div>" * depth + "</body></html>"
    limit = sys.getrecursionlimit()
    try:
        documents = read_bytes(page.encode(), "deep.html", IngestOptions(), "text/html")
    except InputError:
        return
    finally:
        assert sys.getrecursionlimit() == limit
    assert documents and "prisoners escaped" in documents[0].text
