"""Facility claims and indicator points (store/facility_schema.py describes them).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create facility_claims and indicator_points with their indexes."""
    op.create_table(
        "facility_claims",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("facility_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("document_id", sa.String(40), nullable=False),
        sa.Column("as_of", sa.String(10), nullable=True),
        sa.Column("extractor", sa.String(64), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_facility_claims_facility", "facility_claims", ["facility_id", "kind"])
    op.create_index("ix_facility_claims_document", "facility_claims", ["document_id"])
    op.create_table(
        "indicator_points",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("indicator_id", sa.String(64), nullable=False),
        sa.Column("document_id", sa.String(40), nullable=False),
        sa.Column("as_of", sa.String(10), nullable=True),
        sa.Column("extractor", sa.String(64), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_indicator_points_indicator", "indicator_points", ["indicator_id", "as_of"])
    op.create_index("ix_indicator_points_document", "indicator_points", ["document_id"])


def downgrade() -> None:
    """Drop the facility tables."""
    op.drop_index("ix_indicator_points_document", table_name="indicator_points")
    op.drop_index("ix_indicator_points_indicator", table_name="indicator_points")
    op.drop_table("indicator_points")
    op.drop_index("ix_facility_claims_document", table_name="facility_claims")
    op.drop_index("ix_facility_claims_facility", table_name="facility_claims")
    op.drop_table("facility_claims")
