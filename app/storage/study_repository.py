"""Reading and writing the study tables.  Times are stored as naive UTC and returned aware.

A review is one transaction: the log row and the card's new state are written together or
not at all; an imported deck is one row written in one transaction.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.storage.study_models import StudyCardRow, StudyDeckRow, StudyProfileRow, StudyReviewRow


class StudyStoreError(ValueError):
    """A profile name taken or unknown, a deck that is not there; one line."""


@dataclass(frozen=True)
class Profile:
    id: int
    name: str
    new_per_day: int


@dataclass(frozen=True)
class StoredDeck:
    uid: str
    name: str
    description: str
    cards: list[str]


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


class StudyRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # Profiles ---------------------------------------------------------------------------------
    def profiles(self) -> list[Profile]:
        with Session(self._engine) as s:
            return [Profile(r.id, r.name, r.new_per_day)
                    for r in s.scalars(select(StudyProfileRow).order_by(StudyProfileRow.name))]

    def add_profile(self, name: str, now: datetime, new_per_day: int = 20) -> Profile:
        with Session(self._engine) as s:
            row = StudyProfileRow(name=name, new_per_day=new_per_day, created_at=_naive(now))
            s.add(row)
            try:
                s.commit()
            except IntegrityError:
                raise StudyStoreError(f"a student profile named '{name}' already exists") from None
            return Profile(row.id, row.name, row.new_per_day)

    def set_new_per_day(self, profile_id: int, count: int) -> None:
        with Session(self._engine) as s, s.begin():
            row = s.get(StudyProfileRow, profile_id)
            if row is None:
                raise StudyStoreError(f"no student profile with id {profile_id}")
            row.new_per_day = count

    # Card states and reviews ----------------------------------------------------------------
    def card_states(self, profile_id: int) -> dict[str, tuple[str, datetime]]:
        """card key -> (FSRS state JSON, due)."""
        with Session(self._engine) as s:
            rows = s.execute(select(StudyCardRow.card_key, StudyCardRow.state, StudyCardRow.due)
                             .where(StudyCardRow.profile_id == profile_id))
            return {key: (state, _aware(due)) for key, state, due in rows}

    def record_review(self, profile_id: int, card_key: str, region: str, score: float, grade: int,
                      reviewed_at: datetime, state: str, due: datetime) -> None:
        with Session(self._engine) as s, s.begin():
            s.add(StudyReviewRow(profile_id=profile_id, card_key=card_key, region=region, score=score,
                                 grade=grade, reviewed_at=_naive(reviewed_at)))
            row = s.scalar(select(StudyCardRow).where(StudyCardRow.profile_id == profile_id,
                                                      StudyCardRow.card_key == card_key))
            if row is None:
                s.add(StudyCardRow(profile_id=profile_id, card_key=card_key, state=state, due=_naive(due),
                                   first_reviewed_at=_naive(reviewed_at)))
            else:
                row.state, row.due = state, _naive(due)

    def reviews(self, profile_id: int) -> list[tuple[str, str, float, int, datetime]]:
        """(card key, region, score, grade, reviewed at), oldest first."""
        with Session(self._engine) as s:
            rows = s.execute(select(StudyReviewRow.card_key, StudyReviewRow.region, StudyReviewRow.score,
                                    StudyReviewRow.grade, StudyReviewRow.reviewed_at)
                             .where(StudyReviewRow.profile_id == profile_id)
                             .order_by(StudyReviewRow.reviewed_at, StudyReviewRow.id))
            return [(k, r, sc, g, _aware(at)) for k, r, sc, g, at in rows]

    def new_cards_since(self, profile_id: int, since: datetime) -> int:
        with Session(self._engine) as s:
            return int(s.scalar(select(func.count()).select_from(StudyCardRow).where(
                StudyCardRow.profile_id == profile_id, StudyCardRow.first_reviewed_at >= _naive(since))) or 0)

    # Custom decks ---------------------------------------------------------------------------
    def decks(self) -> list[StoredDeck]:
        with Session(self._engine) as s:
            return [StoredDeck(r.uid, r.name, r.description, json.loads(r.cards))
                    for r in s.scalars(select(StudyDeckRow).order_by(StudyDeckRow.name, StudyDeckRow.id))]

    def add_deck(self, name: str, description: str, cards: list[str], now: datetime) -> StoredDeck:
        uid = str(uuid.uuid4())
        with Session(self._engine) as s, s.begin():
            s.add(StudyDeckRow(uid=uid, name=name, description=description, cards=json.dumps(cards),
                               created_at=_naive(now)))
        return StoredDeck(uid, name, description, list(cards))

    def delete_deck(self, uid: str) -> None:
        with Session(self._engine) as s, s.begin():
            if s.execute(delete(StudyDeckRow).where(StudyDeckRow.uid == uid)).rowcount == 0:
                raise StudyStoreError(f"no custom deck {uid}")
