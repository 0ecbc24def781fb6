"""Neuro screen: the tested items of a visit's neuro-screen checklist, as JSON on the visit.

Revision ID: n001
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "n001"
down_revision = "0001"
branch_labels = ("neuro_screen",)
depends_on = None


def upgrade() -> None:
    # A nullable column: every visit made before this revision simply has nothing tested.
    with op.batch_alter_table("visits") as batch:
        batch.add_column(sa.Column("neuro_screen", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("neuro_screen")
