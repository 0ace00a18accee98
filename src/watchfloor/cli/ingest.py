"""`watchfloor ingest` and `watchfloor extract`: bring reports in, (re-)read them."""

from __future__ import annotations

from contextlib import ExitStack

import click

from watchfloor.cli.bounds import BYTES, ENTRIES
from watchfloor.cli.common import (
    db_option,
    extract_options,
    fail,
    load_settings,
    make_extractor,
    open_db,
    parse_when,
    progress_bar,
    stderr,
    watchfloor_errors,
)
from watchfloor.ingest import IngestOptions
from watchfloor.model import Genre
from watchfloor.pipeline import RunReport, extract_stored, ingest_targets
from watchfloor.pipeline.distributed import DaskExtractor
from watchfloor.pipeline.documents import Reader

__all__ = ["extract", "ingest", "print_report"]

GENRES = [g.value for g in Genre]


def print_report(report: RunReport, verbose: bool = True) -> None:
    """Print each refused input and a one-line tally."""
    for outcome in report.outcomes:
        if outcome.status in ("rejected", "failed", "nothing found") and verbose:
            click.echo(f"{outcome.status}: {outcome.source}: [{outcome.code}] {outcome.message}")
    tally = ", ".join(f"{n} {status}" for status, n in sorted(report.counts.items()))
    click.echo(f"{len(report.outcomes)} inputs: {tally or 'nothing to do'}")


@click.command()
@click.argument("targets", nargs=-1, required=True, metavar="PATH|URL...")
@db_option
@click.option("--outlet", help="Outlet that published the input(s).")
@click.option("--url", help="Canonical URL of a single input.")
@click.option("--published", help="Publication date (YYYY-MM-DD or ISO 8601).")
@click.option("--language", help="ISO 639-1 code; detected offline when not given.")
@click.option("--genre", type=click.Choice(GENRES), help="Genre; guessed when not given.")
@click.option("--author", help="Author of a single input.")
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
    outlet: str | None,
    url: str | None,
    published: str | None,
    language: str | None,
    genre: str | None,
    author: str | None,
    allow_private: bool,
    max_bytes: int | None,
    no_fetch_links: bool,
    max_entries: int | None,
    no_extract: bool,
    dask: str | None,
    fail_fast: bool,
) -> None:
    """Ingest files (txt, md, html, pdf), folders, RSS/Atom feeds and web pages.

    Exit code 0 when every input was stored or already present, 1 when some were rejected,
    2 for usage errors, 3 when nearly all were rejected, 4 when a bug was hit.
    """
    if url and len(targets) > 1:
        raise fail("--url names one document; give a single PATH|URL with it")
    settings = load_settings(
        db=db,
        max_bytes=max_bytes,
        allow_private=allow_private or None,
        fetch_feed_links=False if no_fetch_links else None,
        feed_max_entries=max_entries,
    )
    options = IngestOptions(
        outlet=outlet,
        url=url,
        published=parse_when(published),
        language=language,
        genre=Genre(genre) if genre else None,
        author=author,
        max_bytes=settings.max_bytes,
        fetch_timeout=settings.fetch_timeout,
        max_redirects=settings.max_redirects,
        allow_private=settings.allow_private,
        user_agent=settings.user_agent,
        fetch_feed_links=settings.fetch_feed_links,
        max_feed_entries=settings.feed_max_entries,
    )
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
    raise SystemExit(int(report.exit_code))


@click.command()
@click.argument("ids", nargs=-1, metavar="[ID...]")
@click.option("--all", "all_", is_flag=True, help="Re-read every stored document.")
@db_option
@click.option("--fail-fast", is_flag=True, help="Stop at the first unexpected error.")
@watchfloor_errors
def extract(ids: tuple[str, ...], all_: bool, db: str | None, fail_fast: bool) -> None:
    """Re-run extraction on stored documents; derived rows are replaced, raw text kept."""
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
    raise SystemExit(int(report.exit_code))
