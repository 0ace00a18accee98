"""Marker columns: the incident place's precision and its largest figure, for the map.

The desk's overview draws up to 2,000 markers; reading them from indexed columns instead of
parsing each incident's JSON keeps it fast at 100k incidents.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _biggest(data: dict[str, Any]) -> int:
    best = 0
    for figure in data.get("figures") or ():
        for source in figure.get("sources") or ():
            value = source.get("high") if source.get("high") is not None else source.get("low")
            if isinstance(value, int):
                best = max(best, value)
    return best


def upgrade() -> None:
    """Add precision and biggest, back-filled from the stored incidents."""
    op.add_column("incidents", sa.Column("precision", sa.String(16), nullable=True))
    op.add_column("incidents", sa.Column("biggest", sa.Integer(), nullable=True))
    bind = op.get_bind()
    table = sa.table("incidents", sa.column("id"), sa.column("precision"), sa.column("biggest"))
    rows = bind.execute(sa.text("SELECT id, data FROM incidents")).all()
    for incident_id, data in rows:
        if isinstance(data, str):
            data = json.loads(data)
        place = data.get("place") or {}
        bind.execute(
            table.update()
            .where(table.c.id == incident_id)
            .values(precision=place.get("precision"), biggest=_biggest(data))
        )


def downgrade() -> None:
    """Drop the marker columns."""
    op.drop_column("incidents", "biggest")
    op.drop_column("incidents", "precision")
