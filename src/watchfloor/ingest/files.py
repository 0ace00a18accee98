"""Files and folders: walking, size checks before reading, and `.meta.yaml` sidecars."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import yaml

from watchfloor.ingest.metadata import Meta, meta_from_mapping

__all__ = ["SIDECAR_SUFFIX", "file_hash", "load_sidecar", "sidecar_path", "walk_files"]

logger = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.yaml"


def walk_files(folder: Path) -> Iterator[Path]:
    """Every non-hidden file under a folder, recursively, sorted by path; sidecars excluded."""
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        # Hidden folders (.git, .cache) are pruned from the walk itself.
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root) / name
            for name in names
            if not name.startswith(".") and not name.endswith(SIDECAR_SUFFIX)
        )
    # Sorting by path parts puts "a.txt" < "b/two.txt" < "c.txt", the order a listing shows.
    yield from sorted(found, key=lambda p: p.relative_to(folder).parts)


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


def file_hash(path: Path) -> str:
    """Same digest as `model.content_hash(path.read_bytes())`, read in chunks (huge files)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:24]
