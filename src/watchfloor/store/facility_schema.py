"""The facility tables (migration 0004): facility claims and indicator points.

`facility_claims` holds every claim a document makes about a facility of the register;
`indicator_points` every figure of a document that feeds an indicator. Both are derived rows,
read and written by `watchfloor.store.facilities.FacilityStore`.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Index, MetaData, String, Table

__all__ = ["facility_claims", "facility_metadata", "indicator_points"]

# Separate metadata: these tables belong to migration 0004, not to the lead's schema.py.
facility_metadata = MetaData()

facility_claims = Table(
    "facility_claims",
    facility_metadata,
    Column("id", String(40), primary_key=True),
    Column("facility_id", String(64), nullable=False),
    Column("kind", String(24), nullable=False),
    Column("document_id", String(40), nullable=False),
    Column("as_of", String(10), nullable=True),
    Column("extractor", String(64), nullable=False),
    Column("created", String(40), nullable=False),
    Column("data", JSON, nullable=False),
    Index("ix_facility_claims_facility", "facility_id", "kind"),
    Index("ix_facility_claims_document", "document_id"),
)

indicator_points = Table(
    "indicator_points",
    facility_metadata,
    Column("id", String(40), primary_key=True),
    Column("indicator_id", String(64), nullable=False),
    Column("document_id", String(40), nullable=False),
    Column("as_of", String(10), nullable=True),
    Column("extractor", String(64), nullable=False),
    Column("created", String(40), nullable=False),
    Column("data", JSON, nullable=False),
    Index("ix_indicator_points_indicator", "indicator_id", "as_of"),
    Index("ix_indicator_points_document", "document_id"),
)
