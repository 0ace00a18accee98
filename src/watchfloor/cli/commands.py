"""The list of command groups, one module each; add a line here to add a command."""

from __future__ import annotations

import click

__all__ = ["all_commands"]


def all_commands() -> list[click.Command]:
    """Every top-level command, imported lazily so `--help` stays fast."""
    commands: list[click.Command] = []
    return commands
