"""Persistence: SQLite by default, PostgreSQL for teams; one transaction per document."""

from watchfloor.store.repository import DocumentSummary, Store, WriteStatus, engine_url, open_store

__all__ = ["DocumentSummary", "Store", "WriteStatus", "engine_url", "open_store"]
