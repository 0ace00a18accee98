"""PostgreSQL specifics: schemas per desk, the same migrations, UTF-8, and clear failures.

The whole store suite also runs on PostgreSQL through the `memory_store` fixture; the tests
here cover what only PostgreSQL has. Those that need a server skip without
WATCHFLOOR_TEST_PG_URL (`scripts/pg-test-server start` prints one).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import uuid
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, text

import watchfloor.store
from watchfloor.errors import StoreError
from watchfloor.store import open_store
from watchfloor.store import schema as t
from watchfloor.store.postgres import (
    create_schema,
    drop_schema,
    failure_hint,
    insert_new,
    is_postgres,
    schema_url,
)


def _server_url() -> str:
    url = os.environ.get("WATCHFLOOR_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL: set WATCHFLOOR_TEST_PG_URL (scripts/pg-test-server start)")
    return url


@pytest.fixture
def pg_schema() -> Iterator[tuple[str, str]]:
    """(server URL, URL inside a fresh schema); the schema is dropped afterwards."""
    url = _server_url()
    name = f"test_{uuid.uuid4().hex[:16]}"
    inside = create_schema(url, name)
    yield url, inside
    drop_schema(url, name)


def _all_tables() -> MetaData:
    """Every table the store's modules declare, whatever MetaData they use."""
    combined = MetaData()
    for info in pkgutil.iter_modules(watchfloor.store.__path__, "watchfloor.store."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, MetaData) and value is not combined:
                for table in value.tables.values():
                    if table.name not in combined.tables:
                        table.to_metadata(combined)
    return combined


def _is_full_text(entry: tuple) -> bool:
    """Migration 0005's tsvector column, GIN indexes and table are raw SQL, not metadata."""
    if entry[0] in ("remove_table", "remove_index"):
        return entry[1].name.startswith("search_")
    return entry[0] == "remove_column" and entry[3].name.startswith("search_")


@pytest.mark.issue(8)
def test_postgres_migrations_match_schema(pg_schema):
    _url, inside = pg_schema
    store = open_store(inside)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), _all_tables())
    store.close()
    assert [d for d in diff if not _is_full_text(d)] == []


@pytest.mark.issue(8)
def test_postgres_schemas_keep_desks_apart(pg_schema, make_document):
    url, inside = pg_schema
    other_name = f"test_{uuid.uuid4().hex[:16]}"
    other = open_store(create_schema(url, other_name))
    try:
        mine = open_store(inside)
        mine.write_document(make_document("Only in the first desk."))
        assert mine.summary()["documents"] == 1
        assert other.summary()["documents"] == 0
        mine.close()
    finally:
        other.close()
        drop_schema(url, other_name)


@pytest.mark.issue(8)
def test_postgres_server_is_utf8_and_text_round_trips(pg_schema, make_document):
    _url, inside = pg_schema
    store = open_store(inside)
    with store.engine.connect() as conn:
        assert conn.execute(text("SHOW server_encoding")).scalar() == "UTF8"
    doc = make_document(
        "هرب مئات السجناء من سجن غويران — “hundreds” escaped 🚨", raw=b"\x00\xff raw"
    )
    store.write_document(doc)
    assert store.get_document(doc.id) == doc
    store.close()


@pytest.mark.issue(8)
def test_postgres_reopen_runs_no_migration_twice(pg_schema, make_document):
    _url, inside = pg_schema
    doc = make_document("Kept across reopen.")
    first = open_store(inside)
    first.write_document(doc)
    first.close()
    again = open_store(inside)
    with again.engine.connect() as conn:
        versions = conn.execute(text("SELECT count(*) FROM alembic_version")).scalar()
    assert versions == 1
    assert again.get_document(doc.id) == doc
    again.close()


INCIDENT_ROW = {
    "id": "inc-1",
    "event_type": "prison_escape",
    "updated": "2026-01-26T00:00:00+00:00",
    "origins": 0,
    "data": {},
}


def _assert_insert_new_skips_duplicates(store) -> None:
    member = {"incident_id": "inc-1", "mention_id": "m-1"}
    with store.engine.begin() as conn:
        assert insert_new(conn, t.incidents, INCIDENT_ROW, ("id",)) is True
        assert insert_new(conn, t.incident_members, member, ("incident_id", "mention_id"))
        changed = dict(INCIDENT_ROW, event_type="other")
        assert insert_new(conn, t.incidents, changed, ("id",)) is False
        assert insert_new(conn, t.incident_members, member, ("incident_id", "mention_id")) is False
    with store.engine.connect() as conn:
        kept = conn.execute(t.incidents.select()).all()
    assert [(row.id, row.event_type) for row in kept] == [("inc-1", "prison_escape")]


@pytest.mark.issue(8)
def test_postgres_duplicate_insert_is_skipped_not_an_error(pg_schema):
    _url, inside = pg_schema
    store = open_store(inside)
    _assert_insert_new_skips_duplicates(store)
    store.close()


def test_postgres_unreachable_server_is_coded_error():
    # Port 9 on loopback: nothing listens there, the connection is refused at once.
    with pytest.raises(StoreError, match=r"WF-S001.*cannot be reached"):
        open_store("postgresql+psycopg://nobody@127.0.0.1:9/watchfloor?connect_timeout=2")


@pytest.mark.parametrize("name", ["Desk", "a-b", "x; DROP TABLE documents", "", "1abc", "é"])
def test_postgres_unsafe_schema_name_refused(name):
    with pytest.raises(StoreError, match="not a usable schema name"):
        schema_url("postgresql+psycopg://u@127.0.0.1:5432/db", name)


def test_postgres_schema_url_sets_search_path_and_keeps_the_rest():
    url = schema_url("postgresql+psycopg://u:secret@127.0.0.1:5432/db?sslmode=disable", "desk_a")
    assert url.startswith("postgresql+psycopg://u:secret@127.0.0.1:5432/db?")
    assert "sslmode=disable" in url
    assert "options=-csearch_path%3Ddesk_a" in url


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("postgresql+psycopg://u@h/db", True),
        ("postgresql://u@h/db", True),
        ("postgres://u@h/db", True),
        ("sqlite:///x.db", False),
        ("watchfloor.db", False),
        (":memory:", False),
    ],
)
def test_postgres_url_recognised(target, expected):
    assert is_postgres(target) is expected


@pytest.mark.parametrize(
    ("message", "advice"),
    [
        ("attempt to write a readonly database", "read-only"),
        ("database or disk is full", "free space"),
        ("disk I/O error", "free space"),
        ('connection to server at "127.0.0.1", port 9 failed: Connection refused', "reached"),
        ("server closed the connection unexpectedly", "run the same command again"),
        ("database is locked", "retry"),
        ("something nobody foresaw", "check the database"),
    ],
)
def test_postgres_failure_hint_says_what_to_do(message, advice):
    hint = failure_hint(RuntimeError(message))
    assert hint.startswith(message)
    assert advice in hint


def test_postgres_failure_hint_spots_read_only_sqlite_file(tmp_path):
    db = tmp_path / "ro.db"
    db.write_bytes(b"")
    db.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        if os.access(db, os.W_OK):
            pytest.skip("running as root: file modes do not stop writes (see tests/faults)")
        hint = failure_hint(RuntimeError("unable to open database file"), str(db))
        assert "read-only" in hint
    finally:
        tmp_path.chmod(0o755)


def test_insert_new_on_sqlite_skips_duplicates(tmp_path):
    store = open_store(str(tmp_path / "dup.db"))
    _assert_insert_new_skips_duplicates(store)
    store.close()
