"""Edges of the domain that a person meets: saddle numbness flagged whatever the sensory test,
the study cards' picture crop and distractors, the fibromyalgia criteria at their boundaries."""

from __future__ import annotations

import random

import pytest
from shapely.geometry import box

from app.domain import neuro_screen as ns
from app.domain.fibromyalgia import wpi_and_sss_met
from app.domain.study.choices import pick_distractors
from app.domain.study.pattern_svg import CONTEXT_MM, MIN_SIDE_MM, crop_box


def _screen(**items) -> dict:
    """_screen(light_touch__S4_5__left="reduced"), as the client window's fields name them."""
    return ns.normalized({name.replace("__", ".").replace("S4_5", "S4-5"): value for name, value in items.items()})


@pytest.mark.parametrize("test", ["light_touch", "pinprick"])
@pytest.mark.parametrize("site", ["S3", "S4_5"])
@pytest.mark.parametrize("value", ["reduced", "absent"])
def test_saddle_numbness_is_an_urgent_red_flag_on_either_sensory_test(test: str, site: str, value: str) -> None:
    flags = ns.summarize(_screen(**{f"{test}__{site}__right": value})).red_flags
    assert len(flags) == 1
    assert flags[0].startswith(f"{value.capitalize()} ") and "(saddle area) on the client's right: refer urgently" in flags[0]


def test_numbness_outside_the_saddle_is_no_red_flag() -> None:
    assert ns.summarize(_screen(light_touch__L5__right="reduced")).red_flags == []


def test_the_card_picture_frames_the_pattern_with_context_inside_the_view() -> None:
    zone = box(400, 600, 700, 700)  # 300 x 100 mm
    x, y, w, h = crop_box([zone, None], [(550, 650)], 1000, 2000)
    assert w == 300 + 2 * CONTEXT_MM and h == max(MIN_SIDE_MM, 100 + 2 * CONTEXT_MM)
    assert (x + w / 2, y + h / 2) == (550, 650)  # centred on the pattern
    x, y, w, h = crop_box([box(0, 0, 20, 20)], [], 500, 800)  # at the view's corner: pushed inside
    assert (x, y) == (0.0, 0.0) and w == h == max(MIN_SIDE_MM, 20 + 2 * CONTEXT_MM)
    x, y, w, h = crop_box([box(480, 780, 500, 800)], [], 500, 800)  # the far corner
    assert (x + w, y + h) == (500.0, 800.0)
    assert crop_box([box(0, 0, 900, 50)], [], 500, 800)[2] == 500  # never wider than the view
    assert crop_box([], [], 500, 800) == (0.0, 0.0, 500, 800)  # nothing to frame: the whole view


def test_distractors_are_never_key_muscles_and_as_many_as_the_pool_allows() -> None:
    pool = [f"m{n}" for n in range(12)]
    picked = pick_distractors(["m0", "m1"], pool, 5, random.Random(3))
    assert len(picked) == 5 and len(set(picked)) == 5 and not {"m0", "m1"} & set(picked)
    assert sorted(pick_distractors(["m0"], ["m0", "m1", "m2"], 9, random.Random(3))) == ["m1", "m2"]
    assert pick_distractors(["m0"], ["m0"], 3, random.Random(3)) == []


@pytest.mark.parametrize(("wpi", "sss", "met"), [
    (7, 5, True), (7, 4, False), (6, 9, True), (6, 8, False), (4, 9, True), (3, 12, False), (19, 12, True),
])
def test_fibromyalgia_criteria_at_their_boundaries(wpi: int, sss: int, met: bool) -> None:
    assert wpi_and_sss_met(wpi, sss) is met
