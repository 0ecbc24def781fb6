"""Tables of the user database (client records).  Changes need an Alembic migration in
``app/storage/migrations/versions``; the test suite checks models and migrations agree."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names so migrations work the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s", "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}


class RecordsBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ClientRow(RecordsBase):
    __tablename__ = "clients"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(Text)
    date_of_birth: Mapped[date | None] = mapped_column(Date, nullable=True)
    contact: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    consent_given: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class VisitRow(RecordsBase):
    __tablename__ = "visits"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    date: Mapped[date] = mapped_column(Date)
    therapist: Mapped[str] = mapped_column(Text, default="")
    chief_complaint: Mapped[str] = mapped_column(Text, default="")
    subjective: Mapped[str] = mapped_column(Text, default="")
    objective: Mapped[str] = mapped_column(Text, default="")
    assessment: Mapped[str] = mapped_column(Text, default="")
    plan: Mapped[str] = mapped_column(Text, default="")
    red_flags: Mapped[str] = mapped_column(Text, default="{}")  # JSON object id -> bool
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # Migration 0002 (records branch):
    symptom_severity: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON item -> int
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    signed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    signed_by: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Migration n001 (neuro-screen branch): the tested items only, JSON (neuro_screen.to_document).
    neuro_screen: Mapped[str | None] = mapped_column(Text, nullable=True)


class PainMarkRow(RecordsBase):
    __tablename__ = "pain_marks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # paint order within the view, oldest first
    view: Mapped[str] = mapped_column(String(32))
    geometry: Mapped[bytes] = mapped_column(LargeBinary)  # WKB, view millimetres
    intensity: Mapped[int] = mapped_column(Integer)
    quality: Mapped[str] = mapped_column(String(32))


class FindingRow(RecordsBase):
    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    muscle_id: Mapped[str] = mapped_column(String(80))
    trigger_point_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    side: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))


class TreatmentRow(RecordsBase):
    __tablename__ = "treatments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    technique: Mapped[str] = mapped_column(Text)
    muscle_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    side: Mapped[str | None] = mapped_column(String(16), nullable=True)
    duration_min: Mapped[float] = mapped_column(Float, default=0.0)
    response: Mapped[str] = mapped_column(Text, default="")


class AmendmentRow(RecordsBase):
    """A signed visit reopened for a change: who, when, why, and the visit as it was."""

    __tablename__ = "visit_amendments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text)
    original: Mapped[str] = mapped_column(Text)  # JSON: the visit before the change


class AuditRow(RecordsBase):
    """What happened to a client's records.  No foreign key: a deleted visit's events stay."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(Integer, index=True)
    visit_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="")  # plain words; a deleted visit's JSON


CHILD_TABLES = (PainMarkRow, FindingRow, TreatmentRow, AmendmentRow)

# The study tables share this metadata (one user database, one Alembic history): importing them
# here keeps every comparison of models and migrations complete whichever module loads first.
from app.storage import study_models as _study_models  # noqa: E402,F401
