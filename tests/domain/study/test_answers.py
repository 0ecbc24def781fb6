"""Clicks by distance, key muscles by precision and recall, typed names with typos."""

from __future__ import annotations

import math

import pytest

from app.domain.study.answer_scoring import (
    FULL_CREDIT_MM, NO_CREDIT_MM, normalise, score_click, score_selection, score_typed,
)

NAMES = {
    "gluteus_medius": ("Gluteus medius", "Musculus gluteus medius"),
    "gluteus_minimus": ("Gluteus minimus", "Musculus gluteus minimus"),
    "infraspinatus": ("Infraspinatus", "Musculus infraspinatus"),
    "trapezius": ("Trapezius", "Musculus trapezius"),
    "sternocleidomastoid": ("Sternocleidomastoid", "Musculus sternocleidomastoideus"),
}


def test_click_scores_fall_with_distance_to_the_nearest_placement() -> None:
    targets = [(100.0, 200.0), (500.0, 200.0)]
    assert score_click(104, 203, targets).score == 1.0
    assert score_click(500 + FULL_CREDIT_MM + 10, 200, targets).score == pytest.approx(
        1 - 10 / (NO_CREDIT_MM - FULL_CREDIT_MM))
    far = score_click(300, 900, targets)
    assert far.score == 0.0 and far.distance_mm == pytest.approx(math.hypot(200, 700))
    assert score_click(0, 0, []).nearest is None and score_click(0, 0, []).score == 0.0


def test_selection_scores_f1_of_precision_and_recall() -> None:
    key = ["upper_trapezius", "sternocleidomastoid", "temporalis", "splenius_capitis"]
    perfect = score_selection(key, key)
    assert perfect.score == 1.0 and perfect.precision == perfect.recall == 1.0
    half = score_selection(["upper_trapezius", "temporalis", "soleus", "gastrocnemius"], key)
    assert (half.precision, half.recall, half.score) == (0.5, 0.5, 0.5)
    assert half.wrong == {"soleus", "gastrocnemius"} and half.missed == {"sternocleidomastoid", "splenius_capitis"}
    assert score_selection([], key).score == 0.0
    assert score_selection(key + ["soleus"], key).score == pytest.approx(2 * 0.8 / 1.8)


@pytest.mark.parametrize("typed", ["Infraspinatus", "infraspinatous", "  INFRA-SPINATUS ", "infrspinatus",
                                   "musculus infraspinatus"])
def test_typos_are_tolerated(typed: str) -> None:
    assert score_typed(typed, "infraspinatus", NAMES).score == 1.0


def test_a_near_miss_that_is_another_muscle_is_wrong() -> None:
    result = score_typed("gluteus minimus", "gluteus_medius", NAMES)
    assert result.score == 0.0 and result.matched == "gluteus_minimus"
    assert score_typed("gluteus minimis", "gluteus_minimus", NAMES).score == 1.0


@pytest.mark.parametrize("typed", ["", "   ", "deltoid", "x", "🙂", "<script>"])
def test_unrelated_or_empty_answers_score_zero(typed: str) -> None:
    assert score_typed(typed, "trapezius", NAMES).score == 0.0


def test_normalise_drops_accents_case_and_punctuation() -> None:
    assert normalise("Trapézius (upper)") == "trapezius upper"


@pytest.mark.parametrize(("typed", "expected"), [("trap", "trapezius"), ("gluteus", "gluteus_medius"),
                                                 ("infra", "infraspinatus"), ("sterno", "sternocleidomastoid")])
def test_the_start_of_a_name_is_not_the_name(typed: str, expected: str) -> None:
    """A student typing only the first letters (or the first word of two) has not named the muscle:
    'gluteus' could be medius or minimus."""
    result = score_typed(typed, expected, NAMES)
    assert (result.score, result.matched) == (0.0, None)


def test_the_feedback_says_how_far_and_how_many_in_words() -> None:
    assert score_click(0, 40, [(0, 0), (300, 300)]).feedback == (
        "Your click is 40 mm from the trigger point (full marks within 15 mm).")
    assert score_click(0, 0, []).feedback == (
        "This trigger point is not drawn on this view: switch to a view that shows it.")
    assert score_selection(["temporalis", "soleus"], ["temporalis", "masseter", "sternocleidomastoid"]).feedback == (
        "1 of 3 key muscles found, 1 not key (precision 50%, recall 33%).")
    assert score_selection(["temporalis"], ["temporalis", "masseter"]).feedback == (
        "1 of 2 key muscles found (precision 100%, recall 50%).")
    assert score_selection(["temporalis", "masseter", "soleus"], ["temporalis", "masseter"]).feedback == (
        "2 of 2 key muscles found, 1 not key (precision 67%, recall 100%).")
