"""Chain roots: the source an attribution chain rests on, which is what confirmation counts."""

from __future__ import annotations

from watchfloor.model.provenance import Source, SourceKind

__all__ = ["claim_origin", "root"]


def root(chain: tuple[Source, ...]) -> Source:
    """The source a chain rests on; an author speaks for the outlet that publishes them."""
    if not chain:
        raise ValueError("an attribution chain has at least the publishing outlet")
    last = chain[-1]
    if last.kind is SourceKind.AUTHOR:
        return chain[0]
    return last


def claim_origin(chain: tuple[Source, ...]) -> str:
    """The origin key of a chain: the `Source.key` of its root."""
    return root(chain).key
