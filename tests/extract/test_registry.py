"""The component registry: pipeline steps in order, and the readers of a finished reading."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from watchfloor.errors import ConfigError
from watchfloor.extract import attribution, facilities
from watchfloor.extract.components import Registry, StoredReader
from watchfloor.extract.registrations import default_registry
from watchfloor.model import (
    AnnotatedDocument,
    Attribution,
    Document,
    Evidence,
    Source,
    SourceKind,
)
from watchfloor.model.document import document_id

pytestmark = pytest.mark.issue(19)


def test_facility_reading_is_a_registered_reader_not_a_pipeline_step() -> None:
    registry = default_registry()
    assert facilities.NAME == "watchfloor.facilities.v1"
    assert registry.readers[facilities.NAME] is facilities.READER
    assert facilities.NAME not in registry.names()  # the extraction pipeline is unchanged
    assigned = set().union(*(c.assigns for c in registry.components.values()))
    assert facilities.READER.requires <= assigned
    assert "parse" not in facilities.READER.requires


def test_a_reader_may_read_only_what_components_assign() -> None:
    registry = default_registry()
    with pytest.raises(ConfigError, match="parse"):
        registry.register_reader(StoredReader("x.parse.v1", frozenset({"parse"}), print))
    empty = Registry()
    with pytest.raises(ConfigError, match="events"):
        empty.register_reader(StoredReader("x.events.v1", frozenset({"events"}), print))
    with pytest.raises(ConfigError, match="twice"):
        registry.register_reader(facilities.READER)


def _doc(*attributions: Attribution) -> AnnotatedDocument:
    text = "Officials said the SDF told Reuters that 40 fled."
    document = Document(
        id=document_id(text),
        text=text,
        raw=text.encode(),
        media_type="text/plain",
        source="test",
        retrieved=datetime(2024, 1, 1, tzinfo=UTC),
        language="en",
        outlet="Wire",
    )
    return AnnotatedDocument(document=document, attributions=attributions)


def test_chain_at_is_one_pure_function_on_the_model() -> None:
    assert attribution.chain_at is AnnotatedDocument.chain_at
    outlet = Source(name="Wire", kind=SourceKind.OUTLET)
    officials = Source(name="officials", kind=SourceKind.VAGUE)
    sdf = Source(name="SDF", kind=SourceKind.ACTOR)
    wide = Attribution(
        chain=(outlet, officials),
        verb="said",
        is_vague=True,
        evidence=Evidence("d1", 0, 15, 49, "x"),
    )
    narrow = Attribution(
        chain=(outlet, officials, sdf),
        verb="told",
        is_vague=False,
        evidence=Evidence("d1", 0, 36, 49, "x"),
    )
    doc = _doc(wide, narrow)
    assert doc.chain_at(0, 41, 43) == (outlet, officials, sdf)  # the innermost clause
    assert doc.chain_at(0, 19, 22) == (outlet, officials)
    assert doc.chain_at(0, 0, 9) == (outlet,)  # outside every clause: the outlet's
    assert doc.chain_at(1, 41) == (outlet,)  # another sentence
    assert _doc().outlet_source() == outlet
