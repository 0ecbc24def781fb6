"""From a score (0..1) to the FSRS grade of a review.

Thresholds (docs/study.md): below 0.5 Again (forgotten), below 0.7 Hard, below 0.9 Good,
0.9 and above Easy.  A multiple-choice card is right (1.0) or wrong (0.0): Easy or Again.
"""

from __future__ import annotations

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4  # the values of fsrs.Rating
GRADE_NAMES: dict[int, str] = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}
HARD_FROM, GOOD_FROM, EASY_FROM = 0.5, 0.7, 0.9


def grade_for(score: float) -> int:
    if not 0.0 <= score <= 1.0:
        raise ValueError(f"a score is between 0 and 1, not {score!r}")
    if score >= EASY_FROM:
        return EASY
    if score >= GOOD_FROM:
        return GOOD
    if score >= HARD_FROM:
        return HARD
    return AGAIN


def passed(grade: int) -> bool:
    """Remembered (for retention): anything but Again."""
    return grade != AGAIN
