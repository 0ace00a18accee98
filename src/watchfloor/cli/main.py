"""The `watchfloor` command: a click group whose subcommands live one module per group."""

from __future__ import annotations

import importlib
import logging
import sys

import click

from watchfloor import __version__

__all__ = ["LazyGroup", "cli", "main"]


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command is run or asked for.

    The listing in `--help` comes from `commands.LAZY` (names and one-line helps), so the
    heavy modules behind `analyze` or `serve` are not imported to print it.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        from watchfloor.cli.commands import LAZY

        return [*LAZY, *(name for name in self.commands if name not in LAZY)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        from watchfloor.cli.commands import LAZY, all_commands

        if cmd_name in LAZY:
            module, attribute, _ = LAZY[cmd_name]
            command = getattr(importlib.import_module(module), attribute)
        else:  # a command added to all_commands() but not yet to LAZY
            command = next((c for c in all_commands() if c.name == cmd_name), None)
        if isinstance(command, click.Command):
            self.add_command(command, cmd_name)
            return command
        return None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from watchfloor.cli.commands import LAZY

        rows = [(name, LAZY[name][2]) for name in LAZY]
        rows += [
            (name, command.get_short_help_str(formatter.width))
            for name, command in self.commands.items()
            if name not in LAZY
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="watchfloor")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """watchfloor: a sourced, geolocated picture of security incidents."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    """Attach every command group now (tests that walk `cli.commands` use this); the console
    script leaves them to be imported on first use."""
    from watchfloor.cli import commands

    for command in commands.all_commands():
        cli.add_command(command)


def main() -> None:
    """Entry point of the console script; commands are imported when they run."""
    sys.exit(cli.main(standalone_mode=True))
