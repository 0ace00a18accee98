"""`watchfloor watch`: poll feeds, ingest, merge, and fire watch rules, once or every N minutes."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import click

from watchfloor.cli.common import (
    db_option,
    fail,
    load_settings,
    make_extractor,
    open_db,
    stderr,
    watchfloor_errors,
)
from watchfloor.errors import ConfigError, ExtractionError, StoreError
from watchfloor.ingest import IngestOptions
from watchfloor.pipeline import ExitCode
from watchfloor.pipeline.documents import Reader
from watchfloor.store import Store
from watchfloor.watch.notifiers import Notifier, build_notifier
from watchfloor.watch.partners import PartnerPoll, read_partner_list
from watchfloor.watch.rules import Rule, load_rules, parse_duration
from watchfloor.watch.runner import poll_once, read_feed_list

__all__ = ["watch"]

logger = logging.getLogger(__name__)

_LONGEST_INTERVAL = 30 * 86400  # --every: a month at most (time.sleep overflows past ~292 y)


def _notifiers(rules: Sequence[Rule]) -> dict[str, list[Notifier]]:
    """Every rule's notifiers, built once (secrets read now, so a missing one stops the start)."""
    return {r.id: [build_notifier(a, stream=sys.stdout) for a in r.actions] for r in rules}


@click.command()
@click.option(
    "--rules",
    "rules_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML rule file (see docs/watch.md).",
)
@click.option(
    "--feeds",
    "feeds_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Feed URLs or paths, a YAML list or one per line; without it, only evaluate.",
)
@click.option(
    "--partners",
    "partners_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML list of partner desks' TAXII collections to poll (see docs/exchange.md).",
)
@click.option("--every", default="10m", show_default=True, help="Poll interval (30s, 10m, 1h).")
@click.option("--once", is_flag=True, help="Run one cycle and exit (with the batch exit code).")
@click.option(
    "--no-fetch-links",
    is_flag=True,
    help="Read feed entries as they are; never fetch an entry's link.",
)
@db_option
@watchfloor_errors
def watch(
    rules_path: Path,
    feeds_path: Path | None,
    partners_path: Path | None,
    every: str,
    once: bool,
    no_fetch_links: bool,
    db: str | None,
) -> None:
    """Poll feeds and partner desks, merge what is new, and fire each alert once per change."""
    try:
        interval = parse_duration(every).total_seconds()
    except (ValueError, OverflowError) as exc:
        raise fail(f"--every: {every!r} is not a usable duration ({exc})") from None
    if interval <= 0 and not once:
        raise fail("--every must be longer than 0s (or use --once)")
    if interval > _LONGEST_INTERVAL:
        raise fail(f"--every must be at most {_LONGEST_INTERVAL // 86400} days")
    rules = load_rules(rules_path)
    try:
        senders = _notifiers(rules)
    except ConfigError as exc:
        raise fail(str(exc)) from exc
    feeds = read_feed_list(feeds_path) if feeds_path else []
    try:
        partners = read_partner_list(partners_path) if partners_path else []
    except ConfigError as exc:
        raise fail(str(exc)) from exc
    settings = load_settings(db=db)
    store = open_db(settings.db, batch=True)
    extractor = make_extractor(settings) if feeds else None
    options = IngestOptions(
        max_bytes=settings.max_bytes,
        allow_private=settings.allow_private,
        fetch_timeout=settings.fetch_timeout,
        max_redirects=settings.max_redirects,
        user_agent=settings.user_agent,
        fetch_feed_links=settings.fetch_feed_links and not no_fetch_links,
        max_feed_entries=settings.feed_max_entries,
    )
    stderr.print(
        f"watching with {len(rules)} rules, {len(feeds)} feeds, {len(partners)} partner desks"
    )
    code = ExitCode.OK
    try:
        while True:
            code = _cycle(
                store, rules, senders, feeds, options, extractor, partners, settings.desk_name
            )
            if once:
                break
            time.sleep(interval)
    except KeyboardInterrupt:
        stderr.print("stopped")
    finally:
        store.close()
    if once:
        sys.exit(int(code))


def _cycle(
    store: Store,
    rules: Sequence[Rule],
    senders: dict[str, list[Notifier]],
    feeds: Sequence[str],
    options: IngestOptions,
    extractor: Reader | None,
    partners: Sequence[PartnerPoll] = (),
    desk: str | None = None,
) -> ExitCode:
    """One poll; a cycle that fails is reported with its code and the next one still runs."""
    try:
        cycle = poll_once(
            store,
            rules,
            lambda rule: senders[rule.id],
            feeds=feeds,
            options=options,
            extractor=extractor,
            partners=partners,
            desk=desk,
        )
    except (StoreError, ConfigError):
        raise  # the store or the set-up is broken: stop, as every command does
    except Exception as exc:
        logger.exception("watch cycle failed")
        click.echo(
            f"failed: watch cycle: [{ExtractionError.code}] unexpected {exc.__class__.__name__}: "
            f"{exc}; the next cycle will run. This is a bug, please report it",
            err=True,
        )
        return ExitCode.INTERNAL_ERROR
    for outcome in cycle.refused:
        click.echo(
            f"{outcome.status}: {outcome.source}: [{outcome.code}] {outcome.message}", err=True
        )
    w = cycle.watch
    stderr.print(
        f"cycle: {cycle.new_documents} new documents, {cycle.merged_incidents} incidents "
        f"merged; {len(w.fired)} alerts fired, {len(w.quiet)} held (quiet), "
        f"{len(w.failed)} undelivered"
    )
    for polled in cycle.partners:
        if polled.error:
            stderr.print(f"[yellow]partner {polled.partner}[/]: {polled.error}")
        elif polled.report is not None:
            stderr.print(
                f"partner {polled.partner}: {polled.report.objects} objects, "
                f"{polled.report.imported.claims} claims imported"
            )
    return cycle.exit_code
