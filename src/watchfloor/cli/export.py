"""`watchfloor export {acled,geojson,jsonl,stix}` and `watchfloor import stix FILE`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from watchfloor.cli.bounds import COUNT, KM
from watchfloor.cli.common import db_option, load_settings, open_db, stderr, watchfloor_errors
from watchfloor.cli.selection import store_filters
from watchfloor.export.acled import write_acled
from watchfloor.export.credits import credit_text
from watchfloor.export.geojson import write_geojson
from watchfloor.export.jsonl import write_jsonl
from watchfloor.export.lookups import store_lookups
from watchfloor.export.stix import TLP, write_stix
from watchfloor.export.stix_import import import_stix
from watchfloor.model.incidents import Incident
from watchfloor.pipeline import merge_options
from watchfloor.store import Store
from watchfloor.store.exchange import ExchangeState

__all__ = ["export", "import_group"]

F = TypeVar("F", bound=Callable[..., Any])


def _filters(func: F) -> F:
    """The incident filters every export takes, plus --out and --db."""
    options = [
        click.option("--since", help="Incidents ending on or after this date (YYYY-MM-DD)."),
        click.option("--until", help="Incidents starting on or before this date."),
        click.option("--type", "event_type", help="Only this event type (ontology code)."),
        click.option("--actor", help="Only incidents naming this actor (id, name or alias)."),
        click.option(
            "--near", metavar="PLACE|LAT,LON", help="Near this place (name, alias or LAT,LON)."
        ),
        click.option("--km", type=KM, default=50.0, show_default=True, help="Radius of --near."),
        click.option("--min-origins", type=COUNT, help="At least this many independent origins."),
        click.option(
            "--out",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Write here instead of standard output.",
        ),
        db_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _select(store: Store, **given: Any) -> list[Incident]:
    return store.incidents(
        **store_filters(
            since=given["since"],
            until=given["until"],
            event_type=given["event_type"],
            actor=given["actor"],
            near=given["near"],
            km=given["km"],
            min_origins=given["min_origins"],
        )
    )


@contextmanager
def _output(path: Path | None, newline: str | None = None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline=newline) as handle:
        yield handle


def _done(count: int, what: str, out: Path | None, credits: bool) -> None:
    where = f" to {out}" if out else ""
    stderr.print(f"exported {count} incidents as {what}{where}")
    if credits:  # formats without a metadata slot: the credits go to the user instead
        stderr.print(f"[dim]{credit_text()}[/dim]")


@click.group()
def export() -> None:
    """Export incidents as ACLED-style CSV, GeoJSON, JSON Lines or a STIX 2.1 bundle."""


def _export_command(name: str) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        @export.command(name, help=func.__doc__)
        @_filters
        @watchfloor_errors
        def command(**given: Any) -> None:
            store = open_db(given.pop("db"))
            try:
                func(store, _select(store, **given), given["out"])
            finally:
                store.close()

        return func

    return decorate


@_export_command("acled")
def _acled(store: Store, incidents: list[Incident], out: Path | None) -> None:
    """ACLED-style CSV: ACLED's columns and vocabularies, then provenance columns."""
    lookups = store_lookups(store)
    with _output(out, newline="") as handle:
        count = write_acled(incidents, handle, url_of=lookups.url_of)
    _done(count, "ACLED-style CSV", out, credits=True)


@_export_command("geojson")
def _geojson(store: Store, incidents: list[Incident], out: Path | None) -> None:
    """GeoJSON (RFC 7946) FeatureCollection, one point per incident."""
    with _output(out) as handle:
        count = write_geojson(incidents, handle)
    _done(count, "GeoJSON", out, credits=False)


@_export_command("jsonl")
def _jsonl(store: Store, incidents: list[Incident], out: Path | None) -> None:
    """JSON Lines: one incident per line, every field (lossless)."""
    with _output(out) as handle:
        count = write_jsonl(incidents, handle)
    _done(count, "JSON Lines", out, credits=True)


@export.command("stix")
@_filters
@click.option(
    "--tlp",
    type=click.Choice(sorted(TLP)),
    default="green",
    show_default=True,
    help="Least TLP 2.0 marking of every object; incidents raised by an analyst "
    "(`watchfloor incidents mark`) keep their own.",
)
@click.option(
    "--desk",
    default="watchfloor",
    show_default=True,
    help="Name of this desk (the bundle's creator identity).",
)
@watchfloor_errors
def _stix(tlp: str, desk: str, **given: Any) -> None:
    """STIX 2.1 bundle: a report per incident with locations, sources, actors and claims."""
    store = open_db(given.pop("db"))
    try:
        incidents = _select(store, **given)
        lookups = store_lookups(store)
        levels = ExchangeState(store).levels_of(incidents)
        with _output(given["out"]) as handle:
            count = write_stix(
                incidents,
                handle,
                desk=desk,
                tlp=tlp,
                quote_of=lookups.quote_of,
                url_of=lookups.url_of,
                hash_of=lookups.hash_of,
                marking_of=lambda incident: levels[incident.id],
            )
    finally:
        store.close()
    _done(count, "a STIX 2.1 bundle", given["out"], credits=False)


@click.group("import")
def import_group() -> None:
    """Import incidents from partner desks."""


@import_group.command("stix")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--partner", help="The partner desk's name [default: the bundle's creator].")
@db_option
@watchfloor_errors
def import_stix_command(file: Path, partner: str | None, db: str | None) -> None:
    """Take in a partner desk's STIX 2.1 bundle: checked, namespaced, merged like any report.

    The partner's claims join local incidents only through the normal merge (analyst
    overrides win); a bundle never overwrites a local incident. Caps: WATCHFLOOR_STIX_MAX_BYTES
    and WATCHFLOOR_STIX_MAX_OBJECTS.
    """
    from watchfloor.cli.exchange import print_import, stix_limits

    settings = load_settings(db=db)
    store = open_db(settings.db)
    try:
        report = import_stix(
            file,
            store,
            partner=partner,
            desk=settings.desk_name,
            limits=stix_limits(settings),
            options=merge_options(
                settings.merge_window_days, settings.merge_km, sentences=settings.merge_sentences
            ),
        )
    finally:
        store.close()
    print_import(report)


def _facility_exports() -> None:
    """`export facilities` and `export indicators` (cli/facilities.py)."""
    from watchfloor.cli.facilities import export_facilities, export_indicators

    export.add_command(export_facilities)
    export.add_command(export_indicators)


_facility_exports()


def _exchange_commands() -> None:
    """`import taxii` (cli/exchange.py)."""
    from watchfloor.cli.exchange import import_taxii

    import_group.add_command(import_taxii)


_exchange_commands()
