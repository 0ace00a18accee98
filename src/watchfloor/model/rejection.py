"""A refused input: what was wrong, at which stage, and where it came from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

__all__ = ["Rejection", "content_hash"]


def content_hash(raw: bytes) -> str:
    """Hash of the raw bytes of a refused input, so the same refusal is stored once."""
    return hashlib.sha256(raw).hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that was refused: error code, message, stage, source and a hash of its bytes.

    `detail` holds a traceback for unexpected failures (bugs), empty for ordinary input errors.
    """

    code: str
    message: str
    stage: str
    source: str
    content_hash: str
    created: datetime
    detail: str = ""
