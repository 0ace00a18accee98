"""The URL fetcher: address guard on every hop, manual redirects, size cap, errors."""

from __future__ import annotations

import socket

import httpx
import pytest

from watchfloor.errors import BlockedAddress, TooLarge, Unreachable, UnsupportedType
from watchfloor.ingest import IngestOptions, read_inputs
from watchfloor.ingest.urls import check_address, fetch_url
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
