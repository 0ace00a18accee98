"""Initial schema: documents, rejections, readings, event mentions, incidents, overrides.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create every table of the first schema."""
    op.create_table(
        "documents",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("previous_version", sa.String(40), sa.ForeignKey("documents.id"), nullable=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("outlet", sa.Text, nullable=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("author", sa.Text, nullable=True),
        sa.Column("published", sa.String(40), nullable=True),
        sa.Column("retrieved", sa.String(40), nullable=False),
        sa.Column("ingested", sa.String(40), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("genre", sa.String(32), nullable=False),
        sa.Column("media_type", sa.String(80), nullable=False),
        sa.Column("word_count", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("raw", sa.LargeBinary, nullable=False),
        sa.Column("removed", sa.JSON, nullable=False),
        sa.Column("extras", sa.JSON, nullable=False),
    )
    op.create_index("ix_documents_url", "documents", ["url"])
    op.create_index("ix_documents_outlet", "documents", ["outlet"])
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_table(
        "rejections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("last_seen", sa.String(40), nullable=False),
        sa.Column("times", sa.Integer, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.UniqueConstraint("source", "content_hash", "code", "stage", name="uq_rejection"),
    )
    op.create_table(
        "readings",
        sa.Column(
            "document_id",
            sa.String(40),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("extractor", sa.Text, nullable=False),
        sa.Column("genre", sa.String(32), nullable=True),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "event_mentions",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column(
            "document_id",
            sa.String(40),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("lat", sa.Float, nullable=True),
        sa.Column("lon", sa.Float, nullable=True),
        sa.Column("date_start", sa.String(10), nullable=True),
        sa.Column("date_end", sa.String(10), nullable=True),
        sa.Column("extractor", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_event_mentions_document", "event_mentions", ["document_id"])
    op.create_index("ix_event_mentions_type", "event_mentions", ["event_type"])
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("family", sa.String(64), nullable=True),
        sa.Column("lat", sa.Float, nullable=True),
        sa.Column("lon", sa.Float, nullable=True),
        sa.Column("place_name", sa.Text, nullable=True),
        sa.Column("country_code", sa.String(4), nullable=True),
        sa.Column("admin1", sa.Text, nullable=True),
        sa.Column("date_start", sa.String(10), nullable=True),
        sa.Column("date_end", sa.String(10), nullable=True),
        sa.Column("origins", sa.Integer, nullable=False),
        sa.Column("corroboration", sa.String(32), nullable=True),
        sa.Column("updated", sa.String(40), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_incidents_type", "incidents", ["event_type"])
    op.create_index("ix_incidents_dates", "incidents", ["date_start", "date_end"])
    op.create_table(
        "incident_blocks",
        sa.Column(
            "incident_id",
            sa.String(40),
            sa.ForeignKey("incidents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("block", sa.String(128), primary_key=True),
    )
    op.create_index("ix_incident_blocks_block", "incident_blocks", ["block"])
    op.create_table(
        "incident_members",
        sa.Column(
            "incident_id",
            sa.String(40),
            sa.ForeignKey("incidents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("mention_id", sa.String(40), primary_key=True),
    )
    op.create_index("ix_incident_members_mention", "incident_members", ["mention_id"])
    op.create_table(
        "overrides",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("author", sa.Text, nullable=True),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.Text, nullable=True),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.Text, nullable=True),
        sa.Column("detail", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    """Drop every table of the first schema."""
    for table in (
        "audit_log",
        "overrides",
        "incident_members",
        "incident_blocks",
        "incidents",
        "event_mentions",
        "readings",
        "rejections",
        "documents",
    ):
        op.drop_table(table)
