"""The store: idempotent upserts, versions, rejections, readings, migrations."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData

from watchfloor.model import AnnotatedDocument, Rejection, Sentence
from watchfloor.store import WriteStatus, open_store
from watchfloor.store.schema import metadata


def test_store_same_text_twice_is_already_stored(memory_store, make_document):
    doc = make_document("Hundreds of prisoners escaped.")
    assert memory_store.write_document(doc) is WriteStatus.STORED
    assert memory_store.write_document(doc) is WriteStatus.ALREADY_STORED
    assert memory_store.summary()["documents"] == 1


def test_store_same_url_new_text_is_new_version(memory_store, make_document):
    first = make_document("Version one.", url="https://example.org/a")
    second = make_document("Version two, corrected.", url="https://example.org/a")
    memory_store.write_document(first)
    assert memory_store.write_document(second) is WriteStatus.NEW_VERSION
    rows = {r.id: r for r in memory_store.list_documents()}
    assert rows[second.id].previous_version == first.id
    assert rows[first.id].previous_version is None


def test_store_document_round_trips_with_raw_bytes(memory_store, make_document):
    raw = b"\x89 original bytes \xff"
    doc = make_document(
        "Text.",
        raw=raw,
        outlet="Rudaw",
        published=datetime(2026, 1, 20, 9, tzinfo=UTC),
        removed=("No comments:",),
    )
    memory_store.write_document(doc)
    back = memory_store.get_document(doc.id)
    assert back == doc
    assert back.raw == raw
    assert memory_store.get_document(doc.id[:12]) == doc


def test_store_unknown_or_short_prefix_is_none(memory_store, make_document):
    memory_store.write_document(make_document("Text."))
    assert memory_store.get_document("doc-") is None
    assert memory_store.get_document("doc-ffffffffffff") is None


def test_store_rejection_recorded_once_and_counted(memory_store):
    rejection = Rejection(
        code="WF-I001",
        message="empty",
        stage="ingest",
        source="empty.txt",
        content_hash="abc",
        created=datetime.now(UTC),
    )
    memory_store.add_rejection(rejection)
    memory_store.add_rejection(rejection)
    rows = memory_store.rejections()
    assert len(rows) == 1
    assert rows[0][0].code == "WF-I001"
    assert rows[0][1] == 2


def test_store_readings_replace_and_keep_raw(memory_store, make_document):
    doc = make_document("One. Two.")
    reading = AnnotatedDocument(
        document=doc, sentences=(Sentence(0, 0, 4, "One."),), extractors=("x.v1",)
    )
    memory_store.write_document(doc, reading, "x.v1")
    assert memory_store.get_annotated(doc.id) == reading
    newer = AnnotatedDocument(document=doc, sentences=(), extractors=("x.v2",))
    memory_store.replace_annotations(newer, "x.v2")
    assert memory_store.get_annotated(doc.id) == newer
    assert memory_store.extractor_of(doc.id) == "x.v2"
    assert memory_store.get_document(doc.id) == doc


def test_store_file_uses_wal_and_foreign_keys(file_store):
    with file_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def _all_tables() -> MetaData:
    """Every table the store's modules declare, whatever MetaData they use."""
    import importlib
    import pkgutil

    import watchfloor.store

    combined = MetaData()
    for info in pkgutil.iter_modules(watchfloor.store.__path__, "watchfloor.store."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, MetaData):
                for table in value.tables.values():
                    if table.name not in combined.tables:
                        table.to_metadata(combined)
    return combined


def _is_virtual(table_name: str) -> bool:
    """SQLite FTS5 virtual tables and their shadow tables are made by raw SQL, not metadata."""
    return table_name.startswith("search_")


def test_store_migrations_match_schema(tmp_path):
    store = open_store(str(tmp_path / "m.db"))
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), _all_tables())
    real = [d for d in diff if not (d[0] == "remove_table" and _is_virtual(d[1].name))]
    assert real == []
    assert metadata.tables  # the core schema is among them


def test_store_reopen_is_idempotent(tmp_path, make_document):
    path = str(tmp_path / "r.db")
    store = open_store(path)
    doc = make_document("Kept across reopen.")
    store.write_document(doc)
    store.close()
    again = open_store(path)
    assert again.get_document(doc.id) == doc


def test_store_unwritable_path_is_store_error(tmp_path):
    from watchfloor.errors import StoreError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="WF-S001"):
        open_store(str(blocker / "sub" / "db.sqlite"))
