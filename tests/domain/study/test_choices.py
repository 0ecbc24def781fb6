"""Choices never offer two patterns that look the same ("around the coccyx" four times)."""

from __future__ import annotations

import random

from shapely.geometry import Point, box

from app.domain.study.choices import NEAR_IDENTICAL_IOU, pattern_similarity, pick_choices

COCCYX = Point(342, 980).buffer(30)


def _near(dx: float) -> dict:
    return {"posterior": Point(342 + dx, 980).buffer(30)}


# Four pelvic-floor muscles refer to nearly the same coccyx zone; others refer elsewhere.
PATTERNS = {
    "coccygeus": [_near(0)], "levator_ani": [_near(3)], "obturator_internus": [_near(6)],
    "gluteus_maximus": [_near(5), {"posterior": box(250, 900, 330, 1000)}],
    "piriformis": [{"posterior": box(400, 950, 480, 1150)}],
    "quadratus_lumborum": [{"posterior": box(300, 780, 380, 850)}],
    "iliopsoas": [{"anterior": box(280, 700, 330, 900)}],
    "adductor_magnus": [{"anterior": box(330, 1000, 360, 1100)}],
    "soleus": [{"posterior": box(400, 1500, 450, 1600)}],
}
REGIONS = {m: "pelvis_hip" for m in PATTERNS} | {"soleus": "leg"}


def test_no_option_has_a_pattern_near_identical_to_the_answer_or_to_another_option() -> None:
    for seed in range(60):
        options = pick_choices("coccygeus", PATTERNS["coccygeus"][0], REGIONS, PATTERNS, 4, random.Random(seed))
        assert "coccygeus" in options and len(set(options)) == 4
        assert not {"levator_ani", "obturator_internus", "gluteus_maximus"} & set(options)
        for a in options:
            for b in options:
                if a != b:
                    assert all(pattern_similarity(p, q) < NEAR_IDENTICAL_IOU for p in PATTERNS[a] for q in PATTERNS[b])


def test_same_region_distractors_come_first() -> None:
    options = pick_choices("piriformis", PATTERNS["piriformis"][0], REGIONS, PATTERNS, 4, random.Random(1))
    assert "soleus" not in options


def test_fewer_options_when_not_enough_distinct_patterns_exist() -> None:
    patterns = {m: [_near(i)] for i, m in enumerate(["a", "b", "c", "d"])}
    options = pick_choices("a", patterns["a"][0], {m: "x" for m in patterns}, patterns, 4, random.Random(0))
    assert options == ["a"]


def test_similarity_is_iou_on_shared_views_only() -> None:
    assert pattern_similarity({"posterior": COCCYX}, {"anterior": COCCYX}) == 0.0
    assert pattern_similarity({"posterior": COCCYX}, {"posterior": COCCYX}) == 1.0


def test_two_distractors_never_share_a_pattern_even_when_both_differ_from_the_answer() -> None:
    coccyx_group = {"coccygeus", "levator_ani", "obturator_internus", "gluteus_maximus"}
    for seed in range(60):
        options = pick_choices("piriformis", PATTERNS["piriformis"][0], REGIONS, PATTERNS, 4, random.Random(seed))
        assert len(set(options) & coccyx_group) <= 1, options


def test_muscles_whose_trigger_points_draw_no_pain_zone_can_all_be_offered() -> None:
    """A muscle with no pain pattern (its TrPs refer gooseflesh, or nothing drawn) looks like no
    other option, so several of them may be offered together."""
    regions = {"answer": "trunk", "a": "trunk", "b": "trunk", "c": "trunk"}
    patterns = {"answer": [{"anterior": box(0, 0, 10, 10)}]}
    chosen = pick_choices("answer", patterns["answer"][0], regions, patterns, 4, random.Random(3))
    assert sorted(chosen) == ["a", "answer", "b", "c"]
