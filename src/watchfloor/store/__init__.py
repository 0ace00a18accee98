"""Persistence: SQLite by default, PostgreSQL for teams; one transaction per document."""

from watchfloor.store.documents import DocumentSummary, WriteStatus
from watchfloor.store.opening import engine_url, open_store
from watchfloor.store.repository import Store

__all__ = ["DocumentSummary", "Store", "WriteStatus", "engine_url", "open_store"]
