"""Study tables of the user database: student profiles, each card's FSRS state per profile,
the review log and teachers' custom decks.  Same metadata as the client records (one
database, one Alembic history); migration ``s001`` (branch "study") creates them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.records_models import RecordsBase


class StudyProfileRow(RecordsBase):
    __tablename__ = "study_profiles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    new_per_day: Mapped[int] = mapped_column(Integer, default=20)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class StudyCardRow(RecordsBase):
    """One card's memory state (FSRS JSON) for one student."""

    __tablename__ = "study_cards"
    __table_args__ = (UniqueConstraint("profile_id", "card_key", name="uq_study_cards_profile_card"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("study_profiles.id", ondelete="CASCADE"), index=True)
    card_key: Mapped[str] = mapped_column(String(160))
    state: Mapped[str] = mapped_column(Text)
    due: Mapped[datetime] = mapped_column(DateTime)
    first_reviewed_at: Mapped[datetime] = mapped_column(DateTime)


class StudyReviewRow(RecordsBase):
    __tablename__ = "study_reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("study_profiles.id", ondelete="CASCADE"), index=True)
    card_key: Mapped[str] = mapped_column(String(160))
    region: Mapped[str] = mapped_column(String(40), default="")
    score: Mapped[float] = mapped_column(Float)
    grade: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime)


class StudyDeckRow(RecordsBase):
    """A custom deck; ``cards`` is the JSON list of card keys in order."""

    __tablename__ = "study_decks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    cards: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
