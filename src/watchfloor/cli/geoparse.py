"""`watchfloor geoparse FILE...`: toponyms with coordinates, one JSON object per input."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import click

from watchfloor.cli.common import load_settings
from watchfloor.cli.isolate import Record, batch_exit_code, in_input_order, isolated_batches
from watchfloor.errors import UndecodableText
from watchfloor.extract.geoparse import geoparse_texts
from watchfloor.ingest import IngestOptions
from watchfloor.ingest.regular import read_regular

__all__ = ["geoparse", "geoparse_inputs"]


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text"]),
    default="json",
    show_default=True,
    help="json: one object per input per line; text: one toponym per line.",
)
def geoparse(files: tuple[str, ...], fmt: str) -> None:
    """Find the places named in UTF-8 text files and geocode them (offline).

    An input that cannot be read (missing, not a regular file, not UTF-8, over the size cap)
    or whose reading fails gets {"file", "error": {"code", "message"}} in json and a line on
    stderr; the other inputs are still read. Exit code 0 all read, 1 some refused, 3 nearly
    all refused, 4 a bug on some input.
    """
    settings = load_settings()
    records = geoparse_inputs(files, IngestOptions(max_bytes=settings.max_bytes))
    for record in records:
        if not record.ok:
            click.echo(record.stderr_line(), err=True)
        if fmt == "json":
            line = record.output if record.output is not None else record.error()
            click.echo(json.dumps(line, ensure_ascii=False))
        elif record.output is not None:
            _echo_text(record.output)
    sys.exit(int(batch_exit_code(records)))


def _echo_text(record: dict[str, Any]) -> None:
    for top in record["toponyms"]:
        where = f"{top['lat']:.4f},{top['lon']:.4f}" if top["lat"] is not None else "unresolved"
        click.echo(
            f"{record['file']}\t{top['start']}-{top['end']}\t{top['text']}\t{top['name']}\t"
            f"{where}\t{top['country_code'] or ''}\t{top['precision'] or ''}\t{top['score']}\t"
            f"{top['note']}"
        )


def _text_of(name: str, options: IngestOptions) -> str:
    """A file's text as given (offsets count in it): a regular file, capped, UTF-8."""
    raw = read_regular(Path(name), options)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UndecodableText(
            f"not UTF-8 text ({exc.reason}); convert it to UTF-8 first", source=name
        ) from None


def geoparse_inputs(files: Sequence[str], options: IngestOptions) -> list[Record]:
    """One record per input, in input order: its toponyms, or the coded error in its place.

    Texts are parsed as one stream, the models loaded once; when a text raises, it alone
    gets an error record and the texts after it go on as a new stream.
    """
    slots: list[Record | tuple[str, str]] = []
    for name in files:
        try:
            slots.append((name, _text_of(name, options)))
        except Exception as exc:
            slots.append(Record.of_error(name, exc))
    texts = [slot for slot in slots if isinstance(slot, tuple)]

    def parse(chunk: list[tuple[str, str]]) -> Iterator[dict[str, Any]]:
        return geoparse_texts(chunk)

    results = isolated_batches(texts, parse, size=len(texts))
    return in_input_order(slots, results)
