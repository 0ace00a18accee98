"""`watchfloor analyze`: print the whole reading of files without storing anything."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import click

from watchfloor.cli.common import (
    load_settings,
    make_extractor,
    parse_when,
    watchfloor_errors,
)
from watchfloor.cli.isolate import Record, batch_exit_code, in_input_order, isolated_batches
from watchfloor.extract import Extractor
from watchfloor.extract.reading import reading_of, render_text
from watchfloor.ingest import IngestOptions, read_inputs
from watchfloor.model import Document

__all__ = ["analyze", "analyze_inputs"]


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
    The JSON shape is documented in docs/analyze.schema.json. An input that is refused or
    whose reading fails gets {"file", "error": {"code", "message"}} in jsonl and a line on
    stderr; the other inputs are still read. Exit code 0 all read, 1 some refused, 3 nearly
    all refused, 4 a bug on some input.
    """
    settings = load_settings()
    options = IngestOptions(
        outlet=outlet, published=parse_when(published), max_bytes=settings.max_bytes
    )
    records = analyze_inputs(files, options, lambda: make_extractor(settings))
    for record in records:
        if not record.ok:
            click.echo(record.stderr_line(), err=True)
    readings = [r.output for r in records if r.output is not None]
    if fmt == "jsonl":
        for record in records:
            line = record.output if record.output is not None else record.error()
            click.echo(json.dumps(line, ensure_ascii=False))
    elif fmt == "json":
        payload: Any = readings[0] if len(files) == 1 and len(readings) == 1 else readings
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for reading in readings:
            click.echo(f"== {reading['file']}")
            click.echo(render_text(reading))
    sys.exit(int(batch_exit_code(records)))


def analyze_inputs(
    targets: Sequence[str], options: IngestOptions, extractor: Callable[[], Extractor]
) -> list[Record]:
    """One record per input, in input order: its reading, or the coded error in its place.

    Reading the inputs and reading the documents are both isolated per input: an input that
    is refused, or whose extraction raises, gets an error record; the others are read. The
    extractor is built (models loaded) only when some document needs it.
    """
    slots: list[Record | tuple[str, Document]] = []
    for target in targets:
        for item in _read_target(target, options):
            slots.append(item)
    documents = [slot for slot in slots if isinstance(slot, tuple)]
    results: Iterator[dict[str, Any] | BaseException] = iter(())
    if documents:
        reader = extractor()
        ontology = reader.resources.ontology

        def read(chunk: list[tuple[str, Document]]) -> Iterator[dict[str, Any]]:
            for (file, _), annotated in zip(
                chunk, reader.extract([d for _, d in chunk]), strict=False
            ):
                yield {"file": file, **reading_of(annotated, ontology)}

        results = isolated_batches(documents, read, size=len(documents))
    return in_input_order(slots, results)


def _read_target(target: str, options: IngestOptions) -> Iterator[Record | tuple[str, Document]]:
    """The documents of one input (a file, folder or URL), or records of what was refused."""
    try:
        for item in read_inputs([target], options):
            if isinstance(item, Document):
                yield target, item
            else:
                failed = bool(item.detail)  # read_inputs records a bug with its traceback
                yield Record(target, code=item.code, message=item.message, failed=failed)
    except Exception as exc:  # a bug in reading the input itself: the other inputs go on
        yield Record.of_error(target, exc)
