"""Zones look drawn, not machine-made (issue 9, item 2).

The Manual's referral figures have almost no edge running exactly horizontal or vertical; boxes
and raster staircases do.  Measured over every compiled zone with the atlas's own measure
(app/domain/shape_quality.py), at most 5 % of the zones' boundary length may lie in
axis-aligned straight runs.  The drawing primitives are checked on their own too.
"""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import box

from app.catalog.shapes import organic_band, round_corners, smooth_closed_curve
from app.domain.shape_quality import axis_aligned_share, straight_run_stats
from app.paths import catalog_db_path
from app.storage.catalog_reader import open_catalog_reader

MAX_AXIS_ALIGNED_SHARE = 0.03
# Where it came from (33 %, then 8.8 %): boxes and whole skin areas, then the atlas's skin-area
# borders (0.5 mm raster steps whose treads stayed straight, coordinates rounded to 0.1 mm) that
# area-based zone elements inherit, and the body outline and midline where zones are clipped.
# 2.8 % after session 6 (the 5 %); the gate sits just above it.


@pytest.mark.skipif(not catalog_db_path().exists(), reason="no compiled catalog (data/trigger_points.db)")
def test_compiled_zones_have_few_axis_aligned_straight_runs() -> None:
    zones = open_catalog_reader(catalog_db_path()).zones()
    stats = straight_run_stats([z.geometry for z in zones])
    worst = sorted({z.trp_id: axis_aligned_share(z.geometry) for z in zones}.items(), key=lambda kv: -kv[1])[:8]
    assert stats.share <= MAX_AXIS_ALIGNED_SHARE, (
        f"{stats.share:.1%} of the zones' boundary runs straight along an axis; worst: "
        + ", ".join(f"{t} {s:.0%}" for t, s in worst))


def test_a_vertical_band_is_a_tapering_strip_not_a_ruled_box() -> None:
    band = organic_band((100.0, 100.0), (100.0, 300.0), 30.0, "psoas")
    assert axis_aligned_share(band) < 0.02
    ends, middle = band.intersection(box(0, 105, 200, 110)), band.intersection(box(0, 195, 200, 205))
    assert ends.bounds[2] - ends.bounds[0] < middle.bounds[2] - middle.bounds[0]  # narrower near the ends
    assert band.area == pytest.approx(200 * 30, rel=0.2)
    assert band.equals(organic_band((100.0, 100.0), (100.0, 300.0), 30.0, "psoas"))  # reproducible builds


def test_a_long_wide_strip_is_not_a_chain_of_beads() -> None:
    # Down the thigh, a 60 mm strip whose width swelled by a tenth of itself every 55 mm looked
    # like a string of beads on the contact sheet (its width swung by 14 mm within 60 mm).
    band = organic_band((100.0, 100.0), (100.0, 400.0), 60.0, "thigh strip")
    widths = [band.intersection(box(0, y, 300, y + 0.5)).area / 0.5 for y in range(175, 325)]
    swing = max(max(widths[i:i + 60]) - min(widths[i:i + 60]) for i in range(len(widths) - 60))
    assert swing < 10.0
    assert axis_aligned_share(band) < 0.02


def test_a_curve_through_landmark_points_is_smooth_and_passes_through_them() -> None:
    # A comma-like zone as an author would draw it: six points around the shape.
    points = [(0, 0), (40, -10), (80, 10), (90, 50), (60, 70), (20, 40)]
    curve = smooth_closed_curve(points)
    assert curve.is_valid and axis_aligned_share(curve) < 0.02
    assert all(curve.exterior.distance(shapely.Point(p)) < 0.5 for p in points)
    assert curve.contains(shapely.Point(50, 30))


def test_rounding_softens_a_box_and_keeps_a_finger_thin_part() -> None:
    boxy = shapely.union_all([box(0, 0, 100, 100), box(100, 40, 160, 48)])  # a palm and a thin finger
    rounded = round_corners(boxy, 5.0)
    assert rounded.contains(shapely.Point(150, 44)), "the 8 mm finger must survive"
    assert not rounded.contains(shapely.Point(0.5, 0.5)), "the corner must be rounded off"
    assert rounded.area == pytest.approx(boxy.area, rel=0.02)
    assert rounded.within(boxy.buffer(0.1)), "rounding never grows a zone onto its neighbours"


def test_rounding_keeps_a_spot_smaller_than_a_corner() -> None:
    """A small referral spot (a 4 mm disk beside a large patch) is a part of the zone, not a corner
    to round away: the opening erases it entirely, and it must come back whole."""
    spot, patch = shapely.Point(200, 50).buffer(4.0), box(0, 0, 100, 100)
    rounded = round_corners(shapely.union_all([patch, spot]), 5.0)
    assert rounded.contains(shapely.Point(200, 50))
    assert shapely.intersection(rounded, spot).area == pytest.approx(spot.area, rel=0.01)
    assert round_corners(spot, 5.0).area == pytest.approx(spot.area, rel=0.01)
