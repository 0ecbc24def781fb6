"""Client records: clients, visits, pain marks, palpation findings, treatments.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id(table: str) -> list[sa.SchemaItem]:
    return [sa.Column("id", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))]


def _visit_fk(table: str) -> sa.Column:
    return sa.Column("visit_id", sa.Integer(), sa.ForeignKey(
        "visits.id", name=op.f(f"fk_{table}_visit_id"), ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "clients",
        *_id("clients"),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("consent_given", sa.Boolean(), nullable=False),
        sa.Column("consent_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("uid", name=op.f("uq_clients_uid")),
    )
    op.create_table(
        "visits",
        *_id("visits"),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey(
            "clients.id", name=op.f("fk_visits_client_id"), ondelete="CASCADE"), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        *(sa.Column(name, sa.Text(), nullable=False) for name in (
            "therapist", "chief_complaint", "subjective", "objective", "assessment", "plan",
            "red_flags", "notes")),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index(op.f("ix_visits_client_id"), "visits", ["client_id"])
    op.create_table(
        "pain_marks",
        *_id("pain_marks"),
        _visit_fk("pain_marks"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("view", sa.String(32), nullable=False),
        sa.Column("geometry", sa.LargeBinary(), nullable=False),
        sa.Column("intensity", sa.Integer(), nullable=False),
        sa.Column("quality", sa.String(32), nullable=False),
    )
    op.create_table(
        "findings",
        *_id("findings"),
        _visit_fk("findings"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("muscle_id", sa.String(80), nullable=False),
        sa.Column("trigger_point_id", sa.String(80), nullable=True),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
    )
    op.create_table(
        "treatments",
        *_id("treatments"),
        _visit_fk("treatments"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("technique", sa.Text(), nullable=False),
        sa.Column("muscle_id", sa.String(80), nullable=True),
        sa.Column("side", sa.String(16), nullable=True),
        sa.Column("duration_min", sa.Float(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
    )
    for table in ("pain_marks", "findings", "treatments"):
        op.create_index(op.f(f"ix_{table}_visit_id"), table, ["visit_id"])


def downgrade() -> None:
    for table in ("treatments", "findings", "pain_marks", "visits", "clients"):
        op.drop_table(table)
