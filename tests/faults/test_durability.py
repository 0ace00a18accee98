"""Durability: SQLite stores commit with synchronous=FULL unless told otherwise.

WAL with synchronous=NORMAL (the old setting everywhere) can lose the last commits on power
loss; FULL syncs the log at every commit. The desk and analyst actions now commit FULL; batch
ingest keeps NORMAL unless WATCHFLOOR_SQLITE_SYNCHRONOUS=full (a re-run of the same command
restores what a power cut lost; docs/scale.md says so plainly).
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from watchfloor.cli.common import open_db
from watchfloor.errors import StoreError
from watchfloor.store import Store, open_store

FULL, NORMAL = 2, 1  # what PRAGMA synchronous reports


def _mode(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text("PRAGMA synchronous")).scalar_one())


@pytest.mark.issue(17)
def test_durability_full_by_default(tmp_path):
    store = open_store(str(tmp_path / "d.db"))
    try:
        assert _mode(store) == FULL
        assert store.engine.dialect.name == "sqlite"
    finally:
        store.close()


@pytest.mark.issue(17)
def test_durability_desk_full_batch_normal_unless_set(tmp_path, monkeypatch):
    db = str(tmp_path / "d.db")
    monkeypatch.delenv("WATCHFLOOR_SQLITE_SYNCHRONOUS", raising=False)
    for batch, expected in ((False, FULL), (True, NORMAL)):
        store = open_db(db, batch=batch)
        assert _mode(store) == expected, batch
        store.close()
    for value, expected in (("full", FULL), ("normal", NORMAL)):
        monkeypatch.setenv("WATCHFLOOR_SQLITE_SYNCHRONOUS", value)
        for batch in (False, True):
            store = open_db(db, batch=batch)
            assert _mode(store) == expected, (value, batch)
            store.close()


@pytest.mark.issue(17)
def test_durability_the_desk_opens_its_store_full(tmp_path, monkeypatch, wf_cli):
    import uvicorn

    monkeypatch.delenv("WATCHFLOOR_SQLITE_SYNCHRONOUS", raising=False)
    apps: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_kw: apps.append(app))
    assert wf_cli("serve", "--db", str(tmp_path / "d.db")).exit_code == 0
    store = apps[0].state.desk.store  # type: ignore[attr-defined]
    assert _mode(store) == FULL


def test_durability_unknown_mode_refused(tmp_path):
    with pytest.raises(StoreError, match="synchronous"):
        open_store(str(tmp_path / "d.db"), synchronous="off")
