"""Files and folders: walking, size checks before reading, and `.meta.yaml` sidecars."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import yaml

from watchfloor.ingest.metadata import Meta, meta_from_mapping

__all__ = [
    "FOLDER_NOTES",
    "SIDECAR_SUFFIX",
    "is_folder_note",
    "load_sidecar",
    "sample_hash",
    "sidecar_path",
    "walk_files",
]

logger = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.yaml"
# A folder's own description, licence or provenance note is not a report: a walked folder
# skips these names (a file named explicitly on the command line is still read).
FOLDER_NOTES = frozenset(
    {"readme", "source", "sources", "license", "licence", "copying", "notice", "changelog"}
)
_SAMPLE = 1 << 20  # bytes read from each end of an oversized file to key its refusal


def walk_files(folder: Path) -> Iterator[Path]:
    """Every non-hidden file under a folder, recursively, sorted; sidecars and notes excluded."""
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        # Hidden folders (.git, .cache) are pruned from the walk itself.
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root) / name
            for name in names
            if not name.startswith(".")
            and not name.endswith(SIDECAR_SUFFIX)
            and not is_folder_note(name)
        )
    # Sorting by path parts puts "a.txt" < "b/two.txt" < "c.txt", the order a listing shows.
    yield from sorted(found, key=lambda p: p.relative_to(folder).parts)


def is_folder_note(name: str) -> bool:
    """True for README.md, SOURCE.md, LICENSE and the like: notes about a folder, not reports."""
    return name.split(".", 1)[0].casefold() in FOLDER_NOTES


def sidecar_path(path: Path) -> Path | None:
    """The sidecar of a file: `report.txt.meta.yaml`, else `report.meta.yaml`."""
    for candidate in (path.with_name(path.name + SIDECAR_SUFFIX), path.with_suffix(SIDECAR_SUFFIX)):
        if candidate != path and candidate.is_file():
            return candidate
    return None


def load_sidecar(path: Path) -> Meta:
    """Metadata from a file's sidecar, or nothing; a broken sidecar is logged and ignored."""
    sidecar = sidecar_path(path)
    if sidecar is None:
        return Meta()
    try:
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        logger.warning("%s: sidecar not readable (%s); ignored", sidecar, exc)
        return Meta()
    if not isinstance(data, dict):
        logger.warning("%s: sidecar is not a mapping; ignored", sidecar)
        return Meta()
    return meta_from_mapping(data, source=str(sidecar))


def sample_hash(path: Path) -> str:
    """A key for a file too big to read: a digest of its size, first MiB and last MiB.

    An oversized file is refused from its size on disk, and its Rejection still needs a
    content key so that re-ingesting the same file stores the refusal once. Hashing all of a
    10 GB file just to say "too big" would cost what the cap exists to avoid, so only the two
    ends are read (at most 2 MiB, whatever the size). The key is content-based, so a copy of
    the file gets the same one; two files of the same size that differ only in the middle
    share it, which merges their refusals only when they also share a path.
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        digest.update(b"%d:" % size)
        digest.update(handle.read(_SAMPLE))
        if size > 2 * _SAMPLE:
            handle.seek(size - _SAMPLE)
        # Below two samples the tail overlaps the head; what follows it is read instead.
        digest.update(handle.read(_SAMPLE))
    return digest.hexdigest()[:24]
