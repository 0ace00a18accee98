"""`watchfloor run`: the main job — ingest, read, merge and summarise, in one command."""

from __future__ import annotations

import click

from watchfloor.cli.common import (
    db_option,
    fail,
    load_settings,
    make_extractor,
    open_db,
    progress_bar,
    watchfloor_errors,
)
from watchfloor.cli.ingest import print_report
from watchfloor.ingest import IngestOptions
from watchfloor.pipeline import ingest_targets, merge_options, merge_stored, update_facilities
from watchfloor.samples import sample_paths
from watchfloor.store import Store

__all__ = ["print_summary", "run"]


def print_summary(store: Store) -> None:
    """Documents by outlet, genre and language; rejections by code; derived counts."""
    summary = store.summary()
    click.echo(f"\nstore: {summary['documents']} documents")
    for key in ("by_outlet", "by_genre", "by_language", "rejections_by_code"):
        counts = summary[key]
        if counts:
            listed = ", ".join(f"{name} {n}" for name, n in counts.items())
            click.echo(f"  {key.replace('_', ' ')}: {listed}")
    click.echo(
        f"  read: {summary['annotated']} documents, {summary['event_mentions']} event mentions, "
        f"{summary['incidents']} incidents; {summary['rejections']} rejections"
    )


@click.command()
@click.argument("targets", nargs=-1, metavar="[PATH|URL...]")
@db_option
@click.option("--sample", is_flag=True, help="Run on the bundled sample corpus.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first unexpected error.")
@watchfloor_errors
def run(targets: tuple[str, ...], db: str | None, sample: bool, fail_fast: bool) -> None:
    """Ingest and read the inputs (or the bundled sample), merge incidents, print a summary."""
    paths = [str(p) for p in sample_paths()] if sample else []
    paths.extend(targets)
    if not paths:
        raise fail("give PATH|URL arguments or --sample")
    settings = load_settings(db=db)
    store = open_db(settings.db, batch=True)
    extractor = make_extractor(settings)
    options = IngestOptions(
        max_bytes=settings.max_bytes,
        allow_private=settings.allow_private,
        fetch_feed_links=settings.fetch_feed_links,
        max_feed_entries=settings.feed_max_entries,
    )
    with progress_bar("run") as advance:
        report = ingest_targets(
            paths, options, store, extractor, fail_fast=fail_fast, progress=advance
        )
    print_report(report)
    fresh = sorted({o.document_id for o in report.outcomes if o.document_id})
    rules = merge_options(settings.merge_window_days, settings.merge_km)
    merged = merge_stored(store, fresh, rules)
    click.echo(
        f"merged {merged.mentions} event mentions: {merged.incidents} incidents touched "
        f"({merged.created} new, {merged.links} follow-up links)"
    )
    facilities = update_facilities(store, fresh)
    click.echo(
        f"facilities and indicators: {facilities.claims} facility claims, "
        f"{facilities.points} indicator points, {len(facilities.flags)} flags"
    )
    print_summary(store)
    raise SystemExit(int(report.exit_code))
