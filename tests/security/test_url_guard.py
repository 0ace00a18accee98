"""Cross-checks of the URL guard (SSRF): every disguise of a non-public address is refused.

These complement tests/ingest/test_urls.py from the attacker's side: numeric host spellings the
C library accepts, IPv6 forms, URL tricks, names whose DNS answers include a private address
(socket.getaddrinfo is mocked: no network), redirect chains, and DNS rebinding between the
check and the connection (a real server on loopback, which must never be reached).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from watchfloor.errors import BlockedAddress, InputError, UnsupportedType
from watchfloor.ingest import IngestOptions
from watchfloor.ingest.urls import check_address, fetch_url

PUBLIC = "93.184.216.34"
OPTIONS = IngestOptions()
ARTICLE = b"<html><body><p>Hundreds of prisoners escaped, officials said.</p></body></html>"

# Spellings of loopback and private addresses that reach them although they do not look so.
DISGUISED = [
    "http://2130706433/",  # 127.0.0.1 as one decimal number
    "http://017700000001/",  # ... in octal
    "http://0x7f.0.0.1/",  # hexadecimal first byte
    "http://127.1/",  # short form
    "http://0/",  # 0.0.0.0 reaches the local host on Linux
    "http://[::]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[::ffff:7f00:1]/",  # IPv4-mapped loopback, hex form
    "http://[::ffff:10.0.0.1]/",  # IPv4-mapped private
    "http://[::ffff:169.254.169.254]/",  # IPv4-mapped cloud metadata
    "http://[fc00::1]/",  # unique local
    "http://[fe80::1]/",  # link-local
    "http://[ff02::1]/",  # multicast
    "http://93.184.216.34@127.0.0.1/",  # userinfo that looks like the host
    "http://127.0.0.1#@example.org/",  # fragment that hides the real host
    "HTTP://127.0.0.1:8080/",  # scheme case
    "http://169.254.169.254/latest/meta-data/",
    "http://198.18.0.1/",  # benchmarking range, not global
]


@pytest.mark.issue(8)
@pytest.mark.parametrize("url", DISGUISED)
def test_guard_refuses_disguised_addresses(url):
    # The real resolver: numeric spellings are parsed by the C library, no DNS query is made.
    with pytest.raises(BlockedAddress, match="WF-I006"):
        check_address(url, OPTIONS)


@pytest.mark.parametrize("url", ["http://0177.0.0.1/", "http://[::1%25lo]/", "http://:80/"])
def test_guard_refuses_urls_it_cannot_parse(url):
    # Refused before any connection (httpx will not parse them): never fetched.
    with pytest.raises(InputError):
        check_address(url, OPTIONS)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://127.0.0.1:70/", "data:,x"]
)
def test_guard_refuses_other_schemes(url):
    with pytest.raises(InputError) as caught:
        check_address(url, OPTIONS)
    assert isinstance(caught.value, UnsupportedType | BlockedAddress)


def _addrinfo(*addresses: str, port: int = 80) -> list[tuple]:
    """What socket.getaddrinfo returns for these addresses."""
    infos = []
    for address in addresses:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        sockaddr = (address, port, 0, 0) if family == socket.AF_INET6 else (address, port)
        infos.append((family, socket.SOCK_STREAM, 6, "", sockaddr))
    return infos


@pytest.fixture
def fake_dns(monkeypatch) -> Callable[[dict[str, list[str]]], None]:
    """Replace socket.getaddrinfo with a table (host -> addresses); unknown names fail."""

    def install(table: dict[str, list[str]]) -> None:
        real = socket.getaddrinfo

        def getaddrinfo(host, port, *args, **kwargs):
            if host in table:
                return _addrinfo(*table[host])
            # Numeric spellings never reach DNS: the C library parses them itself.
            return real(host, port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)

    return install


@pytest.mark.issue(8)
@pytest.mark.parametrize(
    "answers",
    [
        ["127.0.0.1"],
        ["10.0.0.5"],
        [PUBLIC, "192.168.1.1"],  # one private answer among public ones is enough to refuse
        ["::1"],
        [PUBLIC, "fd12:3456::1"],
        ["fe80::1%eth0"],
        ["::ffff:127.0.0.1"],
    ],
)
def test_guard_refuses_names_resolving_to_non_public(fake_dns, answers):
    fake_dns({"news.example": answers})
    with pytest.raises(BlockedAddress, match="--allow-private"):
        check_address("https://news.example/report", OPTIONS)


def test_guard_lets_public_names_through(fake_dns):
    fake_dns({"news.example": [PUBLIC, "2606:2800:220:1::1"]})
    check_address("https://news.example/report", OPTIONS)  # no error


class Recorder:
    """A mock transport that serves a redirect chain and records every host it was asked for."""

    def __init__(self, chain: dict[str, str]) -> None:
        self.chain = chain  # host -> Location to redirect to ("" serves the article)
        self.hosts: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.hosts.append(request.url.host)
        location = self.chain.get(request.url.host, "")
        if location:
            return httpx.Response(302, headers={"location": location})
        return httpx.Response(200, content=ARTICLE, headers={"content-type": "text/html"})


@pytest.mark.issue(8)
@pytest.mark.parametrize(
    ("location", "forbidden"),
    [
        ("http://127.0.0.1/admin", "127.0.0.1"),
        ("//127.0.0.1/admin", "127.0.0.1"),  # scheme-relative
        ("http://[::1]:8000/", "::1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://2130706433/", "2130706433"),
        ("http://intranet.example/", "intranet.example"),
    ],
)
def test_guard_refuses_redirects_to_non_public_without_contacting_them(
    fake_dns, location, forbidden
):
    fake_dns(
        {"news.example": [PUBLIC], "mirror.example": [PUBLIC], "intranet.example": ["10.1.1.1"]}
    )
    recorder = Recorder({"news.example": "https://mirror.example/a", "mirror.example": location})
    client = httpx.Client(transport=httpx.MockTransport(recorder))
    with client, pytest.raises(BlockedAddress):
        fetch_url("https://news.example/story", OPTIONS, client=client)
    assert recorder.hosts == ["news.example", "mirror.example"]
    assert forbidden not in recorder.hosts


def test_guard_refuses_redirect_to_another_scheme(fake_dns):
    fake_dns({"news.example": [PUBLIC]})
    recorder = Recorder({"news.example": "file:///etc/passwd"})
    client = httpx.Client(transport=httpx.MockTransport(recorder))
    with client, pytest.raises(UnsupportedType):
        fetch_url("https://news.example/story", OPTIONS, client=client)


class _Secret(BaseHTTPRequestHandler):
    """A service on loopback that an outside URL must never reach."""

    def do_GET(self) -> None:
        body = b"<html><body><p>internal admin secrets of the local network</p></body></html>"
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return  # keep the test output clean


@pytest.fixture
def loopback_service() -> Iterator[int]:
    """The port of a real HTTP server on 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Secret)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.mark.issue(8)
def test_guard_dns_rebinding_never_reaches_loopback(monkeypatch, loopback_service):
    answers = iter([[PUBLIC]])  # the first answer is public, every later one is loopback
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host == "rebind.example":
            return _addrinfo(*next(answers, ["127.0.0.1"]), port=int(port))
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with pytest.raises(BlockedAddress):
        fetch_url(f"http://rebind.example:{loopback_service}/", OPTIONS)
