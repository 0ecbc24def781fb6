"""Scoring the other answers: a click (distance in mm), a set of muscles (precision and
recall), a typed name (typo tolerant, rapidfuzz)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

FULL_CREDIT_MM = 15.0   # a click this close to the trigger point is right
NO_CREDIT_MM = 75.0     # and this far (or farther) earns nothing; linear in between
TYPED_MATCH_MIN = 85.0  # rapidfuzz similarity (0..100) a typed name needs


@dataclass(frozen=True)
class ClickScore:
    score: float
    distance_mm: float
    nearest: tuple[float, float] | None

    @property
    def feedback(self) -> str:
        if self.nearest is None:
            return "This trigger point is not drawn on this view: switch to a view that shows it."
        return f"Your click is {self.distance_mm:.0f} mm from the trigger point (full marks within {FULL_CREDIT_MM:.0f} mm)."


def score_click(x: float, y: float, targets: Iterable[tuple[float, float]]) -> ClickScore:
    """Distance from the click to the nearest place the trigger point is drawn on this view."""
    points = list(targets)
    if not points:
        return ClickScore(0.0, math.inf, None)
    nearest = min(points, key=lambda p: math.hypot(p[0] - x, p[1] - y))
    distance = math.hypot(nearest[0] - x, nearest[1] - y)
    span = NO_CREDIT_MM - FULL_CREDIT_MM
    score = 1.0 if distance <= FULL_CREDIT_MM else max(0.0, 1.0 - (distance - FULL_CREDIT_MM) / span)
    return ClickScore(score, distance, nearest)


@dataclass(frozen=True)
class SetScore:
    score: float  # F1 of precision and recall
    precision: float
    recall: float
    right: frozenset[str]
    missed: frozenset[str]
    wrong: frozenset[str]

    @property
    def feedback(self) -> str:
        return (f"{len(self.right)} of {len(self.right) + len(self.missed)} key muscles found"
                f"{f', {len(self.wrong)} not key' if self.wrong else ''} "
                f"(precision {self.precision:.0%}, recall {self.recall:.0%}).")


def score_selection(picked: Iterable[str], key: Iterable[str]) -> SetScore:
    chosen, wanted = frozenset(picked), frozenset(key)
    right = chosen & wanted
    precision = len(right) / len(chosen) if chosen else 0.0
    recall = len(right) / len(wanted) if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return SetScore(f1, precision, recall, right, wanted - chosen, chosen - wanted)


def normalise(text: str) -> str:
    """Lower case, no accents or punctuation, single spaces: 'Trapézius (upper)' -> 'trapezius upper'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@dataclass(frozen=True)
class TypedScore:
    score: float
    matched: str | None  # the record id the answer was read as
    similarity: float


def score_typed(answer: str, expected: str, names: Mapping[str, Iterable[str]]) -> TypedScore:
    """``names``: record id -> the names it goes by (name, Latin, id).  The answer is right when
    its closest name (of any record) belongs to ``expected`` and is similar enough — so a typo
    passes, but 'gluteus minimus' is never read as 'gluteus medius'."""
    typed = normalise(answer)
    if not typed:
        return TypedScore(0.0, None, 0.0)
    choices = {f"{rid}\x00{i}": normalise(n) for rid, ns in names.items() for i, n in enumerate(ns) if normalise(n)}
    best = process.extractOne(typed, choices, scorer=fuzz.ratio)
    if best is None:
        return TypedScore(0.0, None, 0.0)
    _text, similarity, key = best
    matched = key.split("\x00", 1)[0]
    right = matched == expected and similarity >= TYPED_MATCH_MIN
    return TypedScore(1.0 if right else 0.0, matched if similarity >= TYPED_MATCH_MIN else None, float(similarity))
