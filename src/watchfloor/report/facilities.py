"""The situation report's facilities and indicators section, and the charts the desk reuses.

`build_facility_section(store)` gathers the facilities that sources said something about
(controller, population, disagreements, incidents) and every indicator with points (latest
range, flags). `facility_section_html` renders it with the report's autoescaping templates;
`facility_section_markdown` as Markdown lines with untrusted text made inert.
`series_chart` and `population_chart` draw ranges per source and date with the report's
figure-chart macro (log axis, open bars for "at least").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from math import ceil, log10

from markupsafe import Markup

from watchfloor.merge.facilities import range_label
from watchfloor.model.facilities import FacilityClaim, SeriesEntry
from watchfloor.report.drawing import FigureBar, FigureChart
from watchfloor.report.templates import markdown_text, report_environment
from watchfloor.store import Store
from watchfloor.store.facility_views import (
    FacilityView,
    IndicatorView,
    facility_views,
    indicator_views,
)

__all__ = [
    "FacilitySection",
    "build_facility_section",
    "facility_section_html",
    "facility_section_markdown",
    "population_chart",
    "series_chart",
]

_WIDTH, _LEFT, _ROW = 640.0, 230.0, 24.0


@dataclass(frozen=True, slots=True)
class FacilitySection:
    """Facilities with claims or incidents, and indicators with points."""

    facilities: tuple[FacilityView, ...]
    indicators: tuple[IndicatorView, ...]


def build_facility_section(store: Store) -> FacilitySection:
    """The facilities and indicators the store's documents say something about."""
    facilities = tuple(v for v in facility_views(store) if v.state.claims or v.incidents)
    indicators = tuple(v for v in indicator_views(store) if v.points)
    return FacilitySection(facilities, indicators)


def _population(view: FacilityView) -> str:
    summary = view.state.population
    if summary is None:
        return "–"
    latest = range_label(summary.latest_low, summary.latest_high)
    when = f" ({summary.latest_as_of})" if summary.latest_as_of else ""
    return f"{latest}{when}"


def _disputes(view: FacilityView) -> list[str]:
    state = view.state
    found = list(state.control_disputes)
    for summary in (state.population, state.capacity, state.foreign):
        if summary is not None:
            found.extend(summary.disagreements)
    return [f"{d.what}: {' vs '.join(d.values)}" for d in found]


def _latest(view: IndicatorView) -> str:
    series = view.series
    if series.latest_low is None:
        return "–"
    return f"{range_label(series.latest_low, series.latest_high)} {view.indicator.unit}"


def facility_section_html(section: FacilitySection) -> Markup:
    """The section as HTML (every text autoescaped)."""
    template = report_environment().get_template("facilities_section.html.jinja")
    html = template.render(
        section=section, population=_population, disputes=_disputes, latest=_latest
    )
    return Markup(html)


def facility_section_markdown(section: FacilitySection) -> list[str]:
    """The section as Markdown lines."""
    md = markdown_text
    lines = ["## Facilities", ""]
    if section.facilities:
        lines += ["| Facility | Controller | Population | Disagreements | Incidents |"]
        lines += ["|---|---|---|---|---|"]
        for v in section.facilities:
            disputes = "; ".join(_disputes(v)) or "none"
            lines.append(
                f"| {md(v.facility.name)} | {md(v.state.controller or 'unknown')} | "
                f"{md(_population(v))} | {md(disputes)} | {len(v.incidents)} |"
            )
    else:
        lines.append("No source said anything about a facility of the register.")
    lines += ["", "## Indicators", ""]
    if section.indicators:
        lines += ["| Indicator | Latest | As of | Points | Flags |", "|---|---|---|---|---|"]
        for iv in section.indicators:
            flags = "; ".join(f"{f.kind}: {f.note}" for f in iv.series.flags) or "none"
            lines.append(
                f"| {md(iv.indicator.name)} | {md(_latest(iv))} | {iv.series.latest_as_of or ''} | "
                f"{len(iv.points)} | {md(flags)} |"
            )
    else:
        lines.append("No figure fed an indicator.")
    return [*lines, ""]


def _chart(rows: Sequence[tuple[str, str, str, str, int, int | None]]) -> FigureChart | None:
    """Rows of (label, outlet, origin, text, low, high) on a shared log axis."""
    if not rows:
        return None
    top = max(max(r[4], r[5] or r[4]) for r in rows)
    decades = max(1, ceil(log10(max(top, 1) * 1.5)))
    span = _WIDTH - _LEFT - 20

    def x_of(value: int) -> float:
        return round(_LEFT + span * log10(max(value, 1)) / decades, 1)

    bars = []
    for n, (label, outlet, origin, text, low, high) in enumerate(rows):
        x0 = x_of(low)
        x1 = _WIDTH - 10 if high is None else x_of(high)
        bars.append(
            FigureBar(
                role=label,
                outlet=outlet,
                origin=origin,
                text=text,
                label=range_label(low, high),
                y=20 + n * _ROW,
                x0=x0,
                x1=max(x1, x0),
                is_open=high is None,
                is_point=high == low,
            )
        )
    ticks = tuple((x_of(10**k), f"{10**k:,}") for k in range(decades + 1))
    return FigureChart(_WIDTH, 40 + len(rows) * _ROW, _LEFT, tuple(bars), ticks)


def _day(value: date | None) -> str:
    return value.isoformat() if value else "undated"


def series_chart(entries: Sequence[SeriesEntry]) -> FigureChart | None:
    """An indicator's ranges, one row per source and date, oldest first."""
    rows = [
        (_day(e.as_of), ", ".join(e.outlets), e.origin.split(":", 1)[-1], "", e.low, e.high)
        for e in entries
    ]
    return _chart(rows)


def population_chart(claims: Sequence[FacilityClaim]) -> FigureChart | None:
    """A facility's population figures, one row per claim, oldest first."""
    rows = [
        (
            _day(c.as_of),
            c.outlet,
            c.chain[-1].name if c.chain else c.outlet,
            c.quantity.text,
            c.quantity.low,
            c.quantity.high,
        )
        for c in claims
        if c.quantity is not None and c.kind.value == "population"
    ]
    return _chart(rows)
