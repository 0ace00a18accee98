"""`watchfloor run`: the main job — ingest, read, merge and summarise, in one command."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
from watchfloor.cli.ingest import print_report, update_after
from watchfloor.cli.metadata import build_ingest_options, metadata_options

if TYPE_CHECKING:
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
@metadata_options
@click.option("--sample", is_flag=True, help="Run on the bundled sample corpus.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first unexpected error.")
@watchfloor_errors
def run(
    targets: tuple[str, ...], db: str | None, sample: bool, fail_fast: bool, **metadata: Any
) -> None:
    """Ingest and read the inputs (or the bundled sample), merge incidents, print a summary.

    Takes the same metadata options as `ingest` (--outlet, --published, --columns ...).
    """
    from watchfloor.pipeline import ingest_targets
    from watchfloor.samples import sample_paths

    paths = [str(p) for p in sample_paths()] if sample else []
    paths.extend(targets)
    if not paths:
        raise fail("give PATH|URL arguments or --sample")
    settings = load_settings(db=db)
    options = build_ingest_options(settings, tuple(paths), **metadata)
    store = open_db(settings.db, batch=True)
    extractor = make_extractor(settings)
    with progress_bar("run") as advance:
        report = ingest_targets(
            paths, options, store, extractor, fail_fast=fail_fast, progress=advance
        )
    print_report(report)
    update_after(store, settings, report)
    print_summary(store)
    raise SystemExit(int(report.exit_code))
