"""Spaced repetition with FSRS (the ``fsrs`` package, MIT): one memory state per card.

Fuzzing is off and every call takes the clock as an argument, so a schedule is a pure
function of the reviews: the same reviews at the same times give the same due dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler

from app.domain.study.cards import stable_card_number
from app.domain.study.grades import grade_for

DEFAULT_NEW_PER_DAY = 20
_SCHEDULER = Scheduler(enable_fuzzing=False)


def utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


@dataclass(frozen=True)
class Review:
    card_key: str
    score: float
    grade: int
    reviewed_at: datetime
    due: datetime
    state: str  # the card's FSRS state (JSON) after this review


def new_state(card_key: str, now: datetime) -> str:
    return FsrsCard(card_id=stable_card_number(card_key), due=utc(now)).to_json()


def review(card_key: str, state_json: str | None, score: float, now: datetime) -> Review:
    """Record one answer: its grade from the score, the card's next state and due date."""
    now = utc(now)
    card = FsrsCard.from_json(state_json) if state_json else FsrsCard(card_id=stable_card_number(card_key), due=now)
    grade = grade_for(score)
    card, _log = _SCHEDULER.review_card(card, Rating(grade), review_datetime=now)
    return Review(card_key, score, grade, now, utc(card.due), card.to_json())


def due_of(state_json: str) -> datetime:
    return utc(FsrsCard.from_json(state_json).due)


def retrievability(state_json: str, now: datetime) -> float:
    return float(_SCHEDULER.get_card_retrievability(FsrsCard.from_json(state_json), utc(now)))


def day_start(now: datetime) -> datetime:
    now = utc(now)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def due_queue(deck_keys: Sequence[str], due_by_key: dict[str, datetime], now: datetime,
              new_reviewed_today: int, new_per_day: int = DEFAULT_NEW_PER_DAY) -> list[str]:
    """Cards to study now: those due (earliest first), then new cards in deck order up to the
    day's allowance of new cards."""
    now = utc(now)
    due = sorted((k for k in deck_keys if k in due_by_key and due_by_key[k] <= now), key=lambda k: (due_by_key[k], k))
    allowance = max(0, new_per_day - new_reviewed_today)
    fresh = [k for k in deck_keys if k not in due_by_key][:allowance]
    return due + fresh


def next_due(deck_keys: Iterable[str], due_by_key: dict[str, datetime], now: datetime) -> datetime | None:
    later = [due_by_key[k] for k in deck_keys if k in due_by_key and due_by_key[k] > utc(now)]
    return min(later) if later else None


ONE_DAY = timedelta(days=1)
