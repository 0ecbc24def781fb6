"""Records: a version per client and visit (optimistic concurrency), signing, amendments,
the per-client audit trail and the Symptom Severity Scale entry of a visit.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = ("records",)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clients") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("visits") as batch:
        batch.add_column(sa.Column("symptom_severity", sa.Text(), nullable=True))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("signed_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("signed_by", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "visit_amendments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), sa.ForeignKey(
            "visits.id", name=op.f("fk_visit_amendments_visit_id"), ondelete="CASCADE"), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("original", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_amendments")),
    )
    op.create_index(op.f("ix_visit_amendments_visit_id"), "visit_amendments", ["visit_id"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index(op.f("ix_audit_events_client_id"), "audit_events", ["client_id"])


def downgrade() -> None:
    op.drop_table("audit_events")
    op.drop_table("visit_amendments")
    with op.batch_alter_table("visits") as batch:
        for column in ("signed_by", "signed_at", "version", "symptom_severity"):
            batch.drop_column(column)
    with op.batch_alter_table("clients") as batch:
        batch.drop_column("version")
