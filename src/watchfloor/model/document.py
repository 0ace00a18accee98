"""The ingested report: normalised text, raw bytes and metadata, identified by a text hash."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

__all__ = ["Document", "Genre", "document_id", "normalise_text"]

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n{3,}")


class Genre(StrEnum):
    """What kind of report a document is; ingest guesses, extraction refines."""

    NEWS = "news_report"
    OPINION = "opinion"
    OFFICIAL = "official_statement"
    ANALYSIS = "analysis_report"
    UNKNOWN = "unknown"


def normalise_text(text: str) -> str:
    """NFC, unified line ends, collapsed runs of spaces, trimmed lines, at most one blank line."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def document_id(text: str) -> str:
    """Stable id of a document: a hash of its normalised text, so re-ingest is a no-op."""
    digest = hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
    return f"doc-{digest[:20]}"


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, slots=True)
class Document:
    """A report as ingested: its normalised main text, its raw bytes and what we know of it.

    `id` is `document_id(text)`. `published` and `retrieved` are timezone-aware. `removed` lists
    the furniture lines (comment prompts, share and cookie lines) taken out of the text.
    """

    id: str
    text: str
    raw: bytes
    media_type: str
    source: str
    retrieved: datetime
    language: str
    genre: Genre = Genre.UNKNOWN
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    removed: tuple[str, ...] = ()
    extras: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if self.id != document_id(self.text):
            raise ValueError(f"document id {self.id!r} does not match its text")
        for name in ("published", "retrieved"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"{name} must be timezone-aware")
        object.__setattr__(self, "extras", _frozen(self.extras))

    @classmethod
    def build(cls, text: str, **fields: Any) -> Document:
        """Build a document from text, computing its normalised form and id."""
        normal = normalise_text(text)
        return cls(id=document_id(normal), text=normal, **fields)

    @property
    def word_count(self) -> int:
        """Number of whitespace-separated words in the text."""
        return len(self.text.split())
