"""Exams (N cards, scored at the end) and progress (due, retention, streak, weakest regions)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from app.domain.study.cards import CONDITION, NAME, PAINT, Card
from app.domain.study.exam import Exam, ExamAnswer
from app.domain.study.grades import AGAIN, EASY, GOOD, HARD
from app.domain.study.progress import LoggedReview, progress, streak

T0 = datetime(2026, 5, 10, 18, 0, tzinfo=timezone.utc)
DECK = [Card(NAME, f"m{i}_trp1") for i in range(6)] + [Card(PAINT, f"m{i}_trp1") for i in range(6)] + \
    [Card(CONDITION, "migraine")]


def test_an_exam_draws_distinct_cards_reproducibly_and_scores_the_mean() -> None:
    exam = Exam.draw("Ana", "Neck", DECK, 5, seed=7, started_at=T0)
    assert (exam.student, exam.deck_name, exam.started_at) == ("Ana", "Neck", T0)  # the report's heading
    assert exam.cards == Exam.draw("Ana", "Neck", DECK, 5, seed=7, started_at=T0).cards
    assert len(set(exam.cards)) == 5
    scores = [1.0, 0.0, 0.5, 0.75, 1.0]
    for card, score in zip(list(exam.cards), scores):
        exam.record(ExamAnswer(card, "q", "given", "right", score))
    assert exam.finished and exam.total == pytest.approx(sum(scores) / 5)
    assert sum(n for _t, n, _s in exam.by_kind()) == 5


def test_an_exam_refuses_answers_out_of_turn_and_is_capped_by_the_deck() -> None:
    exam = Exam.draw("Ana", "Neck", DECK[:3], 10, seed=1, started_at=T0)
    assert len(exam.cards) == 3
    with pytest.raises(ValueError):
        exam.record(ExamAnswer(exam.cards[1], "q", "a", "b", 1.0))
    with pytest.raises(ValueError, match="the deck 'Empty' has no cards"):
        Exam.draw("Ana", "Empty", [], 3, seed=1, started_at=T0)
    with pytest.raises(ValueError, match="an exam has at least one question"):
        Exam.draw("Ana", "Neck", DECK, 0, seed=1, started_at=T0)


def test_streak_counts_consecutive_days_to_today_or_yesterday() -> None:
    today = date(2026, 5, 10)
    days = [today - timedelta(days=i) for i in (0, 1, 2, 4)]
    assert streak(days, today) == 3
    assert streak(days[1:], today) == 2  # nothing yet today: the streak is still alive
    assert streak([today - timedelta(days=3)], today) == 0


def test_progress_retention_weakest_regions_and_daily_chart() -> None:
    log = [
        LoggedReview("paint:a", "Neck", 0.2, AGAIN, T0 - timedelta(days=1)),
        LoggedReview("paint:b", "Neck", 0.6, HARD, T0 - timedelta(days=1)),
        LoggedReview("name:c", "Foot", 1.0, EASY, T0),
        LoggedReview("name:d", "Foot", 0.8, GOOD, T0),
        LoggedReview("condition:x", "", 0.0, AGAIN, T0),
    ]
    result = progress(log, due=3, new=10, now=T0)
    assert result.retention == pytest.approx(3 / 5)
    assert result.streak_days == 2 and result.reviews == 5
    assert [r[0] for r in result.weakest] == ["Neck", "Foot"]
    assert result.weakest[0][1] == pytest.approx(0.4)
    assert len(result.daily) == 30 and result.daily[-1][:2] == (T0.date(), 3)
    assert result.daily[-2][2] == pytest.approx(0.4)
    assert progress([], 0, 0, T0).retention is None


@pytest.mark.parametrize(("score", "mark"), [(1.0, "✓"), (0.9, "✓"), (0.89, "½"), (0.5, "½"), (0.49, "✗"), (0.0, "✗")])
def test_an_exam_answer_is_marked_right_half_right_or_wrong_at_the_grade_boundaries(score: float, mark: str) -> None:
    """Exactly half right is half right (the same boundary as the 'Hard' grade), not wrong."""
    assert Exam.mark(score) == mark
