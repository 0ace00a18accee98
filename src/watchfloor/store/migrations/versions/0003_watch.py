"""Watch state: fired alerts (once per rule, incident and fingerprint) and what rules saw.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create watch_alerts and watch_seen (store/watch_state.py describes them)."""
    op.create_table(
        "watch_alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("rule_id", sa.String(128), nullable=False),
        sa.Column("incident_id", sa.String(40), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("fired_at", sa.String(40), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.UniqueConstraint("rule_id", "incident_id", "fingerprint", name="uq_watch_alert"),
    )
    op.create_index("ix_watch_alerts_rule_incident", "watch_alerts", ["rule_id", "incident_id"])
    op.create_table(
        "watch_seen",
        sa.Column("rule_id", sa.String(128), primary_key=True),
        sa.Column("incident_id", sa.String(40), primary_key=True),
        sa.Column("first_seen", sa.String(40), nullable=False),
        sa.Column("last_seen", sa.String(40), nullable=False),
        sa.Column("snapshot", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    """Drop the watch tables."""
    op.drop_table("watch_seen")
    op.drop_index("ix_watch_alerts_rule_incident", table_name="watch_alerts")
    op.drop_table("watch_alerts")
