"""Opening a store: the engine for a path or URL, SQLite's per-connection settings, migration."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from watchfloor.errors import StoreError
from watchfloor.store.postgres import failure_hint, require_driver
from watchfloor.store.repository import Store

__all__ = ["SYNCHRONOUS", "engine_url", "open_store"]


def engine_url(target: str) -> str:
    """An SQLAlchemy URL from a file path, ":memory:" or a URL given as is."""
    if "://" in target:
        return target
    if target == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(target).expanduser()}"


SYNCHRONOUS = ("full", "normal")


def _sqlite_pragmas(synchronous: str) -> Callable[[Any, Any], None]:
    """The per-connection settings of an SQLite store, with its synchronous mode.

    WAL with synchronous=FULL syncs the log at every commit, so a commit that returned
    survives a power cut; NORMAL syncs only at checkpoints and can lose the last commits on
    power loss (never on a process crash, and never to corruption). See docs/scale.md.
    """
    mode = synchronous.upper()

    def pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={mode}")
        cursor.close()

    return pragmas


def open_store(target: str, *, synchronous: str = "full") -> Store:
    """Open (and create or migrate) the store at a path or URL.

    `synchronous` ("full" or "normal") is SQLite's durability mode; PostgreSQL keeps its
    server's own settings (synchronous_commit is on by default: a commit is durable).
    """
    if synchronous not in SYNCHRONOUS:
        raise StoreError(f"synchronous is {', '.join(SYNCHRONOUS)}, not {synchronous!r}")
    require_driver(target)  # psycopg is the optional extra `watchfloor[postgres]`
    url = engine_url(target)
    try:
        if url.startswith("sqlite"):
            if url != "sqlite://":
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            kwargs: dict[str, Any] = {}
            if url == "sqlite://":
                kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
            engine = create_engine(url, **kwargs)
            event.listen(engine, "connect", _sqlite_pragmas(synchronous))
        else:
            engine = create_engine(url, pool_pre_ping=True)
        store = Store(engine)
        store.migrate()
    except (SQLAlchemyError, OSError) as exc:
        raise StoreError(
            f"cannot open the store at {target!r}: {failure_hint(exc, target)}"
        ) from exc
    return store
