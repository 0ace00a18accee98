"""The desk's facility and indicator pages and their JSON API.

Pages: /facilities (the register with controllers and populations), /facilities/{id} (map,
control timeline, population chart, incidents, every claim with its sentence), /indicators
and /indicators/{id} (ranges by source and date, flags, every point). API under /api/v1:
the same data as JSON (`export.facility_json`, what the CLI's `--json` prints; response
models in `facility_schemas.py`). Unknown ids are 404s in the app's one
error shape.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from watchfloor.export.facility_json import facility_plain, indicator_plain
from watchfloor.report.drawing import Projection, map_picture
from watchfloor.report.facilities import population_chart, series_chart
from watchfloor.resolve.facilities import Facility, load_register
from watchfloor.resolve.indicators import Indicator, load_indicators
from watchfloor.serve.desk import Desk, render_page
from watchfloor.serve.facility_schemas import (
    FacilityDetailOut,
    FacilityListOut,
    IndicatorDetailOut,
    IndicatorListOut,
)
from watchfloor.store.facility_views import (
    facility_view,
    facility_views,
    indicator_view,
    indicator_views,
)

__all__ = ["api_router", "page_router", "router"]

api_router = APIRouter(prefix="/api/v1", tags=["facilities"])
page_router = APIRouter(include_in_schema=False)
router = APIRouter()

_ZOOM_DEGREES = 1.5  # half the width of the facility map's window, in degrees of latitude


def _desk(request: Request) -> Desk:
    desk: Desk = request.app.state.desk
    return desk


def _facility(facility_id: str) -> Facility:
    facility = load_register().get(facility_id)
    if facility is None:
        raise HTTPException(404, f"no facility {facility_id!r} in the register")
    return facility


def _indicator(indicator_id: str) -> Indicator:
    found = [i for i in load_indicators() if i.id == indicator_id]
    if not found:
        raise HTTPException(404, f"no indicator {indicator_id!r}")
    return found[0]


@api_router.get("/facilities", response_model=FacilityListOut)
def api_facilities(request: Request) -> dict[str, Any]:
    """Every facility of the register with its state."""
    views = facility_views(_desk(request).store)
    return {"ok": True, "facilities": [facility_plain(v, False) for v in views]}


@api_router.get("/facilities/{facility_id}", response_model=FacilityDetailOut)
def api_facility(request: Request, facility_id: str) -> dict[str, Any]:
    """One facility: state, claims with their sentences and chains, linked incidents."""
    view = facility_view(_desk(request).store, _facility(facility_id))
    return {"ok": True, **facility_plain(view, True)}


@api_router.get("/indicators", response_model=IndicatorListOut)
def api_indicators(request: Request) -> dict[str, Any]:
    """Every indicator with its series and flags."""
    views = indicator_views(_desk(request).store)
    return {"ok": True, "indicators": [indicator_plain(v, False) for v in views]}


@api_router.get("/indicators/{indicator_id}", response_model=IndicatorDetailOut)
def api_indicator(request: Request, indicator_id: str) -> dict[str, Any]:
    """One indicator: series, flags and every point."""
    view = indicator_view(_desk(request).store, _indicator(indicator_id))
    return {"ok": True, **indicator_plain(view, True)}


@page_router.get("/facilities", response_class=HTMLResponse)
def facilities_page(request: Request) -> Response:
    """The register: controller, population, claims and incidents of each facility."""
    desk = _desk(request)
    return render_page(desk, "facility_list.html.jinja", views=facility_views(desk.store))


def _map_box(facility: Facility) -> tuple[str, tuple[float, float] | None]:
    """The SVG viewBox around the facility (the whole region when it has no point)."""
    projection = Projection.region()
    if facility.lat is None or facility.lon is None:
        return f"0 0 {projection.width:.1f} {projection.height:.1f}", None
    x, y = projection.xy(facility.lat, facility.lon)
    half = _ZOOM_DEGREES * projection.scale
    return f"{x - half:.1f} {y - half:.1f} {2 * half:.1f} {2 * half:.1f}", (x, y)


@page_router.get("/facilities/{facility_id}", response_class=HTMLResponse)
def facility_page(request: Request, facility_id: str) -> Response:
    """One facility: map, control timeline, population chart, incidents and claims."""
    desk = _desk(request)
    view = facility_view(desk.store, _facility(facility_id))
    box, here = _map_box(view.facility)
    state = view.state
    return render_page(
        desk,
        "facility_page.html.jinja",
        view=view,
        picture=map_picture(view.incidents),
        box=box,
        here=here,
        chart=population_chart(view.claims),
        figures=[
            ("population", state.population),
            ("capacity", state.capacity),
            ("foreign nationals", state.foreign),
        ],
    )


@page_router.get("/indicators", response_class=HTMLResponse)
def indicators_page(request: Request) -> Response:
    """Every indicator with its latest range, points and flags."""
    desk = _desk(request)
    return render_page(desk, "indicator_list.html.jinja", views=indicator_views(desk.store))


@page_router.get("/indicators/{indicator_id}", response_class=HTMLResponse)
def indicator_page(request: Request, indicator_id: str) -> Response:
    """One indicator: its ranges by source and date as a chart and a table, and its points."""
    desk = _desk(request)
    view = indicator_view(desk.store, _indicator(indicator_id))
    return render_page(
        desk, "indicator_page.html.jinja", view=view, chart=series_chart(view.series.entries)
    )


router.include_router(api_router)
router.include_router(page_router)
