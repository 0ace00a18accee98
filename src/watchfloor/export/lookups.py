"""Look-ups exports make in the store: a document's URL, the sentence a claim was read in."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache

from watchfloor.model import AnnotatedDocument, Evidence
from watchfloor.store import Store

__all__ = ["StoreLookups", "store_lookups"]


class StoreLookups:
    """`url_of`, `hash_of` (by document id) and `quote_of(evidence)`, backed by the store."""

    def __init__(self, store: Store, cache_size: int = 256) -> None:
        self._store = store
        self._annotated: Callable[[str], AnnotatedDocument | None] = lru_cache(cache_size)(
            store.get_annotated
        )

    def url_of(self, document_id: str) -> str | None:
        """The document's URL, or None when unknown or not stored here."""
        reading = self._annotated(document_id)
        if reading is not None:
            return reading.document.url
        document = self._store.get_document(document_id)
        return document.url if document else None

    def hash_of(self, document_id: str) -> str | None:
        """SHA-256 of the document's raw bytes as fetched (STIX external-reference hashes)."""
        document = self._store.get_document(document_id)
        return hashlib.sha256(document.raw).hexdigest() if document else None

    def quote_of(self, evidence: Evidence) -> str | None:
        """The text of the sentence the evidence points into, or None when not stored here."""
        reading = self._annotated(evidence.document_id)
        if reading is None:
            return None
        for sentence in reading.sentences:
            if sentence.index == evidence.sentence:
                return sentence.text
        return None


def store_lookups(store: Store) -> StoreLookups:
    """Look-ups against this store, for `write_acled(url_of=...)` and `write_stix(...)`."""
    return StoreLookups(store)
