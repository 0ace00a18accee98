"""`watchfloor incidents list|show|merge|split|pin|rebuild`: the analyst's unit of work."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime

import click
from rich.console import Console
from rich.markup import escape

from watchfloor.cli.bounds import COUNT, KM, LIMIT
from watchfloor.cli.common import (
    db_option,
    fail,
    load_settings,
    open_db,
    parse_when,
    watchfloor_errors,
)
from watchfloor.cli.selection import store_filters
from watchfloor.cli.tables import is_terminal, show_table
from watchfloor.merge import merge_override, pin_override, split_override
from watchfloor.model import to_plain
from watchfloor.model.incidents import Incident
from watchfloor.pipeline import apply_analyst_override, merge_options, merge_stored
from watchfloor.store import Store
from watchfloor.store.incident_query import count_incidents

__all__ = ["incidents"]

out = Console(highlight=False, soft_wrap=True)


def _day(value: str | None) -> date | None:
    parsed = parse_when(value)
    return parsed.date() if parsed else None


def _range(low: int, high: int | None) -> str:
    return f"{low}" if high == low else f"{low}–{'∞' if high is None else high}"


@click.group()
def incidents() -> None:
    """List, show and correct incidents (merged accounts of one happening)."""


@incidents.command("list")
@db_option
@click.option("--since", help="Incidents still going on or after this date.")
@click.option("--until", help="Incidents started on or before this date.")
@click.option("--type", "event_type", help="Ontology code, e.g. prison_escape.")
@click.option("--actor", help="Actor id, name or alias, e.g. isis, daesh or SDF.")
@click.option("--near", metavar="PLACE|LAT,LON", help="Place name, alias or LAT,LON; radius --km.")
@click.option("--km", type=KM, default=50.0, show_default=True)
@click.option("--min-origins", type=COUNT, help="At least this many independent origins.")
@click.option("--limit", type=LIMIT, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@watchfloor_errors
def list_incidents(
    db: str | None,
    since: str | None,
    until: str | None,
    event_type: str | None,
    actor: str | None,
    near: str | None,
    km: float,
    min_origins: int | None,
    limit: int,
    as_json: bool,
) -> None:
    """Incidents, latest first, with their place, figures and independent origins."""
    store = open_db(db)
    filters = store_filters(
        since=since,
        until=until,
        event_type=event_type,
        actor=actor,
        near=near,
        km=km,
        min_origins=min_origins,
    )
    found = store.incidents(**filters, limit=limit)
    if as_json:
        for incident in found:
            click.echo(json.dumps(to_plain(incident), ensure_ascii=False))
        return
    rows = []
    for inc in found:
        when = f"{inc.start or '?'}" + (f"..{inc.end}" if inc.end != inc.start else "")
        where_ = f"{inc.place.name} ({inc.place.precision.value})" if inc.place else "?"
        rows.append(
            (
                inc.id,
                inc.event_type,
                when,
                where_,
                ", ".join(sorted({a.name for a in inc.actors})),
                "; ".join(f"{f.role} {_range(f.low, f.high)}" for f in inc.figures),
                f"{inc.independent_origins} {inc.corroboration.value}",
                str(len(inc.claims)),
            )
        )
    show_table(("id", "type", "when", "where", "actors", "figures", "origins", "claims"), rows)
    total = count_incidents(store, **filters) if len(found) >= limit else len(found)
    shown = f"{len(found)} of {total} incidents" if total > len(found) else f"{total} incidents"
    more = " (raise --limit to see more)" if total > len(found) else ""
    click.echo(shown + more, err=not is_terminal() and bool(rows))


def _get(store: Store, ref: str) -> Incident:
    incident = store.get_incident(ref)
    if incident is None:
        raise fail(f"no incident with id {ref!r} (see `watchfloor incidents list`)")
    return incident


@incidents.command("show")
@click.argument("ref", metavar="ID")
@db_option
@click.option("--json", "as_json", is_flag=True)
@watchfloor_errors
def show_incident(ref: str, db: str | None, as_json: bool) -> None:
    """Every claim of one incident side by side, with origins and discrepancies."""
    store = open_db(db)
    inc = _get(store, ref)
    if as_json:
        click.echo(json.dumps(to_plain(inc), ensure_ascii=False, indent=2))
        return
    out.print(f"[bold]{inc.id}[/bold]  {inc.event_type} ({inc.family})")
    if inc.place:
        p = inc.place
        out.print(
            f"where: {escape(p.name)} [{p.precision.value}] {p.lat}, {p.lon}; claimed: "
            + escape(", ".join(f"{c.name} ×{c.count}" for c in inc.places))
        )
    out.print(f"when: {inc.start} .. {inc.end}")
    out.print("actors: " + escape(", ".join(f"{a.name} ({a.role})" for a in inc.actors)))
    out.print(
        f"origins: {inc.independent_origins} independent, {inc.corroboration.value}: "
        + escape(", ".join(f"{o.name} via {', '.join(o.outlets)}" for o in inc.origins))
    )
    for figure in inc.figures:
        out.print(f"figure {escape(figure.role)}: combined {_range(figure.low, figure.high)}")
        for src in figure.sources:
            chain = " → ".join(s.name for s in src.chain)
            out.print(
                f"    {escape(src.text)!s:<28} {_range(src.low, src.high):<12} {escape(chain)}"
            )
    for d in inc.discrepancies:
        out.print(
            f"[red]discrepancy[/red] {d.kind.value}: {escape(d.what)}: "
            + escape(" vs ".join(d.values))
        )
    out.print(f"\nclaims ({len(inc.claims)}):")
    for claim in inc.claims:
        chain = " → ".join(s.name for s in claim.chain)
        published = claim.published.date() if claim.published else "?"
        out.print(
            f"  {published} {escape(claim.outlet)} [{claim.kind.value}] {escape(chain)}"
            f" — {escape(claim.trigger)} ({claim.mention_id})"
        )
    for entry in inc.timeline:
        published = entry.published.date() if entry.published else "?"
        what = f"{entry.kind.value} {entry.what}"
        out.print(f"  timeline {published} {escape(entry.outlet)}: {escape(what)}")
    for link in inc.related:
        out.print(f"  related: {link.kind.value} {link.target} ({escape(link.reason)})")


def _author(author: str | None) -> str:
    return author or os.environ.get("USER") or "analyst"


@incidents.command("merge")
@click.argument("refs", nargs=-1, required=True, metavar="ID ID...")
@db_option
@click.option("--author", help="Who decides (default: $USER).")
@click.option("--note", default="", help="Why.")
@watchfloor_errors
def merge_incidents(refs: tuple[str, ...], db: str | None, author: str | None, note: str) -> None:
    """Merge two or more incidents into one; the decision survives re-processing."""
    if len(refs) < 2:
        raise fail("name at least two incidents to merge")
    store = open_db(db)
    found = [_get(store, ref) for ref in refs]
    override = merge_override(found, _author(author), datetime.now(UTC), note)
    result = apply_analyst_override(store, override)
    click.echo(f"override {override.id}: {len(result)} incidents now stand")


@incidents.command("split")
@click.argument("mentions", nargs=-1, required=True, metavar="MENTION_ID...")
@db_option
@click.option("--author", help="Who decides (default: $USER).")
@click.option("--note", default="", help="Why.")
@watchfloor_errors
def split_incident(
    mentions: tuple[str, ...], db: str | None, author: str | None, note: str
) -> None:
    """Take these claims (event mention ids) out of their incident into one of their own."""
    store = open_db(db)
    for mention in mentions:
        if store.incident_of_mention(mention) is None:
            raise fail(f"no incident holds the mention {mention!r}")
    override = split_override(list(mentions), _author(author), datetime.now(UTC), note)
    result = apply_analyst_override(store, override)
    click.echo(f"override {override.id}: {len(result)} incidents now stand")


@incidents.command("pin")
@click.argument("ref", metavar="ID")
@click.argument("field")
@click.argument("value")
@db_option
@click.option("--author", help="Who decides (default: $USER).")
@click.option("--note", default="", help="Why.")
@watchfloor_errors
def pin_field(
    ref: str, field: str, value: str, db: str | None, author: str | None, note: str
) -> None:
    """Fix one field of an incident (VALUE is JSON, or a plain string)."""
    store = open_db(db)
    incident = _get(store, ref)
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError:
        parsed = value
    try:
        override = pin_override(incident, field, parsed, _author(author), datetime.now(UTC), note)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    apply_analyst_override(store, override)
    click.echo(f"override {override.id}: {field} pinned on {incident.id}")


@incidents.command("rebuild")
@db_option
@watchfloor_errors
def rebuild(db: str | None) -> None:
    """Re-merge every stored event mention (overrides are replayed)."""
    settings = load_settings(db=db)
    store = open_db(settings.db)
    options = merge_options(
        settings.merge_window_days, settings.merge_km, sentences=settings.merge_sentences
    )
    summary = merge_stored(store, None, options)
    click.echo(
        f"{summary.mentions} mentions → {summary.incidents} incidents touched "
        f"({summary.created} new, {summary.retired} retired, {summary.links} links)"
    )


def _exchange_commands() -> None:
    """`incidents mark` (cli/exchange.py): an incident's TLP level."""
    from watchfloor.cli.exchange import mark_incident

    incidents.add_command(mark_incident)


_exchange_commands()
