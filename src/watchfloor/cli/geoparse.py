"""`watchfloor geoparse FILE...`: toponyms with coordinates, one JSON object per input."""

from __future__ import annotations

import json
from pathlib import Path

import click

from watchfloor.extract.geoparse import geoparse_texts

__all__ = ["geoparse"]


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text"]),
    default="json",
    show_default=True,
    help="json: one object per input per line; text: one toponym per line.",
)
def geoparse(files: tuple[str, ...], fmt: str) -> None:
    """Find the places named in text files and geocode them (offline)."""
    items = []
    for name in files:
        try:
            items.append((name, Path(name).read_text(encoding="utf-8")))
        except UnicodeDecodeError as exc:
            raise click.ClickException(
                f"[WF-I004] {name}: not UTF-8 text ({exc.reason}); convert it to UTF-8 first"
            ) from None
    for record in geoparse_texts(items):
        if fmt == "json":
            click.echo(json.dumps(record, ensure_ascii=False))
            continue
        for top in record["toponyms"]:
            where = f"{top['lat']:.4f},{top['lon']:.4f}" if top["lat"] is not None else "unresolved"
            click.echo(
                f"{record['file']}\t{top['start']}-{top['end']}\t{top['text']}\t{top['name']}\t"
                f"{where}\t{top['country_code'] or ''}\t{top['precision'] or ''}\t{top['score']}\t"
                f"{top['note']}"
            )
