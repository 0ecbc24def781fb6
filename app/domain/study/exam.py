"""Exam mode: N cards, answers scored but nothing shown until the end, then a report."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from app.domain.study.cards import KIND_TITLES, Card
from app.domain.study.grades import EASY_FROM, HARD_FROM


@dataclass(frozen=True)
class ExamAnswer:
    card: Card
    prompt: str
    answer_text: str  # what the student answered, in words
    correct_text: str  # the right answer, in words
    score: float


@dataclass
class Exam:
    student: str
    deck_name: str
    cards: list[Card]
    started_at: datetime
    answers: list[ExamAnswer] = field(default_factory=list)

    @classmethod
    def draw(cls, student: str, deck_name: str, deck_cards: Sequence[Card], count: int, seed: int,
             started_at: datetime) -> Exam:
        if count < 1:
            raise ValueError("an exam has at least one question")
        pool = list(deck_cards)
        if not pool:
            raise ValueError(f"the deck '{deck_name}' has no cards")
        cards = random.Random(seed).sample(pool, min(count, len(pool)))
        return cls(student, deck_name, cards, started_at)

    @property
    def current(self) -> Card | None:
        return self.cards[len(self.answers)] if len(self.answers) < len(self.cards) else None

    @property
    def finished(self) -> bool:
        return self.current is None

    def record(self, answer: ExamAnswer) -> None:
        if self.current is None or answer.card != self.current:
            raise ValueError("answer for a card that is not the current exam question")
        self.answers.append(answer)

    @property
    def total(self) -> float:
        """Mean score over the questions asked (0..1)."""
        return sum(a.score for a in self.answers) / len(self.cards) if self.cards else 0.0

    def by_kind(self) -> list[tuple[str, int, float]]:
        """(card type title, questions, mean score) for each type asked."""
        rows = []
        for kind, title in KIND_TITLES.items():
            scores = [a.score for a in self.answers if a.card.kind == kind]
            if scores:
                rows.append((title, len(scores), sum(scores) / len(scores)))
        return rows

    @staticmethod
    def mark(score: float) -> str:
        return "✓" if score >= EASY_FROM else "½" if score >= HARD_FROM else "✗"
