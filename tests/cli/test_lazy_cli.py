"""`watchfloor --help` imports no command module; the lazy table matches the commands."""

from __future__ import annotations

import importlib
import subprocess
import sys

from watchfloor.cli.commands import LAZY, all_commands


def test_help_lists_every_command_without_importing_them() -> None:
    probe = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from watchfloor.cli.main import cli\n"
        "result = CliRunner().invoke(cli, ['--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(result.output)\n"
        "heavy = sorted(m for m in ('spacy', 'sqlalchemy', 'fastapi', 'watchfloor.pipeline',"
        " 'watchfloor.cli.incidents') if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert "HEAVY []" in done.stdout, done.stdout
    for name in LAZY:
        assert f"  {name} " in done.stdout


def test_lazy_table_matches_the_commands() -> None:
    commands = {c.name: c for c in all_commands()}
    assert list(commands) == list(LAZY)
    for name, (module, attribute, short) in LAZY.items():
        command = commands[name]
        assert getattr(importlib.import_module(module), attribute) is command, name
        assert command.get_short_help_str(limit=200) == short, name
