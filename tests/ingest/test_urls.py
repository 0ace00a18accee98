"""The URL fetcher: address guard on every hop and connection, redirects, caps, errors."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpx
import pytest

from watchfloor.errors import BlockedAddress, TooLarge, Unreachable, UnsupportedType
from watchfloor.ingest import IngestOptions, read_inputs
from watchfloor.ingest.urls import check_address, fetch_url, guarded_client
from watchfloor.model import Document, Rejection

PUBLIC = "93.184.216.34"
ARTICLE = (
    b"<html><body><p>The SDF said it had regained full control of the prison.</p></body></html>"
)


def dns(table: dict[str, str]):
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [table[host]]

    return resolve


def client_for(handler) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=ARTICLE, headers={"content-type": "text/html"})


@pytest.mark.parametrize(
    ("url", "resolved"),
    [
        ("http://127.0.0.1/admin", None),
        ("http://[::1]/", None),
        ("http://10.1.2.3/", None),
        ("http://192.168.0.10/", None),
        ("http://169.254.169.254/latest/meta-data/", None),
        ("http://0.0.0.0/", None),
        ("http://[::ffff:127.0.0.1]/", None),
        ("http://224.0.0.1/", None),
        ("http://100.64.0.1/", None),
        ("http://intranet.example/", "172.16.5.4"),
        ("http://localhost:8000/", "127.0.0.1"),
        ("http://v6.example/", "fe80::1%eth0"),
    ],
)
def test_check_address_blocks_non_public(url, resolved):
    resolver = dns({httpx.URL(url).host: resolved}) if resolved else dns({})
    with pytest.raises(BlockedAddress) as caught:
        check_address(url, IngestOptions(), resolver)
    assert caught.value.code == "WF-I006"
    assert "--allow-private" in caught.value.message


def test_check_address_allows_public_and_private_when_asked():
    check_address("https://news.example/a", IngestOptions(), dns({"news.example": PUBLIC}))
    check_address("http://127.0.0.1/", IngestOptions(allow_private=True), dns({}))


def test_check_address_refuses_other_schemes():
    with pytest.raises(UnsupportedType):
        check_address("ftp://news.example/a", IngestOptions(), dns({}))


def test_fetch_url_public_host_via_mocked_dns():
    fetched = fetch_url(
        "https://news.example/a",
        IngestOptions(),
        client=client_for(ok),
        resolver=dns({"news.example": PUBLIC}),
    )
    assert fetched.content == ARTICLE
    assert fetched.media_type == "text/html"


def test_fetch_url_redirect_to_private_host_is_blocked():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"location": "http://internal.example/secret"})
        raise AssertionError("the private host must never be contacted")

    resolver = dns({"news.example": PUBLIC, "internal.example": "10.0.0.5"})
    with pytest.raises(BlockedAddress) as caught:
        fetch_url(
            "https://news.example/a", IngestOptions(), client=client_for(handler), resolver=resolver
        )
    assert "10.0.0.5" in caught.value.message


def test_fetch_url_follows_relative_redirects_to_final_url():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "/new"})
        return ok(request)

    fetched = fetch_url(
        "https://news.example/old",
        IngestOptions(),
        client=client_for(handler),
        resolver=dns({"news.example": PUBLIC}),
    )
    assert fetched.url == "https://news.example/new"


def test_fetch_url_too_many_redirects():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "/loop"})

    with pytest.raises(Unreachable, match="redirects"):
        fetch_url(
            "https://news.example/",
            IngestOptions(max_redirects=3),
            client=client_for(handler),
            resolver=dns({"news.example": PUBLIC}),
        )


@pytest.mark.parametrize(
    ("handler", "text"),
    [
        (lambda request: httpx.Response(404), "HTTP 404"),
        (lambda request: httpx.Response(503), "HTTP 503"),
    ],
)
def test_fetch_url_http_errors_are_unreachable(handler, text):
    with pytest.raises(Unreachable) as caught:
        fetch_url(
            "https://news.example/",
            IngestOptions(),
            client=client_for(handler),
            resolver=dns({"news.example": PUBLIC}),
        )
    assert text in caught.value.message
    assert caught.value.code == "WF-I010"


@pytest.mark.parametrize(
    "error", [httpx.ConnectError("refused"), httpx.ReadTimeout("slow")], ids=["connect", "timeout"]
)
def test_fetch_url_transport_errors_are_unreachable(error):
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    with pytest.raises(Unreachable):
        fetch_url(
            "https://news.example/",
            IngestOptions(),
            client=client_for(handler),
            resolver=dns({"news.example": PUBLIC}),
        )


def test_fetch_url_unresolvable_host_is_unreachable():
    with pytest.raises(Unreachable, match="cannot resolve"):
        fetch_url(
            "https://nowhere.example/", IngestOptions(), client=client_for(ok), resolver=dns({})
        )


def test_fetch_url_stream_stops_at_cap():
    def handler(request: httpx.Request) -> httpx.Response:
        # No content-length: the cap must be enforced while streaming.
        return httpx.Response(200, content=iter([b"x" * 1000] * 50))

    with pytest.raises(TooLarge):
        fetch_url(
            "https://news.example/",
            IngestOptions(max_bytes=10_000),
            client=client_for(handler),
            resolver=dns({"news.example": PUBLIC}),
        )


def test_fetch_url_declared_length_over_cap():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * 2000)

    with pytest.raises(TooLarge):
        fetch_url(
            "https://news.example/",
            IngestOptions(max_bytes=1000),
            client=client_for(handler),
            resolver=dns({"news.example": PUBLIC}),
        )


def test_read_inputs_url_document_and_rejection():
    resolver = dns({"news.example": PUBLIC})
    items = list(
        read_inputs(
            ["https://news.example/a", "http://127.0.0.1/x"],
            IngestOptions(),
            client=client_for(ok),
            resolver=resolver,
        )
    )
    doc, refused = items
    assert isinstance(doc, Document) and doc.url == "https://news.example/a"
    assert doc.source == "https://news.example/a"
    assert isinstance(refused, Rejection) and refused.code == "WF-I006"
    assert refused.stage == "ingest"


# Real connections, all to a server on loopback: the guarded client connects to the address
# the guard vetted (never resolving the name a second time), keeps the name in the Host header,
# and refuses before connecting when the name's answer is not public.


class _Desk(BaseHTTPRequestHandler):
    """Serves an article, or a slow redirect to itself; records each request's Host header."""

    hosts: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Desk.hosts.append(self.headers.get("host", ""))
        if self.path == "/slow-redirect":
            time.sleep(0.2)
            self.send_response(302)
            self.send_header("location", "/slow-redirect")
            self.send_header("content-length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(ARTICLE)))
        self.end_headers()
        self.wfile.write(ARTICLE)

    def log_message(self, *args: object) -> None:
        return


class _CountingServer(ThreadingHTTPServer):
    """A loopback HTTP server that counts the connections it accepted."""

    daemon_threads = True
    accepted = 0

    def verify_request(self, request, client_address) -> bool:
        self.accepted += 1
        return True


@pytest.fixture
def desk_server() -> Iterator[_CountingServer]:
    """A _Desk server on 127.0.0.1, with its request log cleared."""
    _Desk.hosts = []
    server = _CountingServer(("127.0.0.1", 0), _Desk)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


LOOPBACK_OK = IngestOptions(allow_private=True, fetch_timeout=5)


def test_fetch_url_connects_to_the_resolver_answer_keeping_the_name(desk_server):
    port = desk_server.server_address[1]
    # desk.example does not exist in any DNS: the connection can only use this answer.
    fetched = fetch_url(
        f"http://desk.example:{port}/article",
        LOOPBACK_OK,
        resolver=lambda host, _port: {"desk.example": ["127.0.0.1"]}[host],
    )
    assert fetched.content == ARTICLE
    assert _Desk.hosts == [f"desk.example:{port}"]


def test_fetch_url_tries_each_vetted_address_in_turn(desk_server):
    port = desk_server.server_address[1]
    # 127.0.0.2 is loopback on Linux but nothing listens there: refused, then the next one.
    fetched = fetch_url(
        f"http://desk.example:{port}/article",
        LOOPBACK_OK,
        resolver=lambda host, _port: ["127.0.0.2", "127.0.0.1"],
    )
    assert fetched.content == ARTICLE


@pytest.mark.issue(8)
def test_fetch_url_rebinding_refused_before_connecting(desk_server):
    port = desk_server.server_address[1]
    answers = iter([[PUBLIC]])  # the guard's lookup is public, the connection's is loopback
    url = f"http://rebind.example:{port}/article"
    with pytest.raises(BlockedAddress) as caught:
        fetch_url(url, IngestOptions(), resolver=lambda host, _port: next(answers, ["127.0.0.1"]))
    assert caught.value.source == url
    assert desk_server.accepted == 0


@pytest.mark.issue(8)
def test_guarded_client_vets_every_connection_itself(desk_server):
    # No check_address before it (as on a redirect hop): the connection is still refused.
    port = desk_server.server_address[1]
    client = guarded_client(IngestOptions(), resolver=lambda host, _port: ["127.0.0.1"])
    with client, pytest.raises(BlockedAddress, match="loopback"):
        client.get(f"http://desk.example:{port}/article")
    assert desk_server.accepted == 0


@pytest.mark.issue(8)
def test_fetch_url_deadline_covers_the_redirect_chain(desk_server):
    port = desk_server.server_address[1]
    # Each hop answers in 0.2 s, well within the timeout; the six hops together do not.
    options = IngestOptions(allow_private=True, fetch_timeout=0.5, max_redirects=5)
    with pytest.raises(Unreachable, match=r"no answer within 0\.5 s"):
        fetch_url(f"http://127.0.0.1:{port}/slow-redirect", options)
    assert len(_Desk.hosts) < 6
