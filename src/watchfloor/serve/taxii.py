"""TAXII 2.1 server of the desk: discovery, API root, collections, objects, manifest, versions.

Read-only (collections have `can_write: false`). Every endpoint below the discovery resource
needs a token: the desk's own (`--token`, reads every collection) or a partner's read token
(named in the TAXII file, reads the collections listed for it), sent as
`Authorization: Bearer <token>` or as the password of HTTP basic authentication (what
taxii2-client, OpenCTI and MISP offer). Answers are `application/taxii+json;version=2.1`;
errors are TAXII error messages. Collections, pages and markings: export/taxii_feed.py.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from watchfloor.export.taxii_feed import (
    TAXII_MEDIA_TYPE,
    CollectionSpec,
    Exchange,
    Page,
    PageRequest,
    load_exchange,
    parse_timestamp,
)
from watchfloor.export.taxii_feed import BadRequest as _BadRequest
from watchfloor.serve.desk import Desk

__all__ = ["API_ROOT", "DISCOVERY", "exchange_of", "router"]

DISCOVERY = "/taxii2/"
API_ROOT = "/taxii2/api/"
MAX_PAGE = 1000
MAX_CONTENT = 10_000_000
router = APIRouter(include_in_schema=False)


class _Refusal(Exception):
    def __init__(self, status: int, title: str, description: str = "") -> None:
        super().__init__(title)
        self.status, self.title, self.description = status, title, description


def _taxii(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    text = json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return Response(
        text.encode("utf-8", errors="replace"),
        status_code=status,
        media_type=TAXII_MEDIA_TYPE,
        headers=headers,
    )


def _error(refusal: _Refusal) -> Response:
    headers = {}
    if refusal.status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="taxii", Basic realm="taxii"'
    body = {
        "title": refusal.title,
        "description": refusal.description,
        "http_status": str(refusal.status),
    }
    return _taxii(body, refusal.status, headers)


def exchange_of(request: Request) -> Exchange:
    """The collections this desk serves (set by `watchfloor serve`; default: one of all)."""
    exchange = getattr(request.app.state, "exchange", None)
    if exchange is None:
        exchange = load_exchange(None, "watchfloor")
        request.app.state.exchange = exchange
    assert isinstance(exchange, Exchange)
    return exchange


def _accepts_taxii(request: Request) -> None:
    accept = request.headers.get("accept", "").replace(" ", "").lower()
    if not accept:
        return
    if any(
        part.split(";")[0] in ("application/taxii+json", "*/*", "application/*")
        and ("version=" not in part or "version=2.1" in part)
        for part in accept.split(",")
    ):
        return
    raise _Refusal(406, "not acceptable", f"this server answers {TAXII_MEDIA_TYPE}")


def _token_of(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        return value.strip() or None
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2] or None
    return None


def _reader(request: Request) -> str | None:
    """None for the desk's own token, else the partner's name; 401 for anyone else."""
    token = _token_of(request)
    desk: Desk = request.app.state.desk
    if token and desk.accepts(token):
        return None
    reader = exchange_of(request).reader_of(token) if token else None
    if reader is None:
        raise _Refusal(401, "authentication required", "send the desk's or a partner's token")
    return reader


def _collection(request: Request, ref: str) -> CollectionSpec:
    reader = _reader(request)
    desk: Desk = request.app.state.desk
    spec = exchange_of(request).collection(ref, desk.store)
    if spec is None or not spec.readable_by(reader):
        # The same answer for "no such collection" and "not yours": nothing leaks.
        raise _Refusal(404, "no such collection", f"{ref!r} is not a collection you can read")
    return spec


def _list(request: Request, name: str) -> frozenset[str] | None:
    values = [v for raw in request.query_params.getlist(name) for v in raw.split(",") if v]
    return frozenset(values) if values else None


def _page_request(request: Request, object_id: str | None = None) -> PageRequest:
    params = request.query_params
    known = {"added_after", "limit", "next", "match[id]", "match[type]", "match[version]"}
    known.add("match[spec_version]")
    unknown = set(params) - known
    if unknown:
        raise _Refusal(400, "unknown parameter", ", ".join(sorted(unknown)))
    try:
        limit = int(params.get("limit", "100"))
        added_after = params.get("added_after")
        after = parse_timestamp(added_after) if added_after else None
    except (ValueError, OverflowError):
        raise _Refusal(400, "bad parameter", "limit is a number, added_after a time") from None
    if limit < 1:
        raise _Refusal(400, "bad parameter", "limit must be 1 or more")
    spec_versions = _list(request, "match[spec_version]")
    if spec_versions is not None and "2.1" not in spec_versions:
        # Every object served is STIX 2.1: asking for other versions matches nothing.
        return PageRequest(after, min(limit, MAX_PAGE), None, frozenset(), None, None)
    ids = frozenset({object_id}) if object_id else _list(request, "match[id]")
    return PageRequest(
        added_after=after,
        limit=min(limit, MAX_PAGE),
        next=params.get("next") or None,
        ids=ids,
        types=_list(request, "match[type]"),
        versions=_list(request, "match[version]"),
    )


def _page(request: Request, spec: CollectionSpec, wanted: PageRequest) -> Page:
    desk: Desk = request.app.state.desk
    try:
        return exchange_of(request).page(desk.store, spec, wanted)
    except _BadRequest as exc:
        raise _Refusal(400, "bad parameter", str(exc)) from None


def _added_headers(page: Page) -> dict[str, str]:
    if not page.items:
        return {}
    return {
        "X-TAXII-Date-Added-First": page.items[0][0],
        "X-TAXII-Date-Added-Last": page.items[-1][0],
    }


def _answer(request: Request, build: Any) -> Response:
    try:
        _accepts_taxii(request)
        return build()  # type: ignore[no-any-return]
    except _Refusal as refusal:
        return _error(refusal)


@router.get(DISCOVERY)
def discovery(request: Request) -> Response:
    """The discovery resource: where the API root is (open, like any index page)."""
    exchange = exchange_of(request)
    root = str(request.url_for("api_root"))
    return _answer(
        request,
        lambda: _taxii(
            {
                "title": f"{exchange.desk} (watchfloor)",
                "description": "Incidents with their claims, chains and markings, as STIX 2.1.",
                "default": root,
                "api_roots": [root],
            }
        ),
    )


@router.get(API_ROOT)
def api_root(request: Request) -> Response:
    """The API root resource."""

    def build() -> Response:
        _reader(request)
        return _taxii(
            {
                "title": f"{exchange_of(request).desk} incidents",
                "versions": [TAXII_MEDIA_TYPE],
                "max_content_length": MAX_CONTENT,
            }
        )

    return _answer(request, build)


@router.get(API_ROOT + "collections/")
def collections(request: Request) -> Response:
    """The collections the caller may read."""

    def build() -> Response:
        reader = _reader(request)
        desk: Desk = request.app.state.desk
        served = exchange_of(request).all_collections(desk.store)
        found = [c.info() for c in served if c.readable_by(reader)]
        return _taxii({"collections": found} if found else {})

    return _answer(request, build)


@router.get(API_ROOT + "collections/{ref}/")
def collection(request: Request, ref: str) -> Response:
    """One collection."""
    return _answer(request, lambda: _taxii(_collection(request, ref).info()))


def _objects_response(request: Request, ref: str, object_id: str | None) -> Response:
    spec = _collection(request, ref)
    page = _page(request, spec, _page_request(request, object_id))
    if object_id is not None and not page.items:
        raise _Refusal(404, "no such object", f"{object_id} is not in this collection")
    body: dict[str, Any] = {"more": page.more}
    if page.next:
        body["next"] = page.next
    if page.items:
        body["objects"] = [obj for _, obj in page.items]
    return _taxii(body, headers=_added_headers(page))


@router.get(API_ROOT + "collections/{ref}/objects/")
def objects(request: Request, ref: str) -> Response:
    """The collection's objects, filtered (added_after, match[id|type|version]) and paged."""
    return _answer(request, lambda: _objects_response(request, ref, None))


@router.post(API_ROOT + "collections/{ref}/objects/")
def add_objects(request: Request, ref: str) -> Response:
    """Writing to a collection is refused: partners exchange by polling each other."""

    def build() -> Response:
        _collection(request, ref)
        raise _Refusal(403, "read-only collection", "this desk's collections have can_write false")

    return _answer(request, build)


@router.get(API_ROOT + "collections/{ref}/objects/{object_id}/")
def one_object(request: Request, ref: str, object_id: str) -> Response:
    """One object of the collection (its current version)."""
    return _answer(request, lambda: _objects_response(request, ref, object_id))


@router.get(API_ROOT + "collections/{ref}/objects/{object_id}/versions/")
def versions(request: Request, ref: str, object_id: str) -> Response:
    """The versions of one object held here (the current one: older ones are not kept)."""

    def build() -> Response:
        spec = _collection(request, ref)
        wanted = _page_request(request, object_id)
        page = _page(request, spec, wanted)
        if not page.items:
            raise _Refusal(404, "no such object", f"{object_id} is not in this collection")
        found = sorted({str(o.get("modified") or o.get("created")) for _, o in page.items})
        return _taxii({"more": False, "versions": found}, headers=_added_headers(page))

    return _answer(request, build)


@router.get(API_ROOT + "collections/{ref}/manifest/")
def manifest(request: Request, ref: str) -> Response:
    """What the collection holds: id, date added, version and media type of each object."""

    def build() -> Response:
        spec = _collection(request, ref)
        page = _page(request, spec, _page_request(request))
        body: dict[str, Any] = {"more": page.more}
        if page.next:
            body["next"] = page.next
        if page.items:
            body["objects"] = [
                {
                    "id": obj["id"],
                    "date_added": added,
                    "version": str(obj.get("modified") or obj.get("created")),
                    "media_type": "application/stix+json;version=2.1",
                }
                for added, obj in page.items
            ]
        return _taxii(body, headers=_added_headers(page))

    return _answer(request, build)
