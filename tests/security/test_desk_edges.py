"""The desk trusts nothing it did not check: Host names, the token before the body, body size,
ingest URLs, numeric parameters, and binding beyond loopback.

Each case was a reproduced hole: the desk answered any Host (DNS rebinding), read a 60 MB
unauthenticated body (and answered bad JSON without a token with 422, not 401), stored a
server file given as an ingest "url", and answered `offset=99999999999999999999` with a 500.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest
import uvicorn

from watchfloor.serve import create_app
from watchfloor.serve.security import LOOPBACK_HOSTS, host_allowed, host_name
from watchfloor.store import Store, open_store

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def store() -> Iterator[Store]:
    store = open_store(":memory:")
    yield store
    store.close()


def _client(app: Any, host: str = "127.0.0.1:8000") -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=f"http://{host}")


async def _raw(
    app: Any, method: str, path: str, headers: list[tuple[bytes, bytes]], chunks: list[bytes]
) -> tuple[int, bytes, int]:
    """Call the ASGI app directly; returns (status, body, body messages the app asked for)."""
    asked = [0]
    pending = list(chunks)

    async def receive() -> dict[str, Any]:
        asked[0] += 1
        if not pending:
            return {"type": "http.disconnect"}
        body = pending.pop(0)
        return {"type": "http.request", "body": body, "more_body": bool(pending)}

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "scheme": "http",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1:8000"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }
    call: Callable[..., Awaitable[None]] = app
    await call(scope, receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body, asked[0]


# -- the token before the body ----------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.issue(17)
async def test_edges_bad_json_without_token_is_401_and_body_never_read(store):
    app = create_app(store, token=TOKEN)
    headers = [(b"content-type", b"application/json"), (b"content-length", b"9")]
    status, body, asked = await _raw(app, "POST", "/api/v1/ingest", headers, [b"{not json"])
    assert status == 401
    assert json.loads(body)["status"] == 401
    assert asked == 0  # not one byte of the body was received


@pytest.mark.anyio
@pytest.mark.issue(17)
async def test_edges_read_only_desk_refuses_writes_before_the_body(store):
    app = create_app(store)
    status, _, asked = await _raw(app, "POST", "/api/v1/overrides", [], [b"x" * 1000])
    assert (status, asked) == (403, 0)


@pytest.mark.anyio
@pytest.mark.issue(17)
async def test_edges_declared_body_over_the_cap_is_413_unread(store):
    app = create_app(store, token=TOKEN, max_body_bytes=1000)
    headers = [(b"authorization", f"Bearer {TOKEN}".encode()), (b"content-length", b"60000000")]
    status, body, asked = await _raw(app, "POST", "/api/v1/ingest", headers, [b"x"])
    assert (status, asked) == (413, 0)
    assert "cap" in json.loads(body)["error"]


@pytest.mark.anyio
@pytest.mark.issue(17)
async def test_edges_chunked_body_is_cut_as_it_passes_the_cap(store):
    app = create_app(store, token=TOKEN, max_body_bytes=1000)
    headers = [(b"authorization", f"Bearer {TOKEN}".encode())]
    chunks = [b"x" * 400] * 50  # 20 kB sent without a length
    status, _, asked = await _raw(app, "POST", "/api/v1/ingest", headers, chunks)
    assert status == 413
    assert asked == 3  # stopped at the chunk that passed 1,000 bytes, not at the 50th


@pytest.mark.anyio
@pytest.mark.issue(17)
async def test_edges_body_under_the_cap_still_reaches_the_handler(store):
    app = create_app(store, token=TOKEN, max_body_bytes=100_000)
    async with _client(app) as c:
        bad = await c.post("/api/v1/ingest", content=b"{not json", headers=AUTH)
        assert bad.status_code == 422  # with the token, bad JSON is a validation error
        empty = await c.post("/api/v1/ingest", json={"text": "   "}, headers=AUTH)
        assert empty.status_code == 422 and "empty" in empty.json()["error"]


# -- ingest URLs --------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.issue(17)
@pytest.mark.parametrize("kind", ["path", "file-url", "relative", "no-host"])
async def test_edges_desk_ingest_never_reads_server_files(store, tmp_path, kind):
    secret = tmp_path / "secret.txt"
    secret.write_text("The server's own file, which the desk must never store.", "utf-8")
    url = {
        "path": str(secret),
        "file-url": secret.as_uri(),
        "relative": "secret.txt",
        "no-host": "http:///etc/passwd",
    }[kind]
    app = create_app(store, token=TOKEN)
    async with _client(app) as c:
        response = await c.post("/api/v1/ingest", json={"url": url}, headers=AUTH)
    assert response.status_code == 422, response.text
    assert "http(s)" in response.json()["error"]
    assert store.document_ids() == []


# -- Host names ---------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.issue(17)
async def test_edges_host_header_checked(store):
    app = create_app(store, allowed_hosts=LOOPBACK_HOSTS)
    for host, status in [
        ("127.0.0.1:8000", 200),
        ("localhost:8000", 200),
        ("[::1]:8000", 200),
        ("attacker.example:8000", 400),  # a rebinding page's own name
        ("127.0.0.1.attacker.example", 400),
    ]:
        async with _client(app, host) as c:
            api = await c.get("/api/v1/summary")
            page = await c.get("/")
        assert (host, api.status_code, page.status_code) == (host, status, status)
        if status == 400:
            assert api.json()["status"] == 400 and "Host" in api.json()["error"]
            assert page.headers["content-security-policy"]  # refusals keep the headers


def test_edges_host_names_and_patterns():
    assert host_name("[::1]:8000") == "::1" and host_name("Desk.Example.:80") == "desk.example"
    assert host_allowed("desk.example.org", ["*.example.org"])
    assert not host_allowed("example.org.evil", ["*.example.org"])
    assert not host_allowed(None, LOOPBACK_HOSTS) and not host_allowed("", LOOPBACK_HOSTS)
    assert host_allowed("anything", ["*"])


# -- numeric parameters -------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.issue(17)
@pytest.mark.parametrize(
    "query",
    [
        "/api/v1/documents?offset=99999999999999999999",
        "/api/v1/documents?limit=99999999999999999999",
        "/api/v1/documents?offset=-1",
        "/api/v1/incidents?offset=99999999999999999999",
        "/api/v1/incidents?km=nan&lat=36&lon=40",
        "/api/v1/incidents?limit=" + "9" * 5000,
        "/api/v1/search?q=x&limit=99999999999999999999",
    ],
)
async def test_edges_huge_numbers_are_422_not_500(store, query):
    async with _client(create_app(store)) as c:
        response = await c.get(query)
    assert response.status_code == 422, response.text


# -- `watchfloor serve`: loopback by default, --public to go further -----------------------


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Capture what `watchfloor serve` would run instead of running it."""
    runs: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: runs.append({"app": app, **kw}))
    return runs


@pytest.mark.issue(17)
def test_edges_serve_beyond_loopback_needs_public(tmp_path, wf_cli, served):
    db = str(tmp_path / "d.db")
    refused = wf_cli("serve", "--db", db, "--host", "0.0.0.0")
    assert refused.exit_code == 2 and "--public" in refused.output
    assert served == []
    allowed = wf_cli("serve", "--db", db, "--host", "0.0.0.0", "--public", "--port", "8123")
    assert allowed.exit_code == 0, allowed.output
    assert served[0]["host"] == "0.0.0.0"
    assert "who can reach the desk" in allowed.output
    assert ":8123/" in allowed.output


@pytest.mark.anyio
@pytest.mark.issue(17)
async def test_edges_serve_answers_loopback_names_only(tmp_path, wf_cli, served):
    result = wf_cli("serve", "--db", str(tmp_path / "d.db"), "--allowed-host", "desk.lan")
    assert result.exit_code == 0, result.output
    app = served[0]["app"]
    for host, status in [("127.0.0.1:8000", 200), ("desk.lan", 200), ("rebind.example", 400)]:
        async with _client(app, host) as c:
            assert (await c.get("/api/v1/summary")).status_code == status
