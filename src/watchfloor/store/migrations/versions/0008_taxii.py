"""Exchange with partner desks: imported objects, TLP markings, TAXII polls and collections.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create partner_objects, tlp_markings, taxii_polls, taxii_collections (store/exchange.py)."""
    op.create_table(
        "partner_objects",
        sa.Column("partner", sa.String(200), primary_key=True),
        sa.Column("stix_id", sa.String(120), primary_key=True),
        sa.Column("local_id", sa.String(40), nullable=False),
        sa.Column("bundle_id", sa.String(120), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("received", sa.String(40), nullable=False),
    )
    op.create_index("ix_partner_objects_local", "partner_objects", ["local_id"])
    op.create_table(
        "tlp_markings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("author", sa.Text, nullable=True),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("ix_tlp_markings_target", "tlp_markings", ["target"])
    op.create_table(
        "taxii_polls",
        sa.Column("url", sa.String(500), primary_key=True),
        sa.Column("collection", sa.String(120), primary_key=True),
        sa.Column("partner", sa.String(200), nullable=False),
        sa.Column("added_after", sa.String(40), nullable=True),
        sa.Column("last_poll", sa.String(40), nullable=False),
        sa.Column("objects", sa.Integer, nullable=False),
    )
    op.create_table(
        "taxii_collections",
        sa.Column("alias", sa.String(120), primary_key=True),
        sa.Column("id", sa.String(40), nullable=False, unique=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("author", sa.Text, nullable=True),
        sa.Column("created", sa.String(40), nullable=False),
    )
    op.create_index("ix_incidents_updated", "incidents", ["updated", "id"])


def downgrade() -> None:
    """Drop the exchange tables."""
    op.drop_index("ix_incidents_updated", "incidents")
    op.drop_table("taxii_collections")
    op.drop_table("taxii_polls")
    op.drop_index("ix_tlp_markings_target", "tlp_markings")
    op.drop_table("tlp_markings")
    op.drop_index("ix_partner_objects_local", "partner_objects")
    op.drop_table("partner_objects")
