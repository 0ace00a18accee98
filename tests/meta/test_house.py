"""House rules the tools cannot state alone: mypy sees every test folder, pre-commit is pinned."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.issue(19)

ROOT = Path(__file__).resolve().parents[2]


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_mypy_checks_the_tests_leniently_in_every_folder() -> None:
    mypy = _pyproject()["tool"]["mypy"]
    assert "tests" in mypy["files"] and mypy["explicit_package_bases"]
    assert {"tests", "bench"} <= set(mypy["mypy_path"])
    lenient = next(o for o in mypy["overrides"] if "helpers.*" in o["module"])
    assert lenient["disallow_untyped_defs"] is False and lenient["check_untyped_defs"] is True
    folders = {p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and any(p.rglob("*.py"))}
    # A folder missing here would be checked strictly (the module names come from tests/).
    assert {f"{name}.*" for name in folders} <= set(lenient["module"])


def test_pre_commit_is_installed_by_the_dev_extra_and_pinned() -> None:
    dev = _pyproject()["project"]["optional-dependencies"]["dev"]
    (wanted,) = [d for d in dev if d.startswith("pre-commit")]
    pins = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    version = wanted.split("==")[1]
    assert f"pre_commit=={version}" in pins or f"pre-commit=={version}" in pins
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = {hook["id"] for repo in hooks["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "mypy", "import-linter"} <= ids
