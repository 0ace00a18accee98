"""The list of command groups, one module each; add a line here to add a command."""

from __future__ import annotations

import click

__all__ = ["all_commands"]


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
