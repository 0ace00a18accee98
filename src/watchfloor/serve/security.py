"""The desk's edge: Host names it serves, the token before any body, and a cap on bodies.

Plain ASGI, run before routing, so that nothing a request carries is read before it is allowed:

- **Host check.** A web page elsewhere can reach a desk on loopback through DNS rebinding (its
  own name made to resolve to 127.0.0.1); the browser then sends that name as Host. The desk
  answers only the names it is configured to serve (loopback names by default; `*.example.org`
  allows subdomains, `*` any name), else 400 before anything else happens.
- **Token first.** A write to /api (any method but GET, HEAD, OPTIONS) is refused with 403 on a
  read-only desk and 401 without the right bearer token, before its body is read: a client
  without the token cannot make the desk read, parse or hold a byte of what it sends.
- **Body cap.** A declared Content-Length over the cap is refused with 413 at once; a body sent
  without one (chunked) is read up to the cap and refused as soon as it passes it.
"""

from __future__ import annotations

import hmac
import html
from collections.abc import Iterable, Sequence

from fastapi.responses import HTMLResponse, Response
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from watchfloor.serve.desk import SafeJSONResponse, error_body

__all__ = ["LOOPBACK_HOSTS", "EdgeMiddleware", "host_allowed", "host_name"]

LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def host_name(header: str) -> str:
    """The name in a Host header, without port or IPv6 brackets, lower-cased."""
    value = header.strip().lower()
    if value.startswith("["):  # [::1]:8000
        return value[1:].split("]", 1)[0]
    if value.count(":") == 1:  # name:port (a bare IPv6 address has several colons)
        value = value.split(":", 1)[0]
    return value.rstrip(".")  # "desk.example." is the same name, fully qualified


def host_allowed(header: str | None, allowed: Iterable[str]) -> bool:
    """Whether a Host header names one of the allowed hosts (`*.domain`, `*` for any)."""
    if header is None:
        return False
    name = host_name(header)
    if not name:
        return False
    for pattern in allowed:
        entry = pattern.strip().lower()
        if entry == "*":
            return True
        if entry.startswith("*."):
            if name.endswith(entry[1:]) and len(name) > len(entry) - 1:
                return True
        elif host_name(entry) == name:
            return True
    return False


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


def _bearer(scope: Scope) -> str | None:
    scheme, _, given = (_header(scope, b"authorization") or "").partition(" ")
    return given.strip() if scheme.lower() == "bearer" else None


def _error(
    scope: Scope, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    """The API's JSON error shape under /api, a plain page elsewhere."""
    path = str(scope.get("path", ""))
    if path.startswith("/api/") or path in ("/api", "/openapi.json"):
        return SafeJSONResponse(error_body(status, message), status_code=status, headers=headers)
    text = html.escape(message)
    body = f"<!DOCTYPE html><title>Error {status}</title><h1>Error {status}</h1><p>{text}</p>"
    return HTMLResponse(body, status_code=status, headers=headers)


class _TooLarge(Exception):
    """The body passed the cap while it was being received."""


class EdgeMiddleware:
    """Host check, token before body on API writes, and the body cap (see the module doc)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        allowed_hosts: Sequence[str] | None,
        max_body_bytes: int,
    ) -> None:
        self.app = app
        self.allowed_hosts = tuple(allowed_hosts) if allowed_hosts is not None else None
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse what is not allowed before the app sees it; else pass the request on."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        if str(scope.get("method", "GET")).upper() in _SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        try:
            body = await self._body(receive)
        except _TooLarge:
            await self._too_large(scope)(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    def _refusal(self, scope: Scope) -> Response | None:
        """The response refusing this request before its body is read, or None."""
        if self.allowed_hosts is not None and not host_allowed(
            _header(scope, b"host"), self.allowed_hosts
        ):
            return _error(
                scope,
                400,
                "this desk does not answer to that Host name; start it with --allowed-host "
                "NAME (or WATCHFLOOR_DESK_HOSTS) to serve it under another name",
            )
        method = str(scope.get("method", "GET")).upper()
        path = str(scope.get("path", ""))
        if method not in _SAFE_METHODS and path.startswith("/api/") and _routed(scope):
            desk = scope["app"].state.desk
            if not desk.is_writable:
                return _error(
                    scope, 403, "this desk is read-only: start it with --token to allow writes"
                )
            given = _bearer(scope)
            if given is None or not hmac.compare_digest(
                given.encode("utf-8"), str(desk.token).encode("utf-8")
            ):
                return _error(
                    scope,
                    401,
                    "missing or wrong bearer token",
                    headers={"WWW-Authenticate": "Bearer"},
                )
        declared = (_header(scope, b"content-length") or "").strip()
        # A length of 16+ digits is over any cap (and int() refuses 4,300+ digits).
        if declared.isdigit() and (len(declared) > 15 or int(declared) > self.max_body_bytes):
            return self._too_large(scope)
        return None

    def _too_large(self, scope: Scope) -> Response:
        return _error(
            scope,
            413,
            f"the request body is over the {self.max_body_bytes:,}-byte cap "
            "(WATCHFLOOR_MAX_BODY_BYTES); ingest large files with `watchfloor ingest`",
        )

    async def _body(self, receive: Receive) -> bytes:
        """The whole request body, read message by message, never past the cap."""
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away; the app sees an empty body
            body.extend(message.get("body", b""))
            if len(body) > self.max_body_bytes:
                raise _TooLarge
            if not message.get("more_body", False):
                break
        return bytes(body)


def _routed(scope: Scope) -> bool:
    """Whether some route takes this method on this path (else the app answers 404 or 405)."""
    return any(route.matches(scope)[0] is Match.FULL for route in scope["app"].routes)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that hands the app the body already read, then the client's own messages."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
