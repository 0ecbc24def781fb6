from __future__ import annotations

from app.domain.model import Muscle, SourceCitation, TriggerPoint
from app.domain.quiz import QuizSession

SRC = SourceCitation("tsm1", "Manual")


def _muscle(mid: str, region: str) -> Muscle:
    trp = TriggerPoint(f"{mid}_trp1", mid, f"{mid} TrP", None, "common", "", "", "", (), (), (), (), (), {}, SRC)
    return Muscle(mid, mid, mid, region, "superficial", (), "n", ("C5",), ("a",), "o", "i", SRC, (trp,))


MUSCLES = [_muscle(m, "neck") for m in ("a", "b", "c", "d", "e")] + [_muscle(m, "leg") for m in ("x", "y")]


def test_questions_have_the_answer_among_distinct_same_region_choices() -> None:
    quiz = QuizSession(MUSCLES, seed=3)
    for _ in range(30):
        q = quiz.next_question()
        assert q.answer in q.choices and len(set(q.choices)) == len(q.choices) == 4
        assert q.trp_id == f"{q.answer}_trp1"
        if q.answer in "abcde":
            assert set(q.choices) <= set("abcde")


def test_scoring_and_replay() -> None:
    quiz, again = QuizSession(MUSCLES, seed=9), QuizSession(MUSCLES, seed=9)
    questions = [quiz.next_question() for _ in range(5)]
    assert questions == [again.next_question() for _ in range(5)]
    assert quiz.answer(questions[0], questions[0].answer) is True
    wrong = next(c for c in questions[1].choices if c != questions[1].answer)
    assert quiz.answer(questions[1], wrong) is False
    assert (quiz.asked, quiz.correct, quiz.score_text) == (2, 1, "1 of 2 correct")


def test_a_region_of_three_muscles_borrows_the_fourth_choice_from_another_region() -> None:
    muscles = [_muscle(m, "neck") for m in ("a", "b", "c")] + [_muscle(m, "leg") for m in ("x", "y")]
    quiz = QuizSession(muscles, seed=5)
    for _ in range(20):
        q = quiz.next_question()
        assert len(set(q.choices)) == len(q.choices) == 4 and q.answer in q.choices
