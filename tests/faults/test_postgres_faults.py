"""The SQLite fault cases, on PostgreSQL: kill -9 mid-batch, and two ingest runs at once.

Each test runs the real `watchfloor ingest` against a schema of its own in the database named
by WATCHFLOOR_TEST_PG_URL (`.ci/run` starts one with `scripts/pg-test-server start`), then
checks the schema from outside: no reading or event mention without its document, every raw
document decompresses and still hashes to its id, and a re-run (or the other writer) leaves
each document stored exactly once. Without WATCHFLOOR_TEST_PG_URL they skip with that reason.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from watchfloor.store import open_store
from watchfloor.store.postgres import create_schema, drop_schema

WATCHFLOOR = str(Path(sys.executable).with_name("watchfloor"))


@pytest.fixture
def pg_target() -> Iterator[str]:
    """A URL whose search_path is a fresh schema, dropped afterwards."""
    url = os.environ.get("WATCHFLOOR_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL: set WATCHFLOOR_TEST_PG_URL (scripts/pg-test-server start)")
    schema = f"fault_{uuid.uuid4().hex[:16]}"
    target = create_schema(url, schema)
    try:
        yield target
    finally:
        drop_schema(url, schema)


def _write_reports(folder: Path, count: int, words: int = 30) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    filler = " ".join(["the convoy moved along the road towards the border crossing"] * words)
    for i in range(count):
        text_ = f"Report {i}: hundreds of prisoners escaped near Hasakah, officials said. {filler}"
        (folder / f"report-{i:04d}.txt").write_text(text_ + f" Serial {i}.\n", encoding="utf-8")
    return folder


def _scalar(target: str, sql: str) -> int:
    """One number, read on a connection of its own (the writer may still be running)."""
    engine = create_engine(target, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar_one())
    except SQLAlchemyError:
        return 0  # the tables are not there yet (the migration has not run)
    finally:
        engine.dispose()


def assert_schema_consistent(target: str) -> int:
    """The schema as a crash could have left it; returns the number of documents."""
    orphans = _scalar(
        target,
        "SELECT count(*) FROM readings r LEFT JOIN documents d ON d.id = r.document_id "
        "WHERE d.id IS NULL",
    )
    assert orphans == 0, "a reading without its document"
    orphan_mentions = _scalar(
        target,
        "SELECT count(*) FROM event_mentions m LEFT JOIN documents d ON d.id = m.document_id "
        "WHERE d.id IS NULL",
    )
    assert orphan_mentions == 0, "an event mention without its document"
    engine = create_engine(target, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            for (raw,) in conn.execute(text("SELECT raw FROM documents")):
                assert zlib.decompress(raw), "raw bytes cut short"
    finally:
        engine.dispose()
    store = open_store(target)
    try:
        ids = store.document_ids()
        for ref in ids:
            document = store.get_document(ref)  # Document checks its id hashes its text
            assert document is not None and document.text and document.raw
    finally:
        store.close()
    return len(ids)


def _ingest(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [WATCHFLOOR, "ingest", *args], capture_output=True, text=True, timeout=600, check=False
    )


@pytest.mark.issue(17)
def test_pg_kill_9_mid_batch_leaves_schema_consistent_and_rerun_completes(tmp_path, pg_target):
    reports = _write_reports(tmp_path / "reports", 400)
    command = [WATCHFLOOR, "ingest", "--db", pg_target, "--no-extract", str(reports)]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as run:
        deadline = time.monotonic() + 300  # a hang-guard, not a speed check
        while _scalar(pg_target, "SELECT count(*) FROM documents") < 20:
            if run.poll() is not None:
                pytest.fail(f"ingest ended before it could be killed: {run.stderr.read()}")  # type: ignore[union-attr]
            if time.monotonic() > deadline:
                run.kill()
                pytest.fail("ingest never stored 20 documents")
            time.sleep(0.02)
        run.send_signal(signal.SIGKILL)
        run.wait(30)
    assert run.returncode == -signal.SIGKILL

    stored = assert_schema_consistent(pg_target)
    assert 20 <= stored < 400, "the kill did not land mid-batch"

    rerun = _ingest("--db", pg_target, "--no-extract", str(reports))
    assert rerun.returncode == 0, rerun.stderr
    assert f"{stored} already stored" in rerun.stdout
    assert assert_schema_consistent(pg_target) == 400


@pytest.mark.issue(17)
def test_pg_two_ingest_runs_at_once_store_each_document_once(tmp_path, pg_target):
    reports = _write_reports(tmp_path / "reports", 120, words=5)
    open_store(pg_target).close()  # migrate once, as a team does before its first run
    command = [WATCHFLOOR, "ingest", "--db", pg_target, "--no-extract", str(reports)]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], "\n".join(e for _o, e in outputs)
    stored = already = 0
    for out, _err in outputs:
        tally = out.strip().splitlines()[-1]  # "120 inputs: 40 already stored, 80 stored"
        for part in tally.split(":", 1)[1].split(","):
            count, _, status = part.strip().partition(" ")
            stored += int(count) if status == "stored" else 0
            already += int(count) if status == "already stored" else 0
    assert (stored, already) == (120, 120)  # each document stored by exactly one of the two
    assert assert_schema_consistent(pg_target) == 120
