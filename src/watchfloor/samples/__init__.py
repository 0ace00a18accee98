"""The bundled sample corpus: the reference article, White House statements, synthetic reports.

See README.md beside this file for what each sample is and whom to credit.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["sample_folder", "sample_paths"]

_SIDECAR = ".meta.yaml"


def sample_folder() -> Path:
    """The folder holding the sample documents (and their `.meta.yaml` sidecars)."""
    return Path(str(files("watchfloor.samples") / "corpus"))


def sample_paths() -> list[Path]:
    """Every sample document, sorted by name; sidecars are metadata and not listed."""
    folder = sample_folder()
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and not p.name.endswith(_SIDECAR)
    )
