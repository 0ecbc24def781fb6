"""The straight-run measure: boxes and staircases score high, drawn curves score low."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box

from app.domain.shape_quality import axis_aligned_share, ring_stats, straight_run_stats


def test_a_box_is_all_straight_runs() -> None:
    assert axis_aligned_share(box(0, 0, 40, 20)) == pytest.approx(1.0)


@pytest.mark.parametrize("quad_segs", [64, 512, 4096])
def test_a_circle_has_none_however_finely_drawn(quad_segs: int) -> None:
    assert axis_aligned_share(Point(0, 0).buffer(60, quad_segs=quad_segs)) == 0.0


def test_a_diamond_has_none() -> None:
    assert axis_aligned_share(shapely.affinity.rotate(box(0, 0, 40, 40), 45)) == 0.0


def test_a_straight_edge_split_into_short_segments_is_still_one_run() -> None:
    # The bottom edge (40 mm) is written as 80 segments of 0.5 mm: still an axis-aligned run.
    bottom = [(x * 0.5, 0.0) for x in range(81)]
    poly = Polygon([*bottom, (20, 30)])
    stats = straight_run_stats(poly)
    assert stats.axis_aligned_mm == pytest.approx(40.0)
    assert stats.share == pytest.approx(40.0 / poly.length)


def test_single_segment_counting_misses_a_split_edge() -> None:
    bottom = [(x * 0.5, 0.0) for x in range(81)]
    poly = Polygon([*bottom, (20, 30)])
    assert straight_run_stats(poly, merge_collinear=False).axis_aligned_mm == 0.0
    assert straight_run_stats(box(0, 0, 40, 20), merge_collinear=False).share == pytest.approx(1.0)


def test_a_fine_staircase_has_no_long_runs_but_a_coarse_one_does() -> None:
    def staircase(step: float) -> Polygon:
        pts = [(0.0, 0.0)]
        for _ in range(int(40 / step)):
            x, y = pts[-1]
            pts += [(x + step, y), (x + step, y + step)]
        return Polygon([*pts, (0.0, 40.0)])

    fine, coarse = staircase(0.5), staircase(4.0)
    # The two long legs (x = 0 and y = 40) are runs in both; only the coarse steps add to them.
    assert straight_run_stats(fine).axis_aligned_mm == pytest.approx(80.0)
    assert straight_run_stats(coarse).axis_aligned_mm == pytest.approx(80.0 + 2 * 40.0)


def test_segments_within_tolerance_count_and_beyond_do_not() -> None:
    def sliver(angle_deg: float) -> np.ndarray:
        dx, dy = 10 * math.cos(math.radians(angle_deg)), 10 * math.sin(math.radians(angle_deg))
        return np.array([(0, 0), (dx, dy), (dx / 2 + 3, dy / 2 + 20)])

    assert ring_stats(sliver(2.5)).axis_aligned_mm == pytest.approx(10.0)
    assert ring_stats(sliver(4.0)).axis_aligned_mm == 0.0


def test_short_runs_below_the_minimum_do_not_count() -> None:
    small = box(0, 0, 1.5, 1.5)
    assert axis_aligned_share(small) == 0.0
    assert axis_aligned_share(small, min_run_mm=1.0) == pytest.approx(1.0)


def test_holes_and_multipolygons_are_measured() -> None:
    ring_with_hole = Point(0, 0).buffer(50, quad_segs=64).difference(box(-10, -10, 10, 10))
    stats = straight_run_stats([MultiPolygon([Point(200, 0).buffer(20)]), ring_with_hole])
    assert stats.axis_aligned_mm == pytest.approx(80.0)
    assert stats.total_mm == pytest.approx(ring_with_hole.length + Point(200, 0).buffer(20).length)


def test_random_brush_strokes_are_mostly_organic() -> None:
    rng = np.random.default_rng(7)
    stroke = shapely.union_all([Point(x, y).buffer(r) for x, y, r in
                                zip(np.cumsum(rng.normal(0, 4, 40)), np.cumsum(rng.normal(0, 4, 40)),
                                    rng.uniform(3, 9, 40))])
    assert axis_aligned_share(stroke) < 0.05
    assert axis_aligned_share(shapely.envelope(stroke)) == pytest.approx(1.0)


def test_empty_geometry_has_share_zero() -> None:
    assert axis_aligned_share(Polygon()) == 0.0
    assert axis_aligned_share([]) == 0.0


def test_the_share_merges_a_split_edge_unless_told_not_to() -> None:
    bottom = [(x * 0.5, 0.0) for x in range(81)]  # a 40 mm edge as 80 segments of 0.5 mm
    poly = Polygon([*bottom, (20, 30)])
    assert axis_aligned_share(poly) == pytest.approx(40.0 / poly.length)
    assert axis_aligned_share(poly, merge_collinear=False) == 0.0


def test_each_run_is_reported_from_where_it_starts_to_where_it_ends() -> None:
    from app.domain.shape_quality import axis_runs

    bottom = [(x * 0.5, 0.0) for x in range(81)]  # one 40 mm edge in 80 pieces
    [(start, end, length)] = axis_runs(np.array([*bottom, (20.0, 30.0)]))
    assert (tuple(start), tuple(end), length) == ((0.0, 0.0), (40.0, 0.0), 40.0)
    runs = axis_runs(np.array(box(0, 0, 40, 20).exterior.coords))
    assert sorted((tuple(s), tuple(e)) for s, e, _ in runs) == [
        ((0.0, 0.0), (40.0, 0.0)), ((0.0, 20.0), (0.0, 0.0)), ((40.0, 0.0), (40.0, 20.0)), ((40.0, 20.0), (0.0, 20.0))]
