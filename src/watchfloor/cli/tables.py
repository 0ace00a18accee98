"""Tables for people and for pipes: a Rich table on a terminal, plain lines otherwise.

Ids are what users copy, so an id column is never truncated or wrapped; when standard
output is not a terminal (piped to grep, redirected to a file) every row is one line of
tab-separated fields, headed by the column names, and no field is wrapped or cut.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

__all__ = ["is_terminal", "show_table"]


def is_terminal() -> bool:
    """True when standard output is an interactive terminal."""
    return sys.stdout.isatty()


def _plain(value: str) -> str:
    return " ".join(value.split())  # one line per row: tabs and newlines become spaces


def show_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    keep: Sequence[str] = ("id", "code"),
) -> None:
    """Print rows under the column names; the `keep` columns are never cut or wrapped."""
    if not is_terminal():
        click.echo("\t".join(columns))
        for row in rows:
            click.echo("\t".join(_plain(str(cell)) for cell in row))
        return
    table = Table()
    materialised = [list(map(str, row)) for row in rows]
    for index, name in enumerate(columns):
        if name in keep:
            width = max((len(r[index]) for r in materialised), default=len(name))
            table.add_column(name, no_wrap=True, min_width=max(width, len(name)))
        else:
            table.add_column(name, overflow="fold")
    for row in materialised:
        table.add_row(*(escape(cell) for cell in row))
    Console(highlight=False, soft_wrap=True).print(table)
