"""The shared vocabulary: the side words and landmark keys every zone and placement is built from.

A wrong key here puts a trigger point or a referral zone on the wrong side of the body, or
nowhere at all, so each rule is checked on the names the atlas really uses.
"""

from __future__ import annotations

import pytest

from app.domain.vocabulary import (
    MIDLINE_LANDMARKS, MUSCLE_IDS, MUSCLES_BY_REGION, PAIRED_LANDMARKS, PREVALENCE_WEIGHT, REGION_NAMES,
    REGIONS, SKIN_AREAS, landmark_key, opposite,
)


@pytest.mark.parametrize("name", ["acromion", "lateral_epicondyle", "great_toe_tip", "mastoid_process"])
def test_a_paired_landmark_is_keyed_by_the_side_asked_for(name: str) -> None:
    assert landmark_key(name, "left") == f"{name}.left"
    assert landmark_key(name, "right") == f"{name}.right"


@pytest.mark.parametrize("name", ["vertex", "c7_spinous", "t12_spinous", "l5_spinous", "sacrum", "umbilicus"])
def test_a_midline_landmark_has_one_key_whatever_the_side(name: str) -> None:
    assert landmark_key(name, "left") == landmark_key(name, "right") == landmark_key(name, "midline") == name


def test_every_landmark_name_gets_a_key_the_atlas_can_hold() -> None:
    keys = {landmark_key(n, s) for n in PAIRED_LANDMARKS for s in ("left", "right")}
    assert len(keys) == 2 * len(PAIRED_LANDMARKS)  # no two sides collapse onto one key
    assert not keys & set(MIDLINE_LANDMARKS)
    assert "c2_spinous" in MIDLINE_LANDMARKS and "c8_spinous" not in MIDLINE_LANDMARKS
    assert len([n for n in MIDLINE_LANDMARKS if n.endswith("_spinous")]) == 6 + 12 + 5


def test_opposite_swaps_left_and_right_and_keeps_the_midline() -> None:
    assert opposite("left") == "right"
    assert opposite("right") == "left"
    assert opposite("midline") == "midline"
    assert opposite(opposite("left")) == "left"


def test_the_lists_name_each_thing_once() -> None:
    assert len(set(SKIN_AREAS)) == len(SKIN_AREAS)
    assert set(REGION_NAMES) == set(REGIONS) == set(MUSCLES_BY_REGION)
    assert len(MUSCLE_IDS) == sum(len(ms) for ms in MUSCLES_BY_REGION.values())  # no muscle in two regions
    weights = [PREVALENCE_WEIGHT[p] for p in ("very_common", "common", "occasional", "rare")]
    assert weights == sorted(weights, reverse=True) and all(0 < w <= 1 for w in weights)
