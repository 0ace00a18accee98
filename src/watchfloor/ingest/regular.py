"""Reading a path safely: regular files only (after links), and never more than the cap + 1 byte.

A folder handed to a batch may hold anything a file system can: a FIFO (reading it blocks
until a writer comes, maybe never), a link to /dev/zero or /dev/urandom (reading never ends),
a socket, a loop of symbolic links, or a file that grows while it is read. `read_regular`
refuses all of these with their own code before reading, and bounds the read itself, so the
size on disk is a hint, never a promise (files under /proc report 0 bytes).

The checks are made twice: on the path (`stat`, which follows links, so nothing special is
even opened), then on the opened descriptor (`fstat`), so a file swapped for a FIFO between
the two cannot slip through. The descriptor is opened non-blocking: opening a FIFO without a
writer would otherwise block in `open` itself.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from watchfloor.errors import NotFound, SpecialFile, TooLarge
from watchfloor.ingest.options import IngestOptions
from watchfloor.ingest.readers import check_size

__all__ = ["read_regular", "special_kind"]

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_CHUNK = 1 << 20


def special_kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is ("a FIFO", "a character device", ...), or None."""
    kinds = (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    )
    for test, name in kinds:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def _refuse_special(mode: int, source: str) -> None:
    kind = special_kind(mode)
    if kind == "a folder":
        raise SpecialFile("a folder, not a file: give the files in it", source=source)
    if kind is not None:
        raise SpecialFile(
            f"{kind}, not a regular file: only regular files are read (a pipe or a device "
            "could block or never end); copy its content into a file to ingest it",
            source=source,
        )


def _os_error(exc: OSError, source: str) -> NotFound | SpecialFile:
    """The input error for a path that cannot be opened."""
    if exc.errno == errno.ELOOP:
        return SpecialFile(
            "a loop of symbolic links (or one too deep); it leads to no file", source=source
        )
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return NotFound("no such file or folder; check the path", source=source)
    return NotFound(
        f"cannot read the file ({exc.__class__.__name__}: {exc.strerror or exc}); "
        "check that it exists and that its permissions allow reading",
        source=source,
    )


def read_regular(path: Path, options: IngestOptions) -> bytes:
    """The bytes of a regular file (links followed), at most `options.max_bytes` of them.

    Raises NotFound (missing or unreadable), SpecialFile (FIFO, device, socket, link loop)
    or TooLarge (over the cap on disk, or past it while reading).
    """
    source = str(path)
    try:
        _refuse_special(path.stat().st_mode, source)
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _os_error(exc, source) from None
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        opened = os.fstat(descriptor)
        _refuse_special(opened.st_mode, source)  # the file opened is the one checked
        check_size(opened.st_size, options, source)
        limit = options.max_bytes + 1  # one byte more than allowed tells "too large" apart
        body = bytearray()
        try:
            while len(body) < limit:
                piece = handle.read(min(_CHUNK, limit - len(body)))
                if not piece:
                    break
                body.extend(piece)
        except OSError as exc:
            raise _os_error(exc, source) from None
    if len(body) > options.max_bytes:
        raise TooLarge(
            f"the file passed the {options.max_bytes:,}-byte cap while being read (its size on "
            f"disk said {opened.st_size:,}); raise --max-bytes if it is really a report",
            source=source,
        )
    return bytes(body)
