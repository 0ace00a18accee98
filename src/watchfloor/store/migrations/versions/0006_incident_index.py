"""Incident look-ups that scale: actors table, list-order, type and location indexes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add incident_actors (back-filled from the stored incidents) and the list indexes."""
    op.create_table(
        "incident_actors",
        sa.Column(
            "incident_id",
            sa.String(40),
            sa.ForeignKey("incidents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("actor_key", sa.String(200), primary_key=True),
        sa.Column("role", sa.String(16), primary_key=True),
        sa.Column("actor_id", sa.String(80), nullable=True),
        sa.Column("name_folded", sa.String(200), nullable=False),
    )
    op.create_index("ix_incident_actors_actor_id", "incident_actors", ["actor_id"])
    op.create_index("ix_incident_actors_name", "incident_actors", ["name_folded"])
    op.create_index("ix_incidents_order", "incidents", ["date_end", "id"])
    op.create_index("ix_incidents_type_order", "incidents", ["event_type", "date_end"])
    op.create_index("ix_incidents_location", "incidents", ["lat", "lon"])
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, data FROM incidents")).all()
    table = sa.table(
        "incident_actors",
        sa.column("incident_id"),
        sa.column("actor_key"),
        sa.column("role"),
        sa.column("actor_id"),
        sa.column("name_folded"),
    )
    for incident_id, data in rows:
        if isinstance(data, str):
            data = json.loads(data)
        seen = set()
        for actor in data.get("actors") or ():
            name = str(actor.get("name", "")).casefold()
            key = actor.get("actor_id") or f"name:{name}"
            if (key, actor.get("role")) in seen:
                continue
            seen.add((key, actor.get("role")))
            op.execute(
                table.insert().values(
                    incident_id=incident_id,
                    actor_key=key[:200],
                    role=str(actor.get("role", ""))[:16],
                    actor_id=actor.get("actor_id"),
                    name_folded=name[:200],
                )
            )


def downgrade() -> None:
    """Drop the actors table and the list indexes."""
    op.drop_index("ix_incidents_location", "incidents")
    op.drop_index("ix_incidents_type_order", "incidents")
    op.drop_index("ix_incidents_order", "incidents")
    op.drop_index("ix_incident_actors_name", "incident_actors")
    op.drop_index("ix_incident_actors_actor_id", "incident_actors")
    op.drop_table("incident_actors")
