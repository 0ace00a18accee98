"""The one conftest: fixtures every stage's tests share."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

from helpers.desk import escape_story, fill_store
from watchfloor.model import Document, Genre
from watchfloor.store import Store, open_store
from watchfloor.store.postgres import create_schema, drop_schema

if TYPE_CHECKING:
    from watchfloor.extract import Extractor


@pytest.fixture(params=["sqlite", "postgresql"])
def memory_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """A fresh, migrated store: SQLite in memory, then PostgreSQL in a schema of its own.

    The PostgreSQL run needs WATCHFLOOR_TEST_PG_URL (`scripts/pg-test-server start` prints
    one) and skips with that reason otherwise.
    """
    if request.param == "sqlite":
        store = open_store(":memory:")
        yield store
        store.close()
        return
    url = os.environ.get("WATCHFLOOR_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL: set WATCHFLOOR_TEST_PG_URL (scripts/pg-test-server start)")
    schema = f"test_{uuid.uuid4().hex[:16]}"
    store = open_store(create_schema(url, schema))
    yield store
    store.close()
    drop_schema(url, schema)


@pytest.fixture
def file_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh, migrated SQLite store in a temporary file (WAL mode)."""
    store = open_store(str(tmp_path / "test.db"))
    yield store
    store.close()


@pytest.fixture
def anyio_backend() -> str:
    """Async tests (the API, the pages) run on asyncio."""
    return "asyncio"


@pytest.fixture
def story() -> Iterator[tuple[Store, Any, Any]]:
    """The seed escape story (readings and incidents) in a fresh SQLite store in memory."""
    store = open_store(":memory:")
    readings, incidents = escape_story()
    fill_store(store, readings, incidents)
    yield store, readings, incidents
    store.close()


@pytest.fixture
def story_each_store(memory_store: Store) -> tuple[Store, Any, Any]:
    """The seed escape story in each store (`memory_store`: SQLite, then PostgreSQL)."""
    readings, incidents = escape_story()
    fill_store(memory_store, readings, incidents)
    return memory_store, readings, incidents


@pytest.fixture
def make_document() -> Callable[..., Document]:
    """Build a Document by hand, with no NLP model loaded."""

    def make(text: str, **meta: Any) -> Document:
        fields: dict[str, Any] = {
            "raw": text.encode("utf-8"),
            "media_type": "text/plain",
            "source": "test.txt",
            "retrieved": datetime(2026, 1, 26, tzinfo=UTC),
            "language": "en",
            "genre": Genre.NEWS,
        }
        fields.update(meta)
        return Document.build(text, **fields)

    return make


@pytest.fixture
def wf_cli() -> Callable[..., Any]:
    """Invoke the `watchfloor` command group with arguments; returns click's Result."""
    from watchfloor.cli.main import _register, cli

    _register_once = getattr(wf_cli, "_done", False)
    if not _register_once and not cli.commands:
        _register()
    runner = CliRunner()

    def invoke(*args: str, **kwargs: Any) -> Any:
        return runner.invoke(cli, list(args), catch_exceptions=False, **kwargs)

    return invoke


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter: Any) -> Iterator[None]:
    """End with one line per group of skipped tests: how many, why, and how to enable them.

    A reason says how to enable its tests ("no PostgreSQL: set WATCHFLOOR_TEST_PG_URL
    (scripts/pg-test-server start)"); tests skipped for the same reason are one line.
    """
    yield
    groups: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        groups[reason] = groups.get(reason, 0) + 1
    if not groups:
        return
    terminalreporter.section("skipped tests, by reason (and how to enable them)", sep="-")
    for reason, count in sorted(groups.items(), key=lambda item: (-item[1], item[0])):
        terminalreporter.write_line(f"{count:4d} skipped: {reason}")


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The whole English reading, as `watchfloor analyze` runs it, loaded once for the run
    (a module needing other components defines its own `extractor`)."""
    from watchfloor.extract import Extractor

    return Extractor()
