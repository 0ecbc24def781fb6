"""FSRS scheduling: deterministic with a fixed clock, grades from scores, the due queue."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.domain.study import scheduling
from app.domain.study.grades import AGAIN, EASY, GOOD, HARD, grade_for

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def _history(scores: list[float], key: str = "paint:infraspinatus_trp1") -> list[scheduling.Review]:
    state, now, out = None, T0, []
    for score in scores:
        review = scheduling.review(key, state, score, now)
        out.append(review)
        state, now = review.state, review.due  # the student comes back exactly when due
    return out


def test_same_reviews_at_same_times_give_the_same_schedule() -> None:
    scores = [1.0, 0.95, 0.3, 0.8, 0.92, 0.6, 1.0]
    first, second = _history(scores), _history(scores)
    assert [(r.grade, r.due, r.state) for r in first] == [(r.grade, r.due, r.state) for r in second]


def test_good_answers_space_reviews_out_and_a_lapse_brings_the_card_back_soon() -> None:
    good = _history([0.95] * 5)
    gaps = [b.due - a.due for a, b in zip(good, good[1:])]
    assert all(later > earlier for earlier, later in zip(gaps, gaps[1:]))
    assert good[-1].due - good[-1].reviewed_at > timedelta(days=20)
    lapse = scheduling.review("paint:infraspinatus_trp1", good[-1].state, 0.1, good[-1].due)
    assert lapse.grade == AGAIN and lapse.due - lapse.reviewed_at < timedelta(hours=1)


def test_naive_times_are_taken_as_utc() -> None:
    aware = scheduling.review("name:x", None, 0.8, T0)
    naive = scheduling.review("name:x", None, 0.8, T0.replace(tzinfo=None))
    assert aware == naive


@pytest.mark.parametrize(("score", "grade"), [(0.0, AGAIN), (0.49, AGAIN), (0.5, HARD), (0.69, HARD),
                                              (0.7, GOOD), (0.89, GOOD), (0.9, EASY), (1.0, EASY)])
def test_grade_thresholds(score: float, grade: int) -> None:
    assert grade_for(score) == grade


def test_a_score_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError):
        grade_for(1.2)


def test_due_queue_puts_due_cards_first_then_new_cards_up_to_the_day_allowance() -> None:
    deck = ["a", "b", "c", "d", "e", "f"]
    due = {"b": T0 - timedelta(hours=1), "d": T0 - timedelta(days=2), "e": T0 + timedelta(days=1)}
    assert scheduling.due_queue(deck, due, T0, new_reviewed_today=0, new_per_day=2) == ["d", "b", "a", "c"]
    assert scheduling.due_queue(deck, due, T0, new_reviewed_today=2, new_per_day=2) == ["d", "b"]
    assert scheduling.next_due(deck, due, T0) == T0 + timedelta(days=1)


def test_recall_is_likely_when_due_and_fades_the_longer_a_card_waits() -> None:
    """FSRS schedules a card for when recall has fallen to about 90 %; waiting longer lowers it."""
    review = _history([0.95, 0.95])[-1]
    at_due = scheduling.retrievability(review.state, review.due)
    assert 0.85 < at_due < 0.95
    assert scheduling.retrievability(review.state, review.reviewed_at) == pytest.approx(1.0)
    later = scheduling.retrievability(review.state, review.due + timedelta(days=60))
    assert later < at_due
    assert scheduling.retrievability(review.state, review.due.replace(tzinfo=None)) == at_due  # naive = UTC


def test_a_new_card_is_due_at_once_and_the_day_starts_at_midnight_utc() -> None:
    state = scheduling.new_state("paint:infraspinatus_trp1", T0.replace(tzinfo=None))
    assert scheduling.due_of(state) == T0
    assert scheduling.review("paint:infraspinatus_trp1", state, 0.8, T0) == scheduling.review(
        "paint:infraspinatus_trp1", None, 0.8, T0)  # the stored new state is the card never reviewed
    late = datetime(2026, 3, 2, 23, 59, 30, 5, tzinfo=timezone.utc)
    assert scheduling.day_start(late) == datetime(2026, 3, 2, tzinfo=timezone.utc)
    assert scheduling.day_start(datetime(2026, 3, 3, 0, 30, tzinfo=timezone(timedelta(hours=2)))) == datetime(
        2026, 3, 2, tzinfo=timezone.utc)  # 00:30 in UTC+2 is still the 2nd in UTC
