"""Files: an oversized file is keyed by its two ends, not read; an unreadable one is refused."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from watchfloor.ingest import IngestOptions, read_inputs, regular
from watchfloor.ingest.files import sample_hash
from watchfloor.model import Rejection

MIB = 1 << 20


def _sparse(path: Path, size: int, patches: dict[int, bytes] | None = None) -> Path:
    """A sparse file of `size` bytes (zeros), with some bytes written at given offsets."""
    with path.open("wb") as handle:
        handle.truncate(size)
        for offset, data in (patches or {}).items():
            handle.seek(offset)
            handle.write(data)
    return path


class _Counting(io.FileIO):
    """A raw file that counts the bytes read through it, across every instance."""

    total = 0

    def read(self, size: int | None = -1, /) -> bytes:
        data = super().read(size)
        _Counting.total += len(data or b"")
        return data or b""


@pytest.fixture
def counted_reads(monkeypatch) -> type[_Counting]:
    """Route Path.open("rb") through _Counting, so a test can see how much was read."""
    _Counting.total = 0
    real = Path.open

    def open_counted(self: Path, mode: str = "r", *args, **kwargs):
        if mode == "rb":
            return _Counting(str(self), "r")
        return real(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_counted)
    return _Counting


@pytest.mark.issue(8)
def test_sample_hash_reads_only_both_ends_of_a_huge_file(tmp_path, counted_reads):
    huge = _sparse(tmp_path / "archive.txt", 256 * MIB)
    sample_hash(huge)
    assert counted_reads.total == 2 * MIB


def test_sample_hash_small_file_read_whole_once(tmp_path, counted_reads):
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * (MIB + 10))
    sample_hash(small)
    assert counted_reads.total == MIB + 10


@pytest.mark.parametrize(
    ("patch", "same"),
    [
        ({0: b"A"}, False),  # first byte
        ({64 * MIB - 1: b"Z"}, False),  # last byte
        ({32 * MIB: b"M"}, True),  # the middle is not sampled (documented)
        ({}, True),
    ],
)
def test_sample_hash_sees_the_ends_not_the_middle(tmp_path, patch, same):
    base = sample_hash(_sparse(tmp_path / "a.bin", 64 * MIB))
    other = sample_hash(_sparse(tmp_path / "b.bin", 64 * MIB, patch))
    assert (base == other) is same


def test_sample_hash_depends_on_size(tmp_path):
    # Zeros on both ends, only the length differs.
    assert sample_hash(_sparse(tmp_path / "a", 8 * MIB)) != sample_hash(
        _sparse(tmp_path / "b", 8 * MIB + 1)
    )


@pytest.mark.issue(8)
def test_read_inputs_oversized_refusal_keyed_stably(tmp_path):
    huge = _sparse(tmp_path / "archive.txt", 64 * MIB, {10: b"report"})
    options = IngestOptions(max_bytes=1_000_000)
    first = list(read_inputs([str(huge)], options))
    again = list(read_inputs([str(huge)], options))
    refused = [item for item in first if isinstance(item, Rejection)]
    refused_again = [item for item in again if isinstance(item, Rejection)]
    assert len(refused) == len(first) and len(refused_again) == len(again)
    assert [r.content_hash for r in refused] == [r.content_hash for r in refused_again]
    assert refused[0].code == "WF-I005"


def test_read_inputs_unreadable_file_refused_batch_goes_on(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Hundreds of prisoners escaped, officials said.")
    (tmp_path / "b.txt").write_text("The SDF said it had regained control of the prison.")
    real = os.open

    def os_open(path: str | Path, flags: int, *args: int) -> int:
        if Path(path).name == "a.txt":  # chmod cannot stop a test running as root
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args)

    monkeypatch.setattr(regular.os, "open", os_open)  # type: ignore[attr-defined]
    first, second = read_inputs([str(tmp_path)], IngestOptions())
    assert isinstance(first, Rejection) and first.code == "WF-I011"
    assert "Permission denied" in first.message
    assert not isinstance(second, Rejection) and second.source.endswith("b.txt")
