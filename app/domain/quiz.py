"""Referral-pattern quiz for students: "this pattern — which muscle's trigger point?"

Questions are drawn from a seeded random generator so a session can be replayed.  Wrong
answers come from muscles of the same body region first (the plausible confusions), then
from anywhere.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from app.domain.model import Muscle


@dataclass(frozen=True)
class Question:
    trp_id: str
    answer: str  # muscle id
    choices: tuple[str, ...]  # muscle ids, shuffled, includes the answer


@dataclass
class QuizSession:
    muscles: list[Muscle]
    seed: int = 0
    choices: int = 4
    asked: int = 0
    correct: int = 0
    history: list[tuple[Question, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        # Only pain patterns: a TrP whose referred phenomenon is not pain (gooseflesh, arrhythmia) has
        # no pain pattern to recognise.
        self._pool = [(m, t.id) for m in sorted(self.muscles, key=lambda m: m.id) for t in m.trigger_points
                      if t.refers_pain]

    def next_question(self) -> Question:
        muscle, trp_id = self._rng.choice(self._pool)
        same_region = sorted(m.id for m in self.muscles if m.region == muscle.region and m.id != muscle.id)
        others = sorted(m.id for m in self.muscles if m.region != muscle.region)
        wrong = self._rng.sample(same_region, min(len(same_region), self.choices - 1))
        if len(wrong) < self.choices - 1:
            wrong += self._rng.sample(others, min(len(others), self.choices - 1 - len(wrong)))
        options = [muscle.id, *wrong]
        self._rng.shuffle(options)
        return Question(trp_id, muscle.id, tuple(options))

    def answer(self, question: Question, muscle_id: str) -> bool:
        right = muscle_id == question.answer
        self.asked += 1
        self.correct += right
        self.history.append((question, muscle_id))
        return right

    @property
    def score_text(self) -> str:
        return f"{self.correct} of {self.asked} correct" if self.asked else "No answers yet"
