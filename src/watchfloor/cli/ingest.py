"""`watchfloor ingest`, `watchfloor extract` and `watchfloor update`: bring reports in, read them.

Ingest stores and reads the inputs, then brings the incidents, facilities and indicators the
new documents touch up to date (skip with --no-update for bulk loads; `watchfloor update`
catches up afterwards). Heavy modules (spaCy, the pipeline) are imported when a command runs,
so `watchfloor --help` stays quick.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

import click

from watchfloor.cli.bounds import BYTES, ENTRIES
from watchfloor.cli.common import (
    db_option,
    extract_options,
    fail,
    load_settings,
    make_extractor,
    open_db,
    progress_bar,
    stderr,
    watchfloor_errors,
)
from watchfloor.cli.metadata import build_ingest_options, metadata_options, update_option

if TYPE_CHECKING:
    from watchfloor.config import Settings
    from watchfloor.pipeline import RunReport
    from watchfloor.store import Store

__all__ = ["extract", "ingest", "print_report", "update", "update_after"]


def print_report(report: RunReport, verbose: bool = True) -> None:
    """Print each refused input and a one-line tally."""
    for outcome in report.outcomes:
        if outcome.status in ("rejected", "failed", "nothing found") and verbose:
            click.echo(f"{outcome.status}: {outcome.source}: [{outcome.code}] {outcome.message}")
    tally = ", ".join(f"{n} {status}" for status, n in sorted(report.counts.items()))
    click.echo(f"{len(report.outcomes)} inputs: {tally or 'nothing to do'}")


def update_after(store: Store, settings: Settings, report: RunReport) -> None:
    """Merge and read facilities for the documents a batch stored, and say what changed."""
    from watchfloor.pipeline import merge_options
    from watchfloor.pipeline.update import update_derived

    fresh = sorted({o.document_id for o in report.outcomes if o.document_id})
    rules = merge_options(
        settings.merge_window_days, settings.merge_km, sentences=settings.merge_sentences
    )
    for line in update_derived(store, fresh, rules).lines():
        click.echo(line)


@click.command()
@click.argument("targets", nargs=-1, required=True, metavar="PATH|URL...")
@db_option
@metadata_options
@click.option("--allow-private", is_flag=True, help="Let URLs reach private/loopback addresses.")
@click.option("--max-bytes", type=BYTES, help="Largest input accepted, in bytes.")
@click.option(
    "--no-fetch-links",
    is_flag=True,
    help="Read feed entries as they are; never fetch an entry's link.",
)
@click.option(
    "--max-entries",
    type=ENTRIES,
    help="Entries read per feed [default: 1000, or $WATCHFLOOR_FEED_MAX_ENTRIES].",
)
@click.option("--no-extract", is_flag=True, help="Store documents without reading them.")
@update_option
@click.option(
    "--dask",
    metavar="ADDRESS",
    help="Extract on a Dask cluster: tcp://HOST:8786, or local:N for N local worker processes.",
)
@click.option("--fail-fast", is_flag=True, help="Stop at the first unexpected error.")
@watchfloor_errors
def ingest(
    targets: tuple[str, ...],
    db: str | None,
    allow_private: bool,
    max_bytes: int | None,
    no_fetch_links: bool,
    max_entries: int | None,
    no_extract: bool,
    no_update: bool,
    dask: str | None,
    fail_fast: bool,
    **metadata: Any,
) -> None:
    """Ingest files (txt, md, html, pdf, csv/jsonl rows), folders, feeds and web pages.

    New documents are read and the incidents, facilities and indicators they touch are
    brought up to date (--no-update skips that; `watchfloor update` catches up).

    Exit code 0 when every input was stored or already present, 1 when some were rejected,
    2 for usage errors, 3 when nearly all were rejected, 4 when a bug was hit.
    """
    from watchfloor.pipeline import ingest_targets
    from watchfloor.pipeline.distributed import DaskExtractor
    from watchfloor.pipeline.documents import Reader

    settings = load_settings(
        db=db,
        max_bytes=max_bytes,
        allow_private=allow_private or None,
        fetch_feed_links=False if no_fetch_links else None,
        feed_max_entries=max_entries,
    )
    options = build_ingest_options(settings, targets, **metadata)
    store = open_db(settings.db, batch=True)
    with ExitStack() as stack:
        extractor: Reader | None = None
        if dask and not no_extract:
            # Workers read; this process still writes every document, through one writer.
            extractor = stack.enter_context(DaskExtractor(dask, extract_options(settings)))
        elif not no_extract:
            extractor = make_extractor(settings)
        with progress_bar("ingest") as advance:
            report = ingest_targets(
                list(targets), options, store, extractor, fail_fast=fail_fast, progress=advance
            )
    print_report(report)
    if extractor is not None and not no_update:
        update_after(store, settings, report)
    elif extractor is not None:
        click.echo("incidents not updated (--no-update): run `watchfloor update` when done")
    raise SystemExit(int(report.exit_code))


@click.command()
@click.argument("ids", nargs=-1, metavar="[ID...]")
@click.option("--all", "all_", is_flag=True, help="Re-read every stored document.")
@db_option
@update_option
@click.option("--fail-fast", is_flag=True, help="Stop at the first unexpected error.")
@watchfloor_errors
def extract(
    ids: tuple[str, ...], all_: bool, db: str | None, no_update: bool, fail_fast: bool
) -> None:
    """Re-run extraction on stored documents; derived rows are replaced, raw text kept."""
    from watchfloor.pipeline import extract_stored

    if not ids and not all_:
        raise fail("give document IDs or --all")
    settings = load_settings(db=db)
    store = open_db(settings.db, batch=True)
    extractor = make_extractor(settings)
    wanted = None if all_ else list(ids)
    if wanted:
        missing = [ref for ref in wanted if store.get_document(ref) is None]
        if missing:
            raise fail(f"no stored document with id {', '.join(missing)}")
        wanted = [d.id for d in store.iter_documents(wanted)]
    with progress_bar("extract") as advance:
        report = extract_stored(store, extractor, wanted, fail_fast=fail_fast, progress=advance)
    stderr.print(f"extractor {extractor.version}")
    print_report(report)
    if not no_update:
        update_after(store, settings, report)
    raise SystemExit(int(report.exit_code))


@click.command()
@db_option
@watchfloor_errors
def update(db: str | None) -> None:
    """Catch up: re-merge every stored mention and re-read every facility claim.

    Run it after a bulk load made with `ingest --no-update` (overrides are replayed).
    """
    from watchfloor.pipeline import merge_options
    from watchfloor.pipeline.update import catch_up

    settings = load_settings(db=db)
    store = open_db(settings.db)
    rules = merge_options(
        settings.merge_window_days, settings.merge_km, sentences=settings.merge_sentences
    )
    for line in catch_up(store, rules).lines():
        click.echo(line)
