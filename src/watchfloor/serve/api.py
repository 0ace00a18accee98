"""The JSON API under /api/v1: the pages' data, paginated and filtered, with one error shape."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException

from watchfloor.model.incidents import Incident
from watchfloor.report.sitrep import claim_sentence
from watchfloor.serve.actions import ActionError, apply_action, ingest_report
from watchfloor.serve.desk import Desk, render_page
from watchfloor.serve.schemas import (
    ActionOut,
    DocumentOut,
    DocumentPage,
    ErrorOut,
    IncidentOut,
    IncidentPage,
    IngestIn,
    IngestOut,
    OverrideIn,
    SearchOut,
    SummaryOut,
)
from watchfloor.serve.views import (
    find_summaries,
    incident_plain,
    incident_summary,
    mention_plain,
    next_filters,
    parse_filters,
    search_hit_plain,
)
from watchfloor.store.search import search_documents, search_incidents

__all__ = ["router"]

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (401, 403, 404, 422, 500)
}
router = APIRouter(prefix="/api/v1", responses=_ERRORS)

MAX_OFFSET = 10**9  # as the incident filters: past this, SQLite's integers would overflow


def desk_of(request: Request) -> Desk:
    """The desk behind this request."""
    desk: Desk = request.app.state.desk
    return desk


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> Desk:
    """The desk, if the request carries the configured bearer token; else 401/403."""
    desk = desk_of(request)
    if not desk.is_writable:
        raise HTTPException(403, "this desk is read-only: start it with --token to allow writes")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not desk.accepts(given.strip()):
        raise HTTPException(
            401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"}
        )
    return desk


def _next_link(request: Request, offset: int, has_more: bool) -> str | None:
    if not has_more:
        return None
    return str(request.url.include_query_params(offset=offset))


def sentences_of(desk: Desk, incident: Incident) -> dict[str, str | None]:
    """The sentence of each claim, by mention id."""
    cache: dict[str, Any] = {}
    return {c.mention_id: claim_sentence(desk.store, c, cache) for c in incident.claims}


@router.get("", response_model=dict[str, Any], summary="What the API offers")
def index() -> dict[str, Any]:
    """Links to the API's collections and its schema."""
    return {
        "ok": True,
        "incidents": "/api/v1/incidents",
        "documents": "/api/v1/documents",
        "search": "/api/v1/search?q=",
        "summary": "/api/v1/summary",
        "openapi": "/openapi.json",
        "docs": "/api/v1/docs",
    }


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def docs(request: Request) -> HTMLResponse:
    """An offline page listing every endpoint of the OpenAPI schema."""
    schema = request.app.openapi()
    return render_page(desk_of(request), "apidocs.html.jinja", schema=schema)


@router.get("/incidents", response_model=IncidentPage, summary="Incidents, filtered")
def list_incidents(
    request: Request,
    type: str | None = Query(None, description="event type code, e.g. prison_escape"),
    actor: str | None = Query(None, description="actor id or name"),
    place: str | None = Query(None, description="a place name claimed for some incident"),
    lat: str | None = Query(None),
    lon: str | None = Query(None),
    km: str | None = Query(None, description="radius around lat/lon or place (default 50)"),
    since: str | None = Query(None, description="YYYY-MM-DD"),
    until: str | None = Query(None, description="YYYY-MM-DD"),
    min_origins: str | None = Query(None, description="minimum independent origins"),
    q: str | None = Query(None, description="words in the claims"),
    limit: str | None = Query(None, description="1..500, default 50"),
    offset: str | None = Query(None),
) -> dict[str, Any]:
    """Incidents, latest first, with the page's filters (as on the overview page)."""
    filters = parse_filters(dict(request.query_params.items()))
    found, has_more = find_summaries(desk_of(request).store, filters)
    return {
        "ok": True,
        "limit": filters.limit,
        "offset": filters.offset,
        "next": _next_link(request, next_filters(filters).offset, has_more),
        "items": [incident_summary(i) for i in found],
    }


@router.get("/incidents/{ref}", response_model=IncidentOut, summary="One incident")
def get_incident(request: Request, ref: str) -> dict[str, Any]:
    """An incident with every claim side by side, its origins, disagreements and timeline."""
    desk = desk_of(request)
    incident = desk.store.get_incident(ref)
    if incident is None:
        raise HTTPException(404, f"no incident {ref[:80]!r}")
    return incident_plain(incident, sentences_of(desk, incident))


@router.get("/documents", response_model=DocumentPage, summary="Documents")
def list_documents(
    request: Request,
    outlet: str | None = None,
    genre: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    """Documents, newest first, by outlet and genre."""
    rows = desk_of(request).store.list_documents(
        outlet=outlet, genre=genre, limit=limit + 1, offset=offset
    )
    items = [
        {
            "id": r.id,
            "url": f"/api/v1/documents/{r.id}",
            "outlet": r.outlet,
            "title": r.title,
            "published": r.published,
            "genre": r.genre,
            "language": r.language,
            "words": r.words,
            "source": r.source,
        }
        for r in rows[:limit]
    ]
    return {
        "ok": True,
        "limit": limit,
        "offset": offset,
        "next": _next_link(request, offset + limit, len(rows) > limit),
        "items": items,
    }


@router.get("/documents/{ref}", response_model=DocumentOut, summary="One document")
def get_document(request: Request, ref: str) -> dict[str, Any]:
    """A document's text with its extractions, statement kinds and rejections."""
    store = desk_of(request).store
    document = store.get_document(ref)
    if document is None:
        raise HTTPException(404, f"no document {ref[:80]!r}")
    annotated = store.get_annotated(document.id)
    rejections = [
        {"code": r.code, "message": r.message, "stage": r.stage, "source": r.source, "times": n}
        for r, n in store.rejections()
        if r.source == document.source
    ]
    statements = []
    if annotated is not None:
        spans = {s.index: s for s in annotated.sentences}
        statements = [
            {
                "sentence": st.sentence,
                "start": spans[st.sentence].start if st.sentence in spans else st.evidence.start,
                "end": spans[st.sentence].end if st.sentence in spans else st.evidence.end,
                "kind": st.kind.value,
                "chain": [
                    {"name": c.name, "kind": c.kind.value, "actor_id": c.actor_id} for c in st.chain
                ],
            }
            for st in annotated.statements
        ]
    return {
        "ok": True,
        "id": document.id,
        "outlet": document.outlet,
        "title": document.title,
        "author": document.author,
        "url": document.url,
        "published": document.published,
        "language": document.language,
        "genre": document.genre.value,
        "reading_genre": annotated.genre.value if annotated and annotated.genre else None,
        "text": document.text,
        "mentions": mention_plain(annotated) if annotated else [],
        "statements": statements,
        "rejections": rejections,
    }


@router.get("/search", response_model=SearchOut, summary="Full-text search")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    """Documents (title, text) and incidents (claim sentences, outlets, place) matching q."""
    store = desk_of(request).store
    return {
        "ok": True,
        "query": q,
        "documents": [
            search_hit_plain(h, f"/api/v1/documents/{h.id}")
            for h in search_documents(store, q, limit=limit)
        ],
        "incidents": [
            search_hit_plain(h, f"/api/v1/incidents/{h.id}")
            for h in search_incidents(store, q, limit=limit)
        ],
    }


@router.get("/summary", response_model=SummaryOut, summary="What the store holds")
def summary(request: Request) -> dict[str, Any]:
    """Counts of documents, readings, mentions, incidents and rejections."""
    return {"ok": True, "summary": desk_of(request).store.summary()}


@router.post("/overrides", response_model=ActionOut, status_code=201, summary="Analyst action")
def add_override(body: OverrideIn, desk: Annotated[Desk, Depends(require_token)]) -> dict[str, Any]:
    """Merge incidents, split mentions off, or pin a field (needs the bearer token)."""
    try:
        override, applied = apply_action(
            desk,
            body.kind,
            body.targets,
            author=body.author,
            field=body.field,
            value=body.value,
            note=body.note,
        )
    except ActionError as exc:
        raise HTTPException(422, str(exc)) from exc
    message = "applied" if applied else "recorded; it takes effect at the next merge"
    return {"ok": True, "override_id": override.id, "applied": applied, "message": message}


@router.post("/ingest", response_model=IngestOut, status_code=201, summary="Ingest a report")
def ingest(body: IngestIn, desk: Annotated[Desk, Depends(require_token)]) -> dict[str, Any]:
    """Ingest a text or a URL through the pipeline (needs the bearer token)."""
    try:
        report = ingest_report(
            desk,
            text=body.text,
            url=body.url,
            title=body.title,
            outlet=body.outlet,
            published=body.published,
            language=body.language,
        )
    except ActionError as exc:
        raise HTTPException(422, str(exc)) from exc
    outcomes = [
        {
            "source": o.source,
            "status": o.status,
            "document_id": o.document_id,
            "code": o.code,
            "message": o.message,
        }
        for o in report.outcomes
    ]
    return {"ok": True, "outcomes": outcomes}
