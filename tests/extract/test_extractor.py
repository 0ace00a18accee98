"""The extractor: components run in order over batched parses, with per-step timings."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from watchfloor.extract import ExtractOptions, Extractor
from watchfloor.model import Document, Genre

COMPONENTS = ("watchfloor.sentences.v1", "watchfloor.dates.v1", "watchfloor.quantities.v1")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(ExtractOptions(components=COMPONENTS))


def _document(text: str) -> Document:
    when = datetime(2022, 1, 25, tzinfo=UTC)
    return Document.build(
        text,
        raw=text.encode(),
        media_type="text/plain",
        source="test",
        retrieved=when,
        published=when,
        language="en",
        genre=Genre.NEWS,
    )


def test_extractor_timings_name_parse_and_every_component(extractor: Extractor) -> None:
    assert list(extractor.timings) == ["parse", *COMPONENTS]
    before = dict(extractor.timings)
    texts = ["At least 12,000 fighters were held on Tuesday.", "Hundreds escaped in January."]
    annotated = list(extractor.extract([_document(t) for t in texts]))
    assert [len(a.quantities) for a in annotated] == [1, 1]
    assert all(extractor.timings[name] >= before[name] for name in before)
    assert extractor.timings["parse"] > before["parse"]  # the clock moved, whatever the speed


def test_extractor_keeps_document_order_across_batches() -> None:
    small = Extractor(ExtractOptions(components=COMPONENTS, batch_size=2))
    texts = [f"{n} prisoners escaped." for n in range(10, 17)]
    annotated = list(small.extract([_document(t) for t in texts]))
    assert [a.document.text for a in annotated] == texts
    assert [a.quantities[0].low for a in annotated] == list(range(10, 17))
