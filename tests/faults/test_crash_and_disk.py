"""Faults during `watchfloor ingest`: kill -9 mid-batch, a read-only store, a full disk.

Each runs the real command in a subprocess, then checks the store file from outside: SQLite's
integrity check, every document row complete (its id still hashes its text, its raw bytes
decompress), no reading or event mention without its document, and a re-run that completes.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from watchfloor.store import open_store

WATCHFLOOR = str(Path(sys.executable).with_name("watchfloor"))
STORE_ERROR_EXIT = 2  # StoreError: usage/environment, nothing half-written


def _write_reports(folder: Path, count: int, words: int = 30) -> Path:
    """`count` small distinct text reports (with enough words for language detection)."""
    folder.mkdir(parents=True, exist_ok=True)
    filler = " ".join(["the convoy moved along the road towards the border crossing"] * words)
    for i in range(count):
        text = f"Report {i}: hundreds of prisoners escaped near Hasakah, officials said. {filler}"
        (folder / f"report-{i:04d}.txt").write_text(text + f" Serial {i}.\n", encoding="utf-8")
    return folder


def _ingest(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [WATCHFLOOR, "ingest", *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        **kwargs,
    )


def _count(db: Path, table: str) -> int:
    """Rows in a table, read by a separate connection (the writer may be running)."""
    if not db.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(db, timeout=10)) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created yet (the migration has not run)


def assert_store_consistent(db: Path) -> int:
    """Check the store file as a crash could have left it; returns the number of documents."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute(
            "SELECT count(*) FROM readings r LEFT JOIN documents d ON d.id = r.document_id "
            "WHERE d.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0, "a reading without its document"
        orphan_mentions = conn.execute(
            "SELECT count(*) FROM event_mentions m LEFT JOIN documents d "
            "ON d.id = m.document_id WHERE d.id IS NULL"
        ).fetchone()[0]
        assert orphan_mentions == 0, "an event mention without its document"
        for (raw,) in conn.execute("SELECT raw FROM documents"):
            assert zlib.decompress(raw), "raw bytes cut short"
    store = open_store(str(db))
    try:
        ids = store.document_ids()
        for ref in ids:
            # Document's own check: the id must still be the hash of the stored text.
            document = store.get_document(ref)
            assert document is not None and document.text and document.raw
    finally:
        store.close()
    return len(ids)


def _kill_when(
    process: subprocess.Popen[str], ready: Callable[[], bool], log: Path, limit: float = 300
) -> None:
    """SIGKILL the process as soon as `ready()` holds (polling), or fail after `limit` s."""
    deadline = time.monotonic() + limit
    while not ready():
        if process.poll() is not None:
            pytest.fail(f"ingest ended before it could be killed: {log.read_text()[-4000:]}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("ingest never reached the point where it should be killed")
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(30)


@pytest.mark.issue(8)
def test_crash_kill_9_mid_batch_leaves_store_consistent_and_rerun_completes(tmp_path):
    reports = _write_reports(tmp_path / "reports", 400)
    db = tmp_path / "crash.db"
    command = [WATCHFLOOR, "ingest", "--db", str(db), "--no-extract", str(reports)]
    # Output goes to a file, never an undrained pipe: a child that fails loudly would block on
    # a full pipe until the time limit instead of failing at once.
    log = tmp_path / "ingest.log"
    with log.open("w") as out, subprocess.Popen(command, stdout=out, stderr=out, text=True) as run:
        _kill_when(run, lambda: _count(db, "documents") >= 20, log)
    assert run.returncode == -signal.SIGKILL

    stored = assert_store_consistent(db)
    assert 20 <= stored < 400, "the kill did not land mid-batch"

    rerun = _ingest("--db", str(db), "--no-extract", str(reports))
    assert rerun.returncode == 0, rerun.stderr
    assert f"{stored} already stored" in rerun.stdout
    assert assert_store_consistent(db) == 400


@pytest.mark.slow
@pytest.mark.issue(8)
def test_crash_kill_9_during_extraction_never_leaves_a_document_unread(tmp_path):
    reports = _write_reports(tmp_path / "reports", 40, words=3)
    db = tmp_path / "crash.db"
    command = [WATCHFLOOR, "ingest", "--db", str(db), str(reports)]
    # Output goes to a file, never an undrained pipe: a child that fails loudly would block on
    # a full pipe until the time limit instead of failing at once.
    log = tmp_path / "ingest.log"
    with log.open("w") as out, subprocess.Popen(command, stdout=out, stderr=out, text=True) as run:
        _kill_when(run, lambda: _count(db, "documents") >= 1, log)

    stored = assert_store_consistent(db)
    # Each document is written with its reading in one transaction: never one without the other.
    assert _count(db, "readings") == stored < 40

    rerun = _ingest("--db", str(db), str(reports))
    assert rerun.returncode == 0, rerun.stderr
    assert assert_store_consistent(db) == 40 == _count(db, "readings")


@contextlib.contextmanager
def _tiny_tmpfs(size: str) -> Iterator[Path]:
    """A real file system of `size` (needs root and mount rights), or a skip."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a tiny tmpfs needs root (CI runs as root)")
    point = Path(tempfile.mkdtemp(prefix="wf-tmpfs-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        point.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)
        point.rmdir()


def _disk_full_by_rlimit(limit: int) -> None:
    """In the child: files may not grow past `limit` bytes; EFBIG instead of SIGXFSZ."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def _assert_disk_full_error(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == STORE_ERROR_EXIT, result.stdout + result.stderr
    assert "WF-S001" in result.stderr
    assert "free space" in result.stderr


@pytest.mark.issue(8)
def test_full_disk_by_file_size_limit_is_coded_error_and_store_intact(tmp_path):
    reports = _write_reports(tmp_path / "reports", 200, words=40)
    db = tmp_path / "full.db"
    open_store(str(db)).close()
    size = db.stat().st_size
    result = _ingest(
        "--db",
        str(db),
        "--no-extract",
        str(reports),
        preexec_fn=lambda: _disk_full_by_rlimit(size + 64 * 1024),
    )
    _assert_disk_full_error(result)
    stored = assert_store_consistent(db)
    assert stored < 200

    rerun = _ingest("--db", str(db), "--no-extract", str(reports))  # space is back
    assert rerun.returncode == 0, rerun.stderr
    assert assert_store_consistent(db) == 200


@pytest.mark.issue(8)
def test_full_disk_on_tiny_tmpfs_is_coded_error_and_rerun_completes(tmp_path):
    reports = _write_reports(tmp_path / "reports", 300, words=40)
    with _tiny_tmpfs("1m") as disk:
        db = disk / "full.db"
        result = _ingest("--db", str(db), "--no-extract", str(reports))
        _assert_disk_full_error(result)
        stored = assert_store_consistent(db)
        assert stored < 300

        # The analyst frees space (here: grows the file system) and runs the same command.
        subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        rerun = _ingest("--db", str(db), "--no-extract", str(reports))
        assert rerun.returncode == 0, rerun.stderr
        assert assert_store_consistent(db) == 300


@pytest.mark.issue(8)
def test_read_only_store_is_coded_error_and_exit_2(tmp_path):
    reports = _write_reports(tmp_path / "reports", 3)
    with _tiny_tmpfs("16m") as disk:
        db = disk / "desk.db"
        first = _ingest("--db", str(db), "--no-extract", str(reports / "report-0000.txt"))
        assert first.returncode == 0, first.stderr
        # Root ignores file modes, so the file system itself becomes read-only.
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)

        result = _ingest("--db", str(db), "--no-extract", str(reports))
        assert result.returncode == STORE_ERROR_EXIT, result.stdout + result.stderr
        assert "WF-S001" in result.stderr
        assert "read-only" in result.stderr
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        assert assert_store_consistent(db) == 1
