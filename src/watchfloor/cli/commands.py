"""The list of command groups, one module each; add a line here (and to LAZY) to add one.

`LAZY` names each top-level command's module, attribute and one-line help, so that
`watchfloor --help` lists the commands without importing them (spaCy, pandas and the
pipeline load only when a command that needs them runs); a test keeps it equal to
`all_commands()`.
"""

from __future__ import annotations

import click

__all__ = ["LAZY", "all_commands"]

# name → (module, attribute, short help), in the order `--help` lists them.
LAZY: dict[str, tuple[str, str, str]] = {
    "run": (
        "watchfloor.cli.run",
        "run",
        "Ingest and read the inputs (or the bundled sample), merge incidents, print a summary.",
    ),
    "ingest": (
        "watchfloor.cli.ingest",
        "ingest",
        "Ingest files (txt, md, html, pdf, csv/jsonl rows), folders, feeds and web pages.",
    ),
    "extract": (
        "watchfloor.cli.ingest",
        "extract",
        "Re-run extraction on stored documents; derived rows are replaced, raw text kept.",
    ),
    "update": (
        "watchfloor.cli.ingest",
        "update",
        "Catch up: re-merge every stored mention and re-read every facility claim.",
    ),
    "docs": ("watchfloor.cli.docs", "docs", "List and show stored documents."),
    "rejections": ("watchfloor.cli.docs", "rejections", "What was refused and why, newest first."),
    "incidents": (
        "watchfloor.cli.incidents",
        "incidents",
        "List, show and correct incidents (merged accounts of one happening).",
    ),
    "facilities": (
        "watchfloor.cli.facilities",
        "facilities",
        "The facility register: prisons and camps, who holds them, how many, what happened.",
    ),
    "indicators": (
        "watchfloor.cli.facilities",
        "indicators",
        "Standing figures over time (fighters, detainees, camp populations), source by source.",
    ),
    "analyze": (
        "watchfloor.cli.analyze",
        "analyze",
        "Read FILE... and print sentences, sources, markers, mentions and events; stores nothing.",
    ),
    "geoparse": (
        "watchfloor.cli.geoparse",
        "geoparse",
        "Find the places named in UTF-8 text files and geocode them (offline).",
    ),
    "export": (
        "watchfloor.cli.export",
        "export",
        "Export incidents as ACLED-style CSV, GeoJSON, JSON Lines or a STIX 2.1 bundle.",
    ),
    "import": ("watchfloor.cli.export", "import_group", "Import incidents from partner desks."),
    "watch": (
        "watchfloor.cli.watch",
        "watch",
        "Poll feeds and partner desks, merge what is new, and fire each alert once per change.",
    ),
    "serve": (
        "watchfloor.cli.serve",
        "serve",
        "Serve the desk: map, timeline, incidents, documents, search, report, /api/v1 and TAXII.",
    ),
    "report": (
        "watchfloor.cli.report",
        "report",
        "Write a situation report: incidents by significance, changes, contested figures.",
    ),
}


def all_commands() -> list[click.Command]:
    """Every top-level command."""
    from watchfloor.cli import (
        analyze,
        docs,
        facilities,
        geoparse,
        incidents,
        ingest,
        report,
        run,
        serve,
    )
    from watchfloor.cli import export as export_cli
    from watchfloor.cli import watch as watch_cli

    return [
        run.run,
        ingest.ingest,
        ingest.extract,
        ingest.update,
        docs.docs,
        docs.rejections,
        incidents.incidents,
        facilities.facilities,
        facilities.indicators,
        analyze.analyze,
        geoparse.geoparse,
        export_cli.export,
        export_cli.import_group,
        watch_cli.watch,
        serve.serve,
        report.report,
    ]
