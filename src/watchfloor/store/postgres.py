"""Where the engines differ: PostgreSQL schemas, duplicate-safe inserts, and failure advice.

Teams keep the store in PostgreSQL; several desks (or test runs) can share one database, each in
its own schema, selected through the connection's `search_path`. Concurrent writers must never
fail on a document another process stored a moment earlier, so new rows go in with
`INSERT ... ON CONFLICT DO NOTHING`, which both PostgreSQL and SQLite (3.24+) understand.
Failures of the database itself (a read-only file, a full disk, a server that went away) are
turned into one sentence that tells the analyst what to do.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Table, create_engine, make_url, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from watchfloor.errors import StoreError

__all__ = [
    "create_schema",
    "drop_schema",
    "failure_hint",
    "insert_new",
    "is_postgres",
    "schema_url",
]

# A conservative identifier: schema names are spliced into DDL, which cannot take parameters.
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

# Fragments of driver messages (SQLite, psycopg) and the advice each calls for.
_HINTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("readonly database", "read-only", "read only"),
        "the database is read-only: check the file's and its folder's permissions (SQLite "
        "writes a -wal and -shm file next to it) or the role's rights, or point --db at a "
        "writable store",
    ),
    (
        ("disk is full", "database or disk is full", "no space left", "disk i/o error"),
        "the disk holding the database is full or failing: free space and run the same "
        "command again; what was stored before is intact and is not written twice",
    ),
    (
        ("unable to open database", "could not connect", "connection refused", "no such host"),
        "the database cannot be reached: check the path or URL in --db / WATCHFLOOR_DB and "
        "that the server is running",
    ),
    (
        ("server closed the connection", "terminating connection", "connection is closed"),
        "the database server went away mid-write: nothing half-written was kept; run the "
        "same command again once it is back",
    ),
    (
        ("database is locked",),
        "another process held the database for too long: retry, or move a busy team store "
        "to PostgreSQL",
    ),
)


def is_postgres(target: str) -> bool:
    """Whether a --db value names a PostgreSQL database."""
    return target.startswith(("postgresql://", "postgresql+", "postgres://"))


def require_driver(target: str) -> None:
    """Refuse a PostgreSQL target, saying how to install it, when the driver is absent.

    psycopg is the optional extra `watchfloor[postgres]` (`make install` installs it).
    """
    if not is_postgres(target):
        return
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise StoreError(
            f"cannot open the store at {target!r}: PostgreSQL needs the psycopg driver, "
            "which is not installed; install it with: pip install 'watchfloor[postgres]'"
        ) from None


def _checked(schema: str) -> str:
    if not _SCHEMA_NAME.match(schema):
        raise StoreError(
            f"{schema!r} is not a usable schema name: use lower-case letters, digits and "
            "underscores, starting with a letter or underscore"
        )
    return schema


def schema_url(url: str, schema: str) -> str:
    """The URL of the same database with `search_path` set to one schema (its own tables)."""
    parsed = make_url(url)
    query = dict(parsed.query)
    query["options"] = f"-csearch_path={_checked(schema)}"
    return parsed.set(query=query).render_as_string(hide_password=False)


def _admin(url: str, statement: str) -> None:
    """Run one DDL statement in autocommit, on a connection of its own."""
    engine = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(statement))
    except SQLAlchemyError as exc:
        raise StoreError(f"{statement.split(' (')[0]} failed: {failure_hint(exc)}") from exc
    finally:
        engine.dispose()


def create_schema(url: str, schema: str) -> str:
    """Create an empty schema in a PostgreSQL database; returns a URL that works inside it."""
    _admin(url, f'CREATE SCHEMA IF NOT EXISTS "{_checked(schema)}"')
    return schema_url(url, schema)


def drop_schema(url: str, schema: str) -> None:
    """Drop a schema and everything in it (test and benchmark clean-up)."""
    _admin(url, f'DROP SCHEMA IF EXISTS "{_checked(schema)}" CASCADE')


def insert_new(
    conn: Connection, table: Table, values: Mapping[str, Any], keys: Sequence[str]
) -> bool:
    """Insert a row unless one with the same `keys` exists; True when this call inserted it.

    Unlike select-then-insert, this cannot fail when another process inserts the same row
    between the two statements: PostgreSQL waits for the other transaction, SQLite for the
    write lock, and both then skip the duplicate.
    """
    name = conn.dialect.name
    if name == "postgresql":
        statement: Any = postgresql.insert(table).values(**values)
    elif name == "sqlite":
        statement = sqlite.insert(table).values(**values)
    else:
        raise StoreError(f"the {name} database engine is not supported; use SQLite or PostgreSQL")
    statement = statement.on_conflict_do_nothing(index_elements=list(keys))
    # Drivers report INSERT row counts only on request (psycopg gives -1 otherwise).
    result = conn.execute(statement, execution_options={"preserve_rowcount": True})
    return result.rowcount > 0


def _is_read_only_file(target: str) -> bool:
    """Whether a SQLite store path exists but cannot be written (file, folder or file system)."""
    if "://" in target or target == ":memory:":
        return False
    path = Path(target).expanduser()
    # SQLite in WAL mode also creates -wal and -shm files next to the database.
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def failure_hint(exc: BaseException, target: str | None = None) -> str:
    """What went wrong with the database, and what to do, in one sentence.

    Args:
        exc: the driver's or SQLAlchemy's exception.
        target: the --db value, when known: SQLite reports a read-only file or file system
            only as "unable to open database file", so the file is checked as well.
    """
    message = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0:1]
    found = message[0] if message else exc.__class__.__name__
    lowered = found.casefold()
    if target is not None and _is_read_only_file(target):
        lowered = "read-only " + lowered
    for fragments, advice in _HINTS:
        if any(fragment in lowered for fragment in fragments):
            return f"{found}: {advice}"
    return f"{found}: check the database in --db / WATCHFLOOR_DB and run the command again"
