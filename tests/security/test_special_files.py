"""Only regular files are read, and never more than the cap + 1 byte.

A FIFO in an ingested folder used to hang the batch forever, a link to /dev/zero exhausted
memory (the size check trusted `st_size`, then read without a limit), and a FIFO given
directly was "no such file". Each is now refused with WF-I012 and the batch goes on; a file
whose size on disk says nothing (files under /proc report 0) is cut one byte past the cap;
an empty folder is "nothing found" (WF-I013), exit 1.

The command-line checks run `watchfloor ingest` in a child process with its address space
limited, so that a regression fails the test instead of exhausting the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from watchfloor.errors import SpecialFile, TooLarge
from watchfloor.ingest import IngestOptions, read_inputs
from watchfloor.ingest.regular import read_regular
from watchfloor.model import Document, Rejection

WATCHFLOOR = str(Path(sys.executable).with_name("watchfloor"))
REPORT = "Hundreds of prisoners escaped from the prison near Hasakah, officials said. " * 3


def _limited() -> None:
    """In the child: at most 3 GB of address space (a read of /dev/zero fails fast)."""
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def _ingest(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [WATCHFLOOR, "ingest", "--no-extract", *args],
        capture_output=True,
        text=True,
        timeout=300,  # a hang-guard only: a FIFO read without the fix never returns
        check=False,
        preexec_fn=_limited,
    )


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    os.mkfifo(folder / "a-pipe")
    (folder / "b-zero").symlink_to("/dev/zero")
    (folder / "c-loop").symlink_to(folder / "c-loop")
    return folder


@pytest.mark.issue(17)
def test_special_files_in_a_folder_refused_batch_goes_on(tmp_path):
    folder = _folder(tmp_path)
    done: list[object] = []
    reader = threading.Thread(
        target=lambda: done.extend(read_inputs([str(folder)], IngestOptions())), daemon=True
    )
    reader.start()
    reader.join(120)  # hang-guard: reading the FIFO would block forever
    assert not reader.is_alive(), "reading the folder blocked (a FIFO was opened for reading)"
    refused = {Path(r.source).name: r for r in done if isinstance(r, Rejection)}
    assert {name: r.code for name, r in refused.items()} == {
        "a-pipe": SpecialFile.code,
        "b-zero": SpecialFile.code,
        "c-loop": SpecialFile.code,
    }
    assert "FIFO" in refused["a-pipe"].message
    assert "character device" in refused["b-zero"].message
    assert "loop" in refused["c-loop"].message
    assert [Path(d.source).name for d in done if isinstance(d, Document)] == ["report.txt"]


@pytest.mark.issue(17)
def test_special_files_command_line_folder_with_fifo_and_dev_zero(tmp_path):
    folder = _folder(tmp_path)
    result = _ingest("--db", str(tmp_path / "s.db"), str(folder))
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.count("[WF-I012]") == 3
    assert "1 stored" in result.stdout


@pytest.mark.issue(17)
def test_special_files_fifo_given_directly_has_its_own_code(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (item,) = read_inputs([str(fifo)], IngestOptions())
    assert isinstance(item, Rejection)
    assert item.code == SpecialFile.code != "WF-I011"


@pytest.mark.issue(17)
def test_special_files_read_stops_one_byte_past_the_cap(tmp_path):
    # /proc files report a size of 0 and hold more: the read itself must stop at cap + 1.
    smaps = Path("/proc/self/smaps")
    if not smaps.exists():
        pytest.skip("no /proc/self/smaps on this system")
    link = tmp_path / "proc-file.txt"
    link.symlink_to(smaps)
    with pytest.raises(TooLarge, match="while being read"):
        read_regular(link, IngestOptions(max_bytes=100))
    assert read_regular(link, IngestOptions(max_bytes=50_000_000))  # under the cap: read


@pytest.mark.issue(17)
def test_special_files_a_file_growing_past_the_cap_is_cut(tmp_path, monkeypatch):
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 50)
    real = os.fstat

    def small_fstat(fd: int) -> os.stat_result:  # the size on disk lies (the file grew)
        info = real(fd)
        return os.stat_result((*info[:6], 10, *info[7:]))

    monkeypatch.setattr(os, "fstat", small_fstat)
    with pytest.raises(TooLarge):
        read_regular(path, IngestOptions(max_bytes=20))


@pytest.mark.issue(17)
def test_special_files_empty_folder_is_nothing_found_exit_1(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".hidden").write_text(REPORT, encoding="utf-8")
    result = _ingest("--db", str(tmp_path / "s.db"), str(empty))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "[WF-I013]" in result.stdout and "nothing found" in result.stdout
