"""Fixtures of the Arabic reader tests: one reader per session (its name index loads once)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from watchfloor.extract.arabic.reader import ArabicReader
from watchfloor.extract.resources import load_resources
from watchfloor.model import AnnotatedDocument, Document, Genre


@pytest.fixture(scope="session")
def reader() -> ArabicReader:
    return ArabicReader(load_resources())


@pytest.fixture
def read_ar(reader: ArabicReader) -> Callable[..., AnnotatedDocument]:
    """Read an Arabic text published on 2022-01-22 (a Saturday) unless told otherwise."""

    def read(text: str, **meta: Any) -> AnnotatedDocument:
        fields: dict[str, Any] = {
            "raw": text.encode("utf-8"),
            "media_type": "text/plain",
            "source": "test-ar.txt",
            "retrieved": datetime(2022, 1, 22, 12, tzinfo=UTC),
            "published": datetime(2022, 1, 22, 9, tzinfo=UTC),
            "language": "ar",
            "genre": Genre.NEWS,
            "outlet": "Test Outlet",
        }
        fields.update(meta)
        return reader.read(Document.build(text, **fields))

    return read
