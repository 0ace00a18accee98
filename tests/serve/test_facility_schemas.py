"""The facility schemas are drawn from the facility dataclasses: every field, in order, as
`to_plain` writes it, required; the OpenAPI form of a claim is pinned as it was written by hand."""

from __future__ import annotations

import dataclasses

import pytest

from watchfloor.model.facilities import FacilityClaim, FacilityState, IndicatorPoint
from watchfloor.resolve.facilities import Facility
from watchfloor.resolve.indicators import Indicator
from watchfloor.serve import facility_schemas as fs
from watchfloor.serve.app import create_app
from watchfloor.store import open_store

pytestmark = pytest.mark.issue(19)

CLAIM_SCHEMA = {
    "properties": {
        "id": {"type": "string", "title": "Id"},
        "facility_id": {"type": "string", "title": "Facility Id"},
        "kind": {"type": "string", "title": "Kind"},
        "document_id": {"type": "string", "title": "Document Id"},
        "outlet": {"type": "string", "title": "Outlet"},
        "published": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Published"},
        "as_of": {
            "anyOf": [{"type": "string", "format": "date"}, {"type": "null"}],
            "title": "As Of",
        },
        "chain": {
            "items": {"$ref": "#/components/schemas/SourceOut"},
            "type": "array",
            "title": "Chain",
        },
        "statement": {"type": "string", "title": "Statement"},
        "evidence": {"$ref": "#/components/schemas/EvidenceOut"},
        "sentence": {"type": "string", "title": "Sentence"},
        "cue": {"type": "string", "title": "Cue"},
        "actor_id": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Actor Id"},
        "actor_name": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Actor Name"},
        "quantity": {"anyOf": [{"$ref": "#/components/schemas/QuantityOut"}, {"type": "null"}]},
        "event_type": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Event Type"},
        "mention_id": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Mention Id"},
    },
    "additionalProperties": False,
    "type": "object",
    "required": [
        "id",
        "facility_id",
        "kind",
        "document_id",
        "outlet",
        "published",
        "as_of",
        "chain",
        "statement",
        "evidence",
        "sentence",
        "cue",
        "actor_id",
        "actor_name",
        "quantity",
        "event_type",
        "mention_id",
    ],
    "title": "FacilityClaimOut",
    "description": "One thing a sentence says about a facility, with its chain and evidence.",
}


@pytest.mark.parametrize(
    ("cls", "schema"),
    [
        (Facility, fs.FacilityOut),
        (FacilityState, fs.FacilityStateOut),
        (FacilityClaim, fs.FacilityClaimOut),
        (Indicator, fs.IndicatorOut),
        (IndicatorPoint, fs.IndicatorPointOut),
    ],
)
def test_schema_has_every_field_of_its_dataclass_in_order_and_required(cls, schema):
    names = [f.name for f in dataclasses.fields(cls)]
    form = schema.model_json_schema()
    assert list(form["properties"]) == names
    assert form["required"] == names
    assert form["additionalProperties"] is False


def test_claim_schema_is_the_one_written_by_hand_before():
    schemas = create_app(open_store(":memory:")).openapi()["components"]["schemas"]
    assert schemas["FacilityClaimOut"] == CLAIM_SCHEMA
