"""The time as the store writes it."""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["utc_now"]


def utc_now() -> str:
    """The time now in UTC, as the store writes it."""
    return datetime.now(UTC).isoformat()
