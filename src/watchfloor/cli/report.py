"""`watchfloor report`: write a situation report (one self-contained HTML file, or Markdown)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from watchfloor.cli.bounds import LIMIT
from watchfloor.cli.common import db_option, fail, open_db, parse_when, watchfloor_errors
from watchfloor.report.render import write_report
from watchfloor.report.sitrep import build_report, record_report
from watchfloor.store.search import last_report_run

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
    help="First day of the period [default: the day of the previous report, "
    "or every incident for the first report].",
)
@click.option("--until", default=None, metavar="DATE", help="Last day of the period.")
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
    since: str | None, until: str | None, out: Path, limit: int | None, db: str | None
) -> None:
    """Write a situation report: incidents by significance, changes, contested figures."""
    if out.suffix.lower() not in (".html", ".htm", ".md", ".markdown"):
        raise fail(f"{out.name}: --out must end in .html or .md")
    store = open_db(db)
    start = _day(since)
    if since is None:
        previous = last_report_run(store)
        start = previous.created.date() if previous else None
    end = _day(until)
    built = build_report(store, start, until=end, limit=limit)
    path = write_report(built, out)
    record_report(store, built, str(path))
    click.echo(
        f"wrote {path}: {len(built.items)} incident(s), {len(built.changes)} change(s) since "
        f"the previous report, {len(built.contested)} contested figure(s)"
    )
