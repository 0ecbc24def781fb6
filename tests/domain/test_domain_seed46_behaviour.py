"""Domain behaviour a mutation sample (seed 46) found untested: the nearest trigger point to a click,
an empty typed answer, distractors from other regions, drawn crosses and path precision, an
unsaved visit's metrics, one fit per nerve territory, the fibromyalgia line and a bad quality's
message."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest
import shapely
from shapely.geometry import box

from app.domain.body_surface import BodySurface
from app.domain.fibromyalgia import FibromyalgiaScreen
from app.domain.model import SkinArea
from app.domain.nerves import PainMark, Territory, rank_nerves
from app.domain.pain_map import QUALITIES, PainMap, PainMapError, check_mark_values
from app.domain.records import Visit
from app.domain.study.answer_scoring import score_click, score_typed
from app.domain.study.choices import pick_choices
from app.domain.study.pattern_svg import pattern_svg
from app.domain.svg_geometry import geometry_to_path_d
from app.domain.visit_metrics import summarize


def test_a_click_is_scored_against_the_nearest_trigger_point_in_both_directions() -> None:
    # The first point is nearer in x but far below; the second is 5 mm away.
    scored = score_click(100, 100, [(101, 180), (104, 103)])
    assert scored.nearest == (104, 103) and scored.distance_mm == pytest.approx(5.0) and scored.score == 1.0


def test_an_empty_typed_answer_scores_zero_with_a_similarity_of_zero() -> None:
    empty = score_typed("   ", "trapezius", {"trapezius": ["Trapezius"]})
    assert (empty.score, empty.matched, empty.similarity) == (0.0, None, 0.0)
    assert f"{score_typed('', 'trapezius', {'trapezius': ['Trapezius']}).similarity:.0%}" == "0%"


def _far_apart(n: int) -> dict[str, list[dict]]:
    return {f"m{i}": [{"anterior": box(100 * i, 0, 100 * i + 50, 50)}] for i in range(n)}


def test_a_small_region_is_filled_with_distractors_from_other_regions() -> None:
    region_of = {"m0": "neck", "m1": "neck", "m2": "leg", "m3": "leg", "m4": "foot"}
    patterns = _far_apart(5)
    for seed in range(5):
        picked = pick_choices("m0", patterns["m0"][0], region_of, patterns, 4, random.Random(seed))
        assert len(picked) == len(set(picked)) == 4 and {"m0", "m1"} <= set(picked)


def test_an_option_without_a_pattern_is_still_compared_safely() -> None:
    region_of = {"m0": "neck", "m1": "neck", "m2": "neck"}
    patterns = {"m0": [{"anterior": box(0, 0, 50, 50)}], "m2": [{"anterior": box(200, 0, 250, 50)}]}  # m1 has none
    for seed in range(6):  # either order of m1 and m2
        picked = pick_choices("m0", patterns["m0"][0], region_of, patterns, 3, random.Random(seed))
        assert sorted(picked) == ["m0", "m1", "m2"]


def test_a_cards_cross_is_drawn_as_two_diagonals() -> None:
    svg = pattern_svg(box(0, 0, 400, 1000), 400, 1000, box(100, 100, 200, 200), shapely.Polygon(), [(150, 150)])
    crosses = re.findall(r'<path d="M([\d.]+),([\d.]+) L([\d.]+),([\d.]+) M([\d.]+),([\d.]+) L([\d.]+),([\d.]+)"', svg)
    assert len(crosses) == 2  # the white halo, then the black cross on it
    for cross in crosses:
        x0, y0, x1, y1, x2, y2, x3, y3 = map(float, cross)
        assert x1 - x0 == pytest.approx(y1 - y0) and x1 > x0
        assert abs(x3 - x2) == pytest.approx(abs(y3 - y2)) and x3 != x2


def test_path_data_keeps_the_precision_asked_for() -> None:
    square = box(0.123, 0.456, 10.789, 20.111)
    assert "0.12 0.46" in geometry_to_path_d(square, 2).replace(",", " ")
    assert all(len(n.split(".")[1]) <= 1 for n in re.findall(r"\d+\.\d+", geometry_to_path_d(square, 1)))


def test_an_unsaved_visit_is_measured_as_the_latest_of_its_day() -> None:
    surface = BodySurface({"posterior": box(0, 0, 100, 100)}, [SkinArea("posterior", "low_back", "left", box(0, 0, 100, 100))])
    saved = Visit(1, 1, date(2026, 3, 1), pain=PainMap().paint("posterior", box(0, 0, 20, 20), 5, "aching"))
    unsaved = Visit(None, 1, date(2026, 3, 1), pain=PainMap().paint("posterior", box(0, 0, 30, 30), 5, "aching"))
    metrics = summarize(surface, unsaved, [saved])
    assert [p.visit_id for p in metrics.trend] == [1, None]


def test_each_territory_fits_on_its_own() -> None:
    strip, patch = box(0, 0, 30, 200), box(100, 0, 200, 100)
    territories = [Territory("root", "C6", "anterior", "right", strip), Territory("nerve", "median", "anterior", "right", patch)]
    names = {("root", "C6"): "C6 dermatome", ("nerve", "median"): "Median nerve"}
    pain = box(0, 0, 30, 150).union(box(100, 0, 200, 80))
    assert sorted(f.id for f in rank_nerves([PainMark("anterior", pain)], territories, names)) == ["C6", "median"]


def test_the_fibromyalgia_line_names_the_generalised_regions() -> None:
    screen = FibromyalgiaScreen(5, ("shoulder_girdle_left", "upper_leg_right", "neck"), None)
    assert screen.summary().startswith("WPI 5/19; generalised pain in 3 of 5 regions (left upper, right lower, axial);")


def test_an_unknown_pain_quality_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(PainMapError) as refused:
        check_mark_values("anterior", 5, "itchy")
    assert str(refused.value) == f"unknown pain quality 'itchy' (one of {', '.join(QUALITIES)})"
