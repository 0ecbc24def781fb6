"""Scoring a painted essential zone: equal ~1, far away ~0, spillover half credit, paint
outside both penalised, the better side counts, blank views ignored, odd paint never crashes."""

from __future__ import annotations

import random

import pytest
import shapely
from hypothesis import given, settings
from shapely.geometry import GeometryCollection, LineString, Point, box

from app.domain.study.paint_scoring import EXTRA_PENALTY, SPILLOVER_CREDIT, ViewZones, score_painting
from tests.support.pain_strategies import box_views, pain_maps

ESSENTIAL = Point(300, 400).buffer(40).union(box(280, 430, 330, 520))  # an irregular blob, ~6400 mm²
SPILLOVER = Point(300, 450).buffer(110)
ZONES = {"right": {"posterior": ViewZones(ESSENTIAL, SPILLOVER), "right_lateral": ViewZones(box(100, 380, 150, 440))},
         "left": {"posterior": ViewZones(shapely.affinity.translate(ESSENTIAL, -200, 0),
                                         shapely.affinity.translate(SPILLOVER, -200, 0))}}


def _brush(points: list[tuple[float, float]], radius: float) -> shapely.Geometry:
    return LineString(points).buffer(radius, quad_segs=6)


def _scribble_inside(zone, rng: random.Random, strokes: int = 14, radius: float = 9.0):
    """Brush strokes a student makes to fill a zone: random walks started inside it."""
    minx, miny, maxx, maxy = zone.bounds
    paint = []
    for _ in range(strokes):
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        walk = [(x, y)]
        for _step in range(12):
            x += rng.uniform(-12, 12)
            y += rng.uniform(-12, 12)
            walk.append((x, y))
        paint.append(_brush(walk, radius))
    return shapely.union_all(paint)


def test_the_essential_zone_itself_scores_one() -> None:
    result = score_painting({"posterior": ESSENTIAL}, ZONES)
    assert result.score == pytest.approx(1.0) and result.iou == pytest.approx(1.0)
    assert result.side == "right" and result.extra_mm2 == 0


def test_a_drawing_far_away_scores_zero() -> None:
    result = score_painting({"posterior": _brush([(500, 1400), (560, 1480), (600, 1450)], 12)}, ZONES)
    assert result.score == pytest.approx(0.0) and result.iou == 0.0
    assert "Not yet" in result.feedback


def test_a_brushed_fill_of_the_zone_scores_high_and_spilling_out_costs() -> None:
    rng = random.Random(5)
    brushed = shapely.intersection(_scribble_inside(ESSENTIAL, rng, strokes=40), ESSENTIAL.buffer(6))
    good = score_painting({"posterior": brushed}, ZONES)
    assert 0.7 < good.score < 1.0
    sloppy = score_painting({"posterior": brushed.union(box(600, 1200, 650, 1300))}, ZONES)
    assert sloppy.score < good.score - 0.2


def test_spillover_paint_earns_partial_credit_and_outside_paint_a_penalty() -> None:
    ring = SPILLOVER.difference(ESSENTIAL)
    spill_only = score_painting({"posterior": ring}, ZONES)
    expected = SPILLOVER_CREDIT * ring.area / (ESSENTIAL.area + ring.area)
    assert spill_only.score == pytest.approx(expected, rel=1e-6)
    extra = box(500, 900, 500 + 80, 900 + 80)  # 6400 mm², far from both zones
    with_extra = score_painting({"posterior": ESSENTIAL.union(extra)}, ZONES)
    assert with_extra.score == pytest.approx(ESSENTIAL.area / (ESSENTIAL.area + EXTRA_PENALTY * extra.area), rel=1e-6)
    assert with_extra.iou == pytest.approx(ESSENTIAL.area / (ESSENTIAL.area + extra.area), rel=1e-6)


def test_only_painted_views_count_and_the_better_side_wins() -> None:
    # The right side also has a zone on the lateral view; painting the posterior one is enough.
    assert score_painting({"posterior": ESSENTIAL, "right_lateral": GeometryCollection()}, ZONES).score \
        == pytest.approx(1.0)
    left = score_painting({"posterior": shapely.affinity.translate(ESSENTIAL, -200, 0)}, ZONES)
    assert left.side == "left" and left.score == pytest.approx(1.0)
    both = score_painting({"posterior": ESSENTIAL.union(shapely.affinity.translate(ESSENTIAL, -200, 0))}, ZONES)
    assert both.side == "both" and both.score == pytest.approx(1.0)


def test_paint_on_a_view_without_the_pattern_is_all_extra() -> None:
    result = score_painting({"plantar": box(0, 0, 50, 50)}, ZONES)
    assert result.score == 0.0 and result.extra_mm2 == pytest.approx(2500)


def test_overlays_split_the_paint_exactly() -> None:
    paint = _brush([(250, 380), (320, 420), (420, 450), (700, 500)], 15)
    result = score_painting({"posterior": paint}, ZONES)
    parts = result.overlays["posterior"]
    assert parts.hit.area + parts.spillover.area + parts.extra.area == pytest.approx(paint.area, rel=1e-6)
    assert parts.hit.area + parts.miss.area == pytest.approx(ESSENTIAL.area, rel=1e-6)


@settings(max_examples=40, deadline=None)
@given(pain_maps(box_views({"posterior": (0, 0, 684, 1745), "anterior": (0, 0, 684, 1745)})))
def test_any_painted_map_scores_between_zero_and_one(pain) -> None:
    paint = {view: pain.painted(view) for view in pain.views()}
    result = score_painting(paint, ZONES)
    assert 0.0 <= result.score <= 1.0 and 0.0 <= result.iou <= 1.0
    assert result.score <= result.iou + SPILLOVER_CREDIT * 1.0 + 1e-9


def test_a_blank_view_before_the_painted_one_does_not_end_the_scoring() -> None:
    """A student who opened the front view, painted nothing there, then painted the zone on the back."""
    back = box(0, 0, 40, 40)
    zones = {"right": {"posterior": ViewZones(back, box(40, 0, 60, 40))}}
    score = score_painting({"anterior": shapely.Polygon(), "posterior": back}, zones)
    assert score.score == pytest.approx(1.0) and score.hit_mm2 == pytest.approx(1600.0)


def test_painting_both_sides_whole_pattern_counts_both_sides_spillover_as_spillover() -> None:
    """Essential and spillover painted on both sides: judged against both sides together, the
    spillover paint earns its partial credit; it is not 'outside the pattern'."""
    zones = {side: {"anterior": ViewZones(box(x, 0, x + 20, 20), box(x, 20, x + 20, 40))}
             for side, x in (("left", 100), ("right", 0))}
    paint = shapely.union_all([box(0, 0, 20, 40), box(100, 0, 120, 40)])
    score = score_painting({"anterior": paint}, zones)
    essential, spillover = 800.0, 800.0
    assert score.side == "both"
    assert (score.hit_mm2, score.spillover_mm2, score.extra_mm2) == pytest.approx((essential, spillover, 0.0))
    assert score.score == pytest.approx((essential + SPILLOVER_CREDIT * spillover) / (essential + spillover))


def test_nothing_painted_on_the_patterns_views_says_so() -> None:
    nothing = score_painting({}, ZONES)
    assert (nothing.score, nothing.feedback) == (0.0, "Nothing painted on a view that shows this pattern.")
    blank = score_painting({"posterior": GeometryCollection()}, ZONES)
    assert blank.feedback == "Nothing painted on a view that shows this pattern."
    no_pattern = score_painting({"posterior": box(0, 0, 10, 10)}, {})  # a TrP with no zones drawn
    assert (no_pattern.score, no_pattern.extra_mm2, no_pattern.side) == (0.0, 100.0, "")
    assert no_pattern.feedback.startswith("Not yet: you covered 0% of the essential zone; 0% of your paint")
