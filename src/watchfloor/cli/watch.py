"""`watchfloor watch`: poll feeds, ingest, merge, and fire watch rules, once or every N minutes."""

from __future__ import annotations

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
from watchfloor.errors import ConfigError
from watchfloor.ingest import IngestOptions
from watchfloor.watch.notifiers import Notifier, build_notifier
from watchfloor.watch.partners import read_partner_list
from watchfloor.watch.rules import Rule, load_rules, parse_duration
from watchfloor.watch.runner import poll_once, read_feed_list

__all__ = ["watch"]


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
@click.option("--once", is_flag=True, help="Run one cycle and exit.")
@db_option
@watchfloor_errors
def watch(
    rules_path: Path,
    feeds_path: Path | None,
    partners_path: Path | None,
    every: str,
    once: bool,
    db: str | None,
) -> None:
    """Poll feeds and partner desks, merge what is new, and fire each alert once per change."""
    try:
        interval = parse_duration(every).total_seconds()
    except ValueError as exc:
        raise fail(f"--every: {exc}") from None
    if interval <= 0 and not once:
        raise fail("--every must be longer than 0s (or use --once)")
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
    store = open_db(settings.db)
    extractor = make_extractor(settings) if feeds else None
    options = IngestOptions(max_bytes=settings.max_bytes, allow_private=settings.allow_private)
    stderr.print(
        f"watching with {len(rules)} rules, {len(feeds)} feeds, {len(partners)} partner desks"
    )
    try:
        while True:
            cycle = poll_once(
                store,
                rules,
                lambda rule: senders[rule.id],
                feeds=feeds,
                options=options,
                extractor=extractor,
                partners=partners,
                desk=settings.desk_name,
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
            if once:
                break
            time.sleep(interval)
    except KeyboardInterrupt:
        stderr.print("stopped")
    finally:
        store.close()
