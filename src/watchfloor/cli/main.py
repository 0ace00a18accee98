"""The `watchfloor` command: a click group whose subcommands live one module per group."""

from __future__ import annotations

import logging
import sys

import click

from watchfloor import __version__

__all__ = ["cli", "main"]


@click.group()
@click.version_option(__version__, prog_name="watchfloor")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """watchfloor: a sourced, geolocated picture of security incidents."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    """Attach every command group; explicit, so nothing registers at import time elsewhere."""
    from watchfloor.cli import commands

    for command in commands.all_commands():
        cli.add_command(command)


def main() -> None:
    """Entry point of the console script."""
    _register()
    sys.exit(cli.main(standalone_mode=True))
