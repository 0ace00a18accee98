"""The desk's HTML pages: overview (map, timeline, list), incident, document, search, report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from watchfloor.model import AnnotatedDocument, StatementKind
from watchfloor.model.incidents import Claim
from watchfloor.report.describe import incident_headline
from watchfloor.report.drawing import MapPicture, figure_chart, map_picture
from watchfloor.report.marker_layer import overview_map, overview_timeline
from watchfloor.report.render import render_html
from watchfloor.report.sitrep import build_report
from watchfloor.serve.actions import PINNABLE, ActionError, apply_action
from watchfloor.serve.desk import Desk, render_page
from watchfloor.serve.highlight import Segment, Span, document_spans, segments, sentence_spans
from watchfloor.serve.markers import find_marker_rows
from watchfloor.serve.views import find_summaries, next_filters, parse_filters, store_filters
from watchfloor.store.incident_query import stored_counts
from watchfloor.store.incident_summary import IncidentSummary
from watchfloor.store.search import MATCH_END, MATCH_START, search_documents, search_incidents

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

# The map shows at most this many incidents of the filtered set; the list pages through all.
MAP_LIMIT = 2000
# Messages shown after an analyst action (chosen by key, never reflected from the URL).
_NOTICES = {
    "applied": "The action was applied.",
    "recorded": "The action was recorded; it takes effect at the next merge.",
}


def _desk(request: Request) -> Desk:
    desk: Desk = request.app.state.desk
    return desk


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim as the incident page shows it: the claim and its highlighted sentence."""

    claim: Claim
    sentence: list[Segment]


@dataclass(frozen=True, slots=True)
class SentenceView:
    """A sentence of a document page: its statement kind and highlighted text."""

    kind: str
    gap: str  # the text between the previous sentence and this one (spaces, line breaks)
    segments: list[Segment]
    why: str = ""  # the reasons of the sentence's main statement (shown on hover)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> Response:
    """The map, timeline and filterable list of incidents; filters live in the URL."""
    desk = _desk(request)
    filters = parse_filters(dict(request.query_params.items()))
    # Aliases, places and words are resolved once for the list and the map.
    resolved = store_filters(desk.store, filters)
    # The list reads the incidents' stored summaries, not whole incidents.
    page, has_more = find_summaries(desk.store, filters, resolved)
    # The map and timeline are written from the light marker rows, each row's markup cached.
    rows = find_marker_rows(desk.store, filters, MAP_LIMIT, resolved)
    types = sorted({r[3] for r in rows} | ({filters.type} if filters.type else set()))
    return render_page(
        desk,
        "overview.html.jinja",
        filters=filters,
        incidents=page,
        headline=incident_headline,
        outlets=_outlets,
        has_more=has_more,
        next_query=next_filters(filters).query(),
        prev_query=filters.query(offset=max(0, filters.offset - filters.limit)),
        picture=overview_map(rows, "/incidents/"),
        timeline=overview_timeline(rows, "/incidents/"),
        map_limit=MAP_LIMIT if len(rows) >= MAP_LIMIT else None,
        types=types,
        summary=stored_counts(desk.store),
    )


def _outlets(summary: IncidentSummary) -> list[str]:
    return list(summary.outlets)


def _annotated(desk: Desk, cache: dict[str, AnnotatedDocument | None], doc_id: str) -> Any:
    if doc_id not in cache:
        cache[doc_id] = desk.store.get_annotated(doc_id)
    return cache[doc_id]


def _claim_view(desk: Desk, claim: Claim, cache: dict[str, AnnotatedDocument | None]) -> ClaimView:
    annotated = _annotated(desk, cache, claim.document_id)
    trigger = Span(claim.evidence.start, claim.evidence.end, "trigger", f"event: {claim.trigger}")
    if annotated is not None:
        sentence = next(
            (s for s in annotated.sentences if s.index == claim.evidence.sentence), None
        )
        if sentence is not None:
            spans = sentence_spans(annotated, sentence.index, [trigger])
            return ClaimView(claim, segments(sentence.text, spans, sentence.start))
    return ClaimView(claim, [Segment(claim.trigger, ("trigger",), ())])


@router.get("/incidents/{ref}", response_class=HTMLResponse)
def incident_page(request: Request, ref: str) -> Response:
    """One incident: claims side by side, figure chart, discrepancies, documents, timeline."""
    desk = _desk(request)
    incident = desk.store.get_incident(ref)
    if incident is None:
        raise HTTPException(404, f"no incident {ref[:80]!r}")
    cache: dict[str, AnnotatedDocument | None] = {}
    claims = [_claim_view(desk, c, cache) for c in incident.claims]
    documents = []
    for doc_id in dict.fromkeys(c.document_id for c in incident.claims):
        annotated = _annotated(desk, cache, doc_id)
        documents.append((doc_id, annotated.document if annotated else None))
    notice = _NOTICES.get(request.query_params.get("done", ""))
    mini = map_picture([incident])
    return render_page(
        desk,
        "incident.html.jinja",
        mini=mini if mini.markers else None,
        mini_view=_around(mini),
        incident=incident,
        headline=incident_headline(incident),
        claims=claims,
        chart=figure_chart(incident),
        documents=documents,
        pinnable=PINNABLE,
        notice=notice,
        error=None,
    )


def _around(picture: MapPicture, width: float = 200.0) -> tuple[float, float, float, float]:
    """A viewBox of the map centred on its first marker (the incident page's mini-map)."""
    if not picture.markers:
        return (0.0, 0.0, picture.width, picture.height)
    marker = picture.markers[0]
    height = width * 0.6
    return (round(marker.x - width / 2, 1), round(marker.y - height / 2, 1), width, height)


def _form(body: bytes) -> dict[str, list[str]]:
    return parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=False)


@router.post("/incidents/{ref}/actions", response_class=HTMLResponse)
async def incident_action(request: Request, ref: str) -> Response:
    """Merge, split or pin from the incident page's forms (the token is typed in the form)."""
    desk = _desk(request)
    if not desk.is_writable:
        raise HTTPException(403, "this desk is read-only: start it with --token to allow writes")
    incident = desk.store.get_incident(ref)
    if incident is None:
        raise HTTPException(404, f"no incident {ref[:80]!r}")
    form = _form(await request.body())

    def one(name: str) -> str | None:
        values = form.get(name)
        return values[0].strip() if values else None

    if not desk.accepts(one("token")):
        raise HTTPException(401, "wrong token")
    action = one("action") or ""
    targets: list[str] = {
        "merge": [incident.id, one("other") or ""],
        "split": form.get("mentions", []),
        "pin": [incident.id],
    }.get(action, [])
    value: Any = one("value")
    try:
        _, applied = apply_action(
            desk,
            action,
            targets,
            author=one("author") or "analyst",
            field=one("field"),
            value=value,
            note=one("note") or "",
        )
    except ActionError as exc:
        raise HTTPException(422, str(exc)) from exc
    done = "applied" if applied else "recorded"
    return RedirectResponse(f"/incidents/{quote(incident.id)}?done={done}", status_code=303)


def _sentence_views(annotated: AnnotatedDocument) -> list[SentenceView]:
    text = annotated.document.text
    spans = document_spans(annotated)
    kinds = {s.sentence: s.kind.value for s in annotated.statements}
    why: dict[int, str] = {}
    for statement in annotated.statements:  # the main statement comes first in its sentence
        why.setdefault(statement.sentence, "; ".join(statement.reasons))
    views, position = [], 0
    for sentence in sorted(annotated.sentences, key=lambda s: s.start):
        start, end = max(sentence.start, position), sentence.end
        if end <= start:
            continue
        gap = text[position:start]
        inside = [s for s in spans if s.start < end and s.end > start]
        kind = kinds.get(sentence.index, "")
        pieces = segments(text[start:end], inside, start)
        views.append(SentenceView(kind, gap, pieces, why.get(sentence.index, "")))
        position = end
    if position < len(text):
        views.append(SentenceView("", text[position:], []))
    return views


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request) -> Response:
    """The newest documents."""
    desk = _desk(request)
    rows = desk.store.list_documents(limit=200)
    return render_page(desk, "documents.html.jinja", rows=rows)


@router.get("/documents/{ref}", response_class=HTMLResponse)
def document_page(request: Request, ref: str) -> Response:
    """A document's text with extractions and statement kinds highlighted, and rejections."""
    desk = _desk(request)
    document = desk.store.get_document(ref)
    if document is None:
        raise HTTPException(404, f"no document {ref[:80]!r}")
    annotated = desk.store.get_annotated(document.id)
    rejections = [(r, n) for r, n in desk.store.rejections() if r.source == document.source]
    return render_page(
        desk,
        "document.html.jinja",
        document=document,
        annotated=annotated,
        sentences=_sentence_views(annotated) if annotated else None,
        rejections=rejections,
        kinds=[k.value for k in StatementKind],
    )


def _marked(snippet: str) -> list[tuple[str, bool]]:
    """A snippet cut into (text, is_match) pieces at the search markers."""
    pieces: list[tuple[str, bool]] = []
    for n, part in enumerate(snippet.split(MATCH_START)):
        if n == 0:
            pieces.append((part, False))
            continue
        match, _, rest = part.partition(MATCH_END)
        pieces += [(match, True), (rest, False)]
    return [(t, m) for t, m in pieces if t]


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request) -> Response:
    """Full-text search over documents and incidents' claims."""
    desk = _desk(request)
    q = (request.query_params.get("q") or "").strip()[:500]
    doc_hits = search_documents(desk.store, q, limit=50) if q else []
    inc_hits = search_incidents(desk.store, q, limit=50) if q else []
    # The hits' list rows in one query; an incident gone since it was indexed shows its id.
    found = desk.store.incident_summaries(ids=[h.id for h in inc_hits]) if inc_hits else []
    incidents: dict[str, IncidentSummary | None] = {s.id: s for s in found}
    return render_page(
        desk,
        "search.html.jinja",
        q=q,
        documents=[(h, _marked(h.snippet)) for h in doc_hits],
        incidents=[(h, incidents.get(h.id), _marked(h.snippet)) for h in inc_hits],
        headline=incident_headline,
        export_query=urlencode({"q": q}),
    )


@router.get("/report", response_class=HTMLResponse)
def report_page(request: Request) -> Response:
    """The situation report of every incident, as the `report` command writes it."""
    desk = _desk(request)
    html = render_html(build_report(desk.store, limit=200))
    # The report is one self-contained file with inline CSS and no script: allow only that.
    csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
    return HTMLResponse(
        html.encode("utf-8", errors="replace"), headers={"Content-Security-Policy": csp}
    )
