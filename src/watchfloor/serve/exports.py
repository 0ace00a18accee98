"""`GET /api/v1/export/{acled,geojson,stix,jsonl}`: the list's filtered incidents as a file.

The same query parameters as `/api/v1/incidents` and the overview page (type, actor, place,
lat/lon/km, since, until, min_origins, q) select what is exported; paging does not apply: every
matching incident is written, up to EXPORT_MAX. The overview and search pages link here.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from typing import TextIO

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from watchfloor.export.acled import write_acled
from watchfloor.export.geojson import write_geojson
from watchfloor.export.jsonl import write_jsonl
from watchfloor.export.lookups import store_lookups
from watchfloor.export.stix import write_stix
from watchfloor.model.incidents import Incident
from watchfloor.serve.desk import Desk
from watchfloor.serve.views import find_incidents, parse_filters
from watchfloor.store import Store

__all__ = ["EXPORT_MAX", "FORMATS", "router"]

EXPORT_MAX = 100_000
# format → (media type, file suffix)
FORMATS = {
    "acled": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "stix": ("application/stix+json;version=2.1", "json"),
    "jsonl": ("application/x-ndjson", "jsonl"),
}

router = APIRouter(prefix="/api/v1/export")

Writer = Callable[[Store, list[Incident], TextIO], int]


def _acled(store: Store, incidents: list[Incident], out: TextIO) -> int:
    return write_acled(incidents, out, url_of=store_lookups(store).url_of)


def _stix(store: Store, incidents: list[Incident], out: TextIO) -> int:
    lookups = store_lookups(store)
    return write_stix(
        incidents,
        out,
        quote_of=lookups.quote_of,
        url_of=lookups.url_of,
        hash_of=lookups.hash_of,
    )


_WRITERS: dict[str, Writer] = {
    "acled": _acled,
    "geojson": lambda _store, incidents, out: write_geojson(incidents, out),
    "jsonl": lambda _store, incidents, out: write_jsonl(incidents, out),
    "stix": _stix,
}


@router.get(
    "/{fmt}",
    summary="Export the filtered incidents",
    responses={200: {"content": {media: {} for media, _ in FORMATS.values()}}},
)
def export_incidents(request: Request, fmt: str) -> Response:
    """The incidents matching the list's filters as ACLED CSV, GeoJSON, STIX 2.1 or JSONL."""
    if fmt not in FORMATS:
        raise HTTPException(404, f"no export format {fmt[:20]!r}: use {', '.join(FORMATS)}")
    desk: Desk = request.app.state.desk
    filters = parse_filters(dict(request.query_params.items()))
    incidents, _ = find_incidents(desk.store, replace(filters, limit=EXPORT_MAX, offset=0))
    buffer = io.StringIO(newline="")
    count = _WRITERS[fmt](desk.store, incidents, buffer)
    media, suffix = FORMATS[fmt]
    return Response(
        buffer.getvalue().encode("utf-8"),
        media_type=media,
        headers={
            "Content-Disposition": f'attachment; filename="watchfloor-incidents.{suffix}"',
            "X-Watchfloor-Count": str(count),
        },
    )
