"""The desk's web application: server-rendered pages and the JSON API over one store.

`create_app(store, token=...)` builds a FastAPI app. Without a token it is read-only; with
one, POST endpoints (ingest, analyst actions) require `Authorization: Bearer <token>` (or the
token typed into a page's form). Every response carries a strict Content-Security-Policy and
nosniff; every error from /api is the one JSON shape `{"ok": false, "error", "errors",
"status"}`, and pages get an HTML error page instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from watchfloor import __version__
from watchfloor.config import MAX_BODY_BYTES
from watchfloor.extract import Extractor
from watchfloor.report.templates import charts_css
from watchfloor.serve import api, exports, facilities, markings, pages, taxii, taxii_admin
from watchfloor.serve.desk import Desk, SafeJSONResponse, error_body, page_environment, render_page
from watchfloor.serve.security import EdgeMiddleware
from watchfloor.serve.views import FilterError
from watchfloor.store import Store

__all__ = ["create_app"]

logger = logging.getLogger(__name__)

PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_STATIC = {"desk.css": "text/css", "desk.js": "text/javascript"}


def _is_api(path: str) -> bool:
    return path.startswith("/api/") or path in ("/api", "/openapi.json")


def _error_response(request: Request, status: int, error: str, errors: list[Any]) -> Response:
    if _is_api(request.url.path):
        return SafeJSONResponse(error_body(status, error, errors), status_code=status)
    desk: Desk = request.app.state.desk
    return render_page(
        desk, "error.html.jinja", status=status, status_code=status, error=error, errors=errors
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    detail = exc.detail
    errors: list[Any] = []
    if isinstance(detail, dict):
        error, errors = str(detail.get("error", "")), list(detail.get("errors", []))
    else:
        error = str(detail)
    response = _error_response(request, exc.status_code, error, errors)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": [str(part) for part in e.get("loc", ())], "message": str(e.get("msg", ""))}
        for e in exc.errors()
    ]
    return _error_response(request, 422, "the request is not valid", errors)


async def _filter_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, FilterError)
    return _error_response(request, 422, f"bad filter: {exc}", list(exc.errors))


class GuardMiddleware:
    """Adds security headers to every response and turns crashes into the error shape.

    Written as plain ASGI so that an exception in a handler becomes a 500 response here
    (Starlette's own handler re-raises after responding, which would crash test clients and
    leave no consistent body).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Wrap `send` to add headers; answer 500 if the app fails before responding."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                extra = {
                    b"content-security-policy": PAGE_CSP.encode(),
                    b"x-content-type-options": b"nosniff",
                    b"referrer-policy": b"no-referrer",
                    b"x-frame-options": b"DENY",
                    b"cross-origin-resource-policy": b"same-origin",
                }
                headers += [(k, v) for k, v in extra.items() if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, guarded_send)
        except Exception:
            logger.exception("unhandled error on %s", scope.get("path"))
            if started:
                raise
            path = str(scope.get("path", ""))
            body = error_body(500, "internal error; it was logged, please report it")
            if _is_api(path):
                response: Response = SafeJSONResponse(body, status_code=500)
            else:
                response = HTMLResponse(
                    "<!DOCTYPE html><title>Error</title><p>Internal error.", status_code=500
                )
            await response(scope, receive, guarded_send)


def _static(name: str) -> Response:
    if name == "charts.css":
        return Response(charts_css(), media_type="text/css")
    if name not in _STATIC:
        raise HTTPException(404, f"no static file {name!r}")
    body = resources.files("watchfloor.serve").joinpath(f"static/{name}").read_bytes()
    return Response(body, media_type=_STATIC[name], headers={"Cache-Control": "max-age=300"})


def create_app(
    store: Store,
    *,
    token: str | None = None,
    extractor_factory: Callable[[], Extractor | None] | None = None,
    allowed_hosts: Sequence[str] | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> FastAPI:
    """The desk over a store: pages at /, the JSON API at /api/v1, its schema at /openapi.json.

    Args:
        store: the store to read (and, with a token, to write).
        token: enables POST ingest and analyst actions for holders of this bearer token.
        extractor_factory: builds the extractor used by POST /api/v1/ingest (called once,
            on first use); None stores ingested documents without a reading.
        allowed_hosts: the Host names answered (security.py); `watchfloor serve` passes the
            loopback names unless told otherwise. None answers any Host (in-process use).
        max_body_bytes: the largest request body read (413 past it).
    """
    app = FastAPI(
        title="watchfloor desk API",
        version=__version__,
        docs_url=None,  # the default pages load Swagger/ReDoc from a CDN: not offline
        redoc_url=None,
        openapi_url="/openapi.json",
        default_response_class=SafeJSONResponse,
    )
    app.state.desk = Desk(store, token or None, page_environment(), extractor_factory)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(FilterError, _filter_error)
    # Added first, so it runs inside GuardMiddleware: its refusals get the security headers.
    app.add_middleware(EdgeMiddleware, allowed_hosts=allowed_hosts, max_body_bytes=max_body_bytes)
    app.add_middleware(GuardMiddleware)
    app.add_api_route("/static/{name}", _static, methods=["GET"], include_in_schema=False)
    app.include_router(api.router)
    app.include_router(exports.router)
    app.include_router(markings.router)  # TLP markings of incidents (issue 20)
    app.include_router(taxii.router)  # TAXII 2.1 at /taxii2/ (issue 20)
    app.include_router(taxii_admin.router)  # collections defined from the desk (issue 20)
    app.include_router(facilities.router)
    app.include_router(pages.router)
    return app
