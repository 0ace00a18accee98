"""`watchfloor report`: write a situation report (one self-contained HTML file, or Markdown)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from watchfloor.cli.bounds import LIMIT
from watchfloor.cli.common import db_option, fail, open_db, parse_when, watchfloor_errors
from watchfloor.report.render import write_report
from watchfloor.report.sitrep import build_report, record_report, report_window
from watchfloor.store.report_runs import last_report_run

__all__ = ["report"]


def _day(value: str | None) -> date | None:
    """A --since/--until value as a day."""
    when = parse_when(value)
    return when.date() if when else None


@click.command()
@click.option(
    "--since",
    default=None,
    metavar="DATE",
    help="First day of the period [default: no bound: the current picture].",
)
@click.option("--until", default=None, metavar="DATE", help="Last day of the period.")
@click.option(
    "--since-last",
    is_flag=True,
    help="Only incidents created or revised since the previous report.",
)
@click.option(
    "--out",
    "out",
    default="sitrep.html",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="FILE.html (one self-contained page) or FILE.md (Markdown).",
)
@click.option("--limit", default=None, type=LIMIT, help="Keep the N most significant.")
@db_option
@watchfloor_errors
def report(
    since: str | None,
    until: str | None,
    since_last: bool,
    out: Path,
    limit: int | None,
    db: str | None,
) -> None:
    """Write a situation report: incidents by significance, changes, contested figures.

    By default it shows the current picture (every stored incident) and marks what changed
    since the previous report; --since/--until bound the period, --since-last keeps only the
    incidents created or revised since the previous report.
    """
    if out.suffix.lower() not in (".html", ".htm", ".md", ".markdown"):
        raise fail(f"{out.name}: --out must end in .html or .md")
    store = open_db(db)
    revised_since = None
    if since_last:
        previous = last_report_run(store)
        if previous is None:
            click.echo("no previous report: --since-last shows the current picture", err=True)
        else:
            revised_since = previous.created
    built = build_report(
        store, _day(since), until=_day(until), limit=limit, revised_since=revised_since
    )
    path = write_report(built, out)
    record_report(store, built, str(path))
    click.echo(
        f"wrote {path}: {len(built.items)} incident(s) — {report_window(built)}; "
        f"{len(built.changes)} change(s) since the previous report, "
        f"{len(built.contested)} contested figure(s)"
    )
