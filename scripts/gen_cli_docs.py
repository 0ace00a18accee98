"""Write docs/cli.md from the `watchfloor` command's own help, so the reference cannot drift.

Run: .venv/bin/python scripts/gen_cli_docs.py
"""

from __future__ import annotations

from pathlib import Path

import click

from watchfloor.cli.main import _register, cli

OUT = Path(__file__).resolve().parents[1] / "docs" / "cli.md"

INTRO = """# Command reference

Generated from the commands' own help by `scripts/gen_cli_docs.py`; `tests/meta` checks that
every command is here. Every command takes `--db FILE|URL` (default `watchfloor.db`, or
`$WATCHFLOOR_DB`) where it reads or writes the store; settings are in
[configuration.md](configuration.md). Batch commands exit 0 when every input went in, 1 when
some were refused, 2 on usage errors, 3 when nearly all were refused and 4 on a bug.
"""


def _section(command: click.Command, path: str, ctx: click.Context) -> list[str]:
    sub = click.Context(command, info_name=path, parent=ctx)
    lines = [f"## `watchfloor {path}`", "", "```", command.get_help(sub).strip(), "```", ""]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            lines += _section(command.commands[name], f"{path} {name}", ctx)
    return lines


def main() -> None:
    """Regenerate docs/cli.md."""
    if not cli.commands:
        _register()
    ctx = click.Context(cli, info_name="watchfloor")
    lines = [INTRO]
    for name in sorted(cli.commands):
        lines += _section(cli.commands[name], name, ctx)
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
