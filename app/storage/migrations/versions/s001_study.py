"""Study mode: student profiles, card states (FSRS), review log, custom decks.

Revision ID: s001
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s001"
down_revision = "0001"
branch_labels = ("study",)
depends_on = None


def _id(table: str) -> list[sa.SchemaItem]:
    return [sa.Column("id", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))]


def _profile_fk(table: str) -> sa.Column:
    return sa.Column("profile_id", sa.Integer(), sa.ForeignKey(
        "study_profiles.id", name=op.f(f"fk_{table}_profile_id"), ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "study_profiles",
        *_id("study_profiles"),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("new_per_day", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("name", name=op.f("uq_study_profiles_name")),
    )
    op.create_table(
        "study_cards",
        *_id("study_cards"),
        _profile_fk("study_cards"),
        sa.Column("card_key", sa.String(160), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("due", sa.DateTime(), nullable=False),
        sa.Column("first_reviewed_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("profile_id", "card_key", name="uq_study_cards_profile_card"),
    )
    op.create_index(op.f("ix_study_cards_profile_id"), "study_cards", ["profile_id"])
    op.create_table(
        "study_reviews",
        *_id("study_reviews"),
        _profile_fk("study_reviews"),
        sa.Column("card_key", sa.String(160), nullable=False),
        sa.Column("region", sa.String(40), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
    )
    op.create_index(op.f("ix_study_reviews_profile_id"), "study_reviews", ["profile_id"])
    op.create_table(
        "study_decks",
        *_id("study_decks"),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("cards", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("uid", name=op.f("uq_study_decks_uid")),
    )


def downgrade() -> None:
    for table in ("study_decks", "study_reviews", "study_cards", "study_profiles"):
        op.drop_table(table)
