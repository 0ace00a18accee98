"""What the caller knows about the inputs, and how far ingest may go to fetch them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from watchfloor.config import MAX_INPUT_BYTES
from watchfloor.ingest.metadata import Meta

__all__ = ["IngestOptions"]


@dataclass(frozen=True, slots=True)
class IngestOptions(Meta):
    """Options for one ingest run: metadata that overrides what is read, and fetch limits.

    The metadata fields are `Meta`'s (`outlet` ... `title`, one definition): they win over
    sidecar files, front matter, HTML metadata and guesses, in that order. `published` is
    made timezone-aware (UTC when naive).
    `fetch_feed_links` lets a feed entry that carries only a summary be completed by fetching
    its link through the guarded fetcher (`--no-fetch-links` turns it off). A feed yields at
    most `max_feed_entries` entries, the first ones in the feed; the rest are refused together.
    """

    max_bytes: int = MAX_INPUT_BYTES
    fetch_timeout: float = 20.0
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "watchfloor/0.1 (+offline monitoring desk)"
    fetch_feed_links: bool = True
    max_feed_entries: int = 1000
    # CSV/JSONL collections: field → column ("text" → "body"); unmapped fields use the usual
    # column names (see `watchfloor.ingest.rows`).
    columns: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        if self.max_feed_entries <= 0:
            raise ValueError("max_feed_entries must be positive")
        if self.max_redirects < 0:
            raise ValueError("max_redirects must not be negative")
        if self.fetch_timeout <= 0:
            raise ValueError("fetch_timeout must be positive")
        # A bare date from the command line carries no zone; the model requires one.
        if self.published is not None and self.published.tzinfo is None:
            object.__setattr__(self, "published", self.published.replace(tzinfo=UTC))
