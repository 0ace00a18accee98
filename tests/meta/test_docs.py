"""Everything a user can set or run is documented; public names match `__all__`."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import click
import pytest

import watchfloor
from watchfloor.cli.main import _register, cli
from watchfloor.config import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    found = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix}{name}"
        found.append(path)
        if isinstance(command, click.Group):
            found.extend(_commands(command, path + " "))
    return found


def _all_commands() -> list[str]:
    if not cli.commands:
        _register()
    return _commands(cli)


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_docs_every_setting_documented(name):
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    assert f"WATCHFLOOR_{name.upper()}" in text, f"WATCHFLOOR_{name.upper()} is not documented"


@pytest.mark.parametrize("command", _all_commands())
def test_docs_every_command_documented(command):
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert f"watchfloor {command}" in text, f"`watchfloor {command}` is not in docs/cli.md"


def _modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(watchfloor.__path__, "watchfloor."):
        if ".migrations" in info.name:
            continue
        names.append(info.name)
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_docs_all_matches_public_names(name):
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    if exported is None:
        return  # a module without __all__ exports nothing on purpose (e.g. a script entry)
    missing = [n for n in exported if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names what it does not define: {missing}"
    assert len(set(exported)) == len(exported), f"{name}.__all__ has duplicates"
