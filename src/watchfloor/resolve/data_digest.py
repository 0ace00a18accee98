"""One digest of every data file extraction reads: stamped on derived readings.

The gazetteer, facility list, place rules, actor catalogue, ontology, indicators and the
lexicons all live under `watchfloor/resolve/data`. A reading stored with one digest is stale
once any of those files changes, so `watchfloor extract` reads the stored document again:
editing a lexicon word or a gazetteer alias changes what is stored, not only new readings.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from importlib.abc import Traversable

__all__ = ["data_digest", "data_files"]

_SUFFIXES = (".yaml", ".yml", ".tsv", ".gz", ".txt", ".json")


def data_files(root: Traversable | None = None) -> list[tuple[str, Traversable]]:
    """(relative name, file) of every data file under the package's data folder, sorted."""
    base = root if root is not None else resources.files("watchfloor.resolve") / "data"
    found: list[tuple[str, Traversable]] = []
    stack: list[tuple[str, Traversable]] = [("", base)]
    while stack:
        prefix, folder = stack.pop()
        for entry in folder.iterdir():
            name = f"{prefix}{entry.name}"
            if entry.is_dir():
                stack.append((f"{name}/", entry))
            elif entry.name.endswith(_SUFFIXES):
                found.append((name, entry))
    return sorted(found, key=lambda nf: nf[0])


def digest_of(files: list[tuple[str, Traversable]]) -> str:
    """A short sha256 over the names and bytes of the files."""
    digest = hashlib.sha256()
    for name, entry in files:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(entry.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


@cache
def data_digest() -> str:
    """The digest of the packaged data (computed once per process, ~10 ms)."""
    return f"data-{digest_of(data_files())}"
