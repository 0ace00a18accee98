"""`watchfloor facilities list|show|update` and `watchfloor indicators list|show`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from watchfloor.cli.common import db_option, fail, open_db, stderr, watchfloor_errors
from watchfloor.cli.tables import show_table
from watchfloor.export.facilities import (
    write_facility_csv,
    write_facility_stix,
    write_indicator_csv,
)
from watchfloor.export.facility_json import facility_plain, indicator_plain
from watchfloor.export.stix import TLP
from watchfloor.merge.facilities import range_label
from watchfloor.model.facilities import FacilityClaim, FigureSummary
from watchfloor.resolve.facilities import load_register
from watchfloor.resolve.indicators import load_indicators
from watchfloor.store.facility_views import (
    IndicatorView,
    facility_view,
    facility_views,
    indicator_view,
)

__all__ = ["export_facilities", "export_indicators", "facilities", "indicators"]

out = Console(highlight=False, soft_wrap=True)

_register_option = click.option(
    "--register",
    "register_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An edited facility register (YAML) instead of the packaged one.",
)
_indicators_option = click.option(
    "--indicators",
    "indicators_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An edited indicator file (YAML) instead of the packaged one.",
)
_json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def _chain(claim: Any) -> str:
    return " → ".join(source.name for source in claim.chain)


def _figure(summary: FigureSummary | None) -> str:
    if summary is None:
        return "–"
    latest = range_label(summary.latest_low, summary.latest_high)
    span = range_label(summary.low, summary.high)
    return f"{latest} (range {span})" if span != latest else latest


@click.group()
def facilities() -> None:
    """The facility register: prisons and camps, who holds them, how many, what happened."""


@facilities.command("list")
@db_option
@_register_option
@_json_option
@watchfloor_errors
def list_facilities(db: str | None, register_path: Path | None, as_json: bool) -> None:
    """Every facility of the register with its controller, population and incidents."""
    store = open_db(db)
    try:
        views = facility_views(store, load_register(register_path))
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([facility_plain(v, False) for v in views], ensure_ascii=False))
        return
    rows = []
    for view in views:
        state = view.state
        disputed = " (disputed)" if state.control_disputes else ""
        rows.append(
            (
                view.facility.id,
                view.facility.name,
                view.facility.type,
                (state.controller or "–") + disputed,
                _figure(state.population),
                str(state.claims),
                str(len(view.incidents)),
            )
        )
    show_table(("id", "facility", "type", "controller", "population", "claims", "incidents"), rows)


def _claim_line(claim: FacilityClaim) -> str:
    if claim.quantity is not None:
        what = f"{claim.quantity.text} ({range_label(claim.quantity.low, claim.quantity.high)})"
    elif claim.actor_name:
        what = claim.actor_name
    else:
        what = claim.event_type or ""
    when = claim.as_of.isoformat() if claim.as_of else "undated"
    return f"{when}  {claim.kind.value}: {what}  [{_chain(claim)}; {claim.statement.value}]"


@facilities.command("show")
@click.argument("facility_id")
@db_option
@_register_option
@_json_option
@watchfloor_errors
def show_facility(
    facility_id: str, db: str | None, register_path: Path | None, as_json: bool
) -> None:
    """One facility: control timeline, figures, disagreements, incidents and every claim."""
    register = load_register(register_path)
    facility = register.get(facility_id)
    if facility is None:
        raise fail(f"no facility {facility_id!r} in the register; `watchfloor facilities list`")
    store = open_db(db)
    try:
        view = facility_view(store, facility)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(facility_plain(view, True), ensure_ascii=False))
        return
    state = view.state
    out.print(f"[bold]{escape(facility.name)}[/bold] ({facility.type}, {facility.id})")
    if facility.note:
        out.print(escape(facility.note))
    out.print(f"controller: {escape(state.controller or 'unknown')}")
    for entry in state.control:
        when = entry.as_of.isoformat() if entry.as_of else "undated"
        out.print(f"  {when}  {escape(entry.actor_name)}  ({len(entry.claims)} claims)")
    for what, summary in (
        ("population", state.population),
        ("capacity", state.capacity),
        ("foreign nationals", state.foreign),
    ):
        out.print(f"{what}: {_figure(summary)}")
    for dispute in (*state.control_disputes, *_disagreements(state)):
        out.print(f"[yellow]disagreement[/yellow] on {dispute.what}: {' vs '.join(dispute.values)}")
    out.print(f"incidents: {len(view.incidents)}")
    for incident in view.incidents:
        out.print(f"  {incident.id}  {incident.event_type}  {incident.start or ''}")
    out.print("claims:")
    for claim in view.claims:
        out.print(f"  {escape(_claim_line(claim))}")
        out.print(f"    [dim]{escape(claim.sentence)}[/dim]")


def _disagreements(state: Any) -> list[Any]:
    return [
        d
        for s in (state.population, state.capacity, state.foreign)
        if s is not None
        for d in s.disagreements
    ]


@facilities.command("update")
@db_option
@_register_option
@_indicators_option
@watchfloor_errors
def update(db: str | None, register_path: Path | None, indicators_path: Path | None) -> None:
    """Re-read every stored document's facility claims and indicator points."""
    from watchfloor.pipeline.facilities import update_facilities  # the reading loads spaCy

    register = load_register(register_path)
    chosen = load_indicators(indicators_path, register)
    store = open_db(db)
    try:
        result = update_facilities(store, register=register, indicators=chosen)
    finally:
        store.close()
    click.echo(
        f"read {result.documents} documents: {result.claims} facility claims, "
        f"{result.points} indicator points, {len(result.flags)} indicator flags"
    )


@click.group()
def indicators() -> None:
    """Standing figures over time (fighters, detainees, camp populations), source by source."""


def _views(store: Any, path: Path | None, only: str | None = None) -> list[IndicatorView]:
    chosen = load_indicators(path)
    if only is not None:
        chosen = tuple(i for i in chosen if i.id == only)
        if not chosen:
            raise fail(f"no indicator {only!r}; `watchfloor indicators list` shows them")
    return [indicator_view(store, i) for i in chosen]


@indicators.command("list")
@db_option
@_indicators_option
@_json_option
@watchfloor_errors
def list_indicators(db: str | None, indicators_path: Path | None, as_json: bool) -> None:
    """Every indicator with its latest range, its number of points and flags."""
    store = open_db(db)
    try:
        views = _views(store, indicators_path)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([indicator_plain(v, False) for v in views], ensure_ascii=False))
        return
    rows = []
    for view in views:
        series = view.series
        latest = (
            range_label(series.latest_low, series.latest_high)
            if series.latest_low is not None
            else "–"
        )
        rows.append(
            (
                view.indicator.id,
                view.indicator.name,
                f"{latest} {view.indicator.unit}" if series.latest_low is not None else latest,
                series.latest_as_of.isoformat() if series.latest_as_of else "–",
                str(len(view.points)),
                str(len(series.flags)),
            )
        )
    show_table(("id", "indicator", "latest", "as of", "points", "flags"), rows)


@indicators.command("show")
@click.argument("indicator_id")
@db_option
@_indicators_option
@_json_option
@watchfloor_errors
def show_indicator(
    indicator_id: str, db: str | None, indicators_path: Path | None, as_json: bool
) -> None:
    """One indicator: its ranges by source and date, flags, and every point with its sentence."""
    store = open_db(db)
    try:
        (view,) = _views(store, indicators_path, indicator_id)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(indicator_plain(view, True), ensure_ascii=False))
        return
    out.print(f"[bold]{escape(view.indicator.name)}[/bold] ({view.indicator.id})")
    for entry in view.series.entries:
        when = entry.as_of.isoformat() if entry.as_of else "undated"
        source = f"{entry.origin} via {', '.join(entry.outlets)}"
        out.print(f"  {when}  {range_label(entry.low, entry.high):>16}  {escape(source)}")
    for flag in view.series.flags:
        out.print(f"[yellow]{flag.kind}[/yellow] {flag.as_of or ''}: {escape(flag.note)}")
    out.print("points:")
    for point in view.points:
        when = point.as_of.isoformat() if point.as_of else "undated"
        out.print(f"  {when}  {escape(point.quantity.text)}  [{escape(_chain(point))}]")
        out.print(f"    [dim]{escape(point.sentence)}[/dim]")


_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "stix"]),
    default="csv",
    show_default=True,
    help="CSV rows, or a STIX 2.1 bundle of Location and Note objects.",
)
_out_option = click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of standard output.",
)
_tlp_option = click.option(
    "--tlp", type=click.Choice(sorted(TLP)), default="green", show_default=True
)


def _write(out: Path | None, write: Any) -> int:
    if out is None:
        return int(write(sys.stdout))
    with out.open("w", encoding="utf-8", newline="") as handle:
        return int(write(handle))


@click.command("facilities")
@_format_option
@_out_option
@_tlp_option
@db_option
@_register_option
@watchfloor_errors
def export_facilities(
    fmt: str, out: Path | None, tlp: str, db: str | None, register_path: Path | None
) -> None:
    """Facility claims: CSV (one row per claim) or STIX (a Location per facility, Notes)."""
    store = open_db(db)
    try:
        views = facility_views(store, load_register(register_path))
    finally:
        store.close()
    if fmt == "csv":
        count = _write(out, lambda handle: write_facility_csv(views, handle))
    else:
        count = _write(out, lambda handle: write_facility_stix(views, [], handle, tlp=tlp))
    stderr.print(f"exported {count} facility claims as {fmt}{f' to {out}' if out else ''}")


@click.command("indicators")
@_format_option
@_out_option
@_tlp_option
@db_option
@_indicators_option
@watchfloor_errors
def export_indicators(
    fmt: str, out: Path | None, tlp: str, db: str | None, indicators_path: Path | None
) -> None:
    """Indicator points: CSV (one row per point) or STIX (a Location per area, Notes)."""
    store = open_db(db)
    try:
        views = _views(store, indicators_path)
    finally:
        store.close()
    if fmt == "csv":
        count = _write(out, lambda handle: write_indicator_csv(views, handle))
    else:
        count = _write(out, lambda handle: write_facility_stix([], views, handle, tlp=tlp))
    stderr.print(f"exported {count} indicator points as {fmt}{f' to {out}' if out else ''}")
