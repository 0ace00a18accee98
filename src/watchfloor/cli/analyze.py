"""`watchfloor analyze`: print the whole reading of files without storing anything."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from watchfloor.cli.common import (
    load_settings,
    make_extractor,
    parse_when,
    stderr,
    watchfloor_errors,
)
from watchfloor.extract.reading import read_documents, render_text
from watchfloor.ingest import IngestOptions, read_inputs
from watchfloor.model import Document, Rejection
from watchfloor.pipeline import ExitCode

__all__ = ["analyze"]


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--published", help="Publication date (YYYY-MM-DD or ISO 8601) of the input(s).")
@click.option("--outlet", help="Outlet that published the input(s).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "text"]),
    default="json",
    show_default=True,
    help="json: one object (an array for several inputs); jsonl: one line per input.",
)
@watchfloor_errors
def analyze(files: tuple[str, ...], published: str | None, outlet: str | None, fmt: str) -> None:
    """Read FILE... and print sentences, sources, markers, mentions and events; stores nothing.

    The models load once for all inputs. Each reading carries `file`, the path as given.
    The JSON shape is documented in docs/analyze.schema.json.
    """
    options = IngestOptions(outlet=outlet, published=parse_when(published))
    documents: list[tuple[str, Document]] = []
    refused: list[tuple[str, Rejection]] = []
    for target in files:
        for item in read_inputs([target], options):
            if isinstance(item, Document):
                documents.append((target, item))
            else:
                refused.append((target, item))
    for target, rejection in refused:
        stderr.print(f"refused: {target}: [{rejection.code}] {rejection.message}", markup=False)
    readings: list[dict[str, Any]] = []
    if documents:
        extractor = make_extractor(load_settings())
        read = read_documents((d for _, d in documents), extractor)
        readings = [{"file": f, **r} for (f, _), r in zip(documents, read, strict=True)]
    if fmt == "jsonl":
        for reading in readings:
            click.echo(json.dumps(reading, ensure_ascii=False))
        for target, rejection in refused:
            error = {"code": rejection.code, "message": rejection.message}
            click.echo(json.dumps({"file": target, "error": error}, ensure_ascii=False))
    elif fmt == "json":
        payload: Any = readings[0] if len(files) == 1 and len(readings) == 1 else readings
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for reading in readings:
            click.echo(f"== {reading['file']}")
            click.echo(render_text(reading))
    sys.exit(_exit_code(len(documents), len(refused)))


def _exit_code(read: int, refused: int) -> int:
    """0 when every input was read, 1 when some were refused, 3 when (nearly) all were."""
    if not refused:
        return ExitCode.OK
    if refused >= 0.9 * (read + refused):
        return ExitCode.NEARLY_ALL_REJECTED
    return ExitCode.SOME_REJECTED
