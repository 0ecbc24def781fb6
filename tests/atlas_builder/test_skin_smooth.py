"""Organic skin-area borders: smoothing keeps an exact tiling and loses the pixel staircase."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from affine import Affine
from shapely.geometry import Point, Polygon, box

from app.atlas_builder.contour import iso_polygons, smooth_mask_polygons
from app.atlas_builder.skin_smooth import smooth_borders, smooth_labels, smooth_line
from app.atlas_builder.skin_vector import outline_mask, tile_outline, tiling_error, vectorise
from app.domain.shape_quality import axis_aligned_share, axis_runs

MM_PER_PX = 0.5
AFFINE = Affine(MM_PER_PX, 0, 0, 0, MM_PER_PX, 0)


def _blob_outline(seed: int) -> Polygon:
    """A body-like blob: union of random discs along a wandering stroke."""
    rng = np.random.default_rng(seed)
    xs = 100 + np.cumsum(rng.normal(0, 6, 30))
    ys = 60 + np.cumsum(rng.normal(2.5, 3, 30))
    return shapely.union_all([Point(x, y).buffer(r, quad_segs=32) for x, y, r in zip(xs, ys, rng.uniform(18, 30, 30))])


def _rule_labels(outline: Polygon) -> tuple[np.ndarray, np.ndarray]:
    """Labels as the skin rules make them: bands cut at heights, split at a slanted line, with
    one-pixel noise along the borders."""
    shape = (int(outline.bounds[3] / MM_PER_PX) + 40, int(outline.bounds[2] / MM_PER_PX) + 40)
    inside = outline_mask(outline, shape, AFFINE)
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]]
    y, x = rows * MM_PER_PX, cols * MM_PER_PX
    band = np.digitize(y + 0.3 * x, np.quantile((y + 0.3 * x)[inside], [0.3, 0.6]))
    labels = (1 + band * 2 + (x > 100 + 0.4 * (y - 60))).astype(np.int32)
    noise = np.random.default_rng(1).random(shape) < 0.04
    labels = np.where(noise, np.roll(labels, 1, axis=0), labels)
    return np.where(inside, labels, 0), inside


@pytest.mark.parametrize("seed", [3, 11, 27])
def test_smoothed_areas_tile_the_outline_without_staircases(seed: int) -> None:
    outline = _blob_outline(seed)
    labels, inside = _rule_labels(outline)
    raw = tile_outline(vectorise(labels, AFFINE), outline, tolerance_mm=0.5)
    smooth = smooth_borders(tile_outline(vectorise(smooth_labels(labels, inside, 4.0), AFFINE), outline,
                                         tolerance_mm=0.5), outline)
    gap, overlap = tiling_error(list(smooth.values()), outline)
    assert gap < 1e-6 and overlap < 1e-6
    assert {k for k, g in raw.items() if g.area > 300} <= {k for k, g in smooth.items() if not g.is_empty}
    inner = [g.intersection(outline.buffer(-1.0)) for g in smooth.values()]  # the outline is the blob's own
    assert axis_aligned_share(inner) < 0.05
    assert axis_aligned_share([g.intersection(outline.buffer(-1.0)) for g in raw.values()]) > 0.10


def test_neighbours_share_exactly_the_same_smoothed_border() -> None:
    outline = box(0, 0, 60, 40)
    labels = np.zeros((80, 120), dtype=np.int32)
    rows, cols = np.mgrid[0:80, 0:120]
    labels[:] = np.where(rows > 40 + 10 * np.sin(cols / 12), 1, 2)
    labels[((cols // 8) % 2 == 0) & (rows == 40)] = 1  # a ragged pixel border
    areas = smooth_borders(tile_outline(vectorise(labels, AFFINE), outline, tolerance_mm=0.5), outline)
    shared = areas[1].intersection(areas[2])
    assert shared.length > 55  # one line right across, not two slightly different ones
    assert areas[1].intersection(areas[2]).area < 1e-6
    assert shapely.union_all(list(areas.values())).symmetric_difference(outline).area < 1e-6


def test_the_outline_is_left_exactly_as_it_was() -> None:
    outline = _blob_outline(5)
    labels, inside = _rule_labels(outline)
    areas = smooth_borders(tile_outline(vectorise(labels, AFFINE), outline, tolerance_mm=0.5), outline)
    union = shapely.union_all(list(areas.values()))
    assert union.symmetric_difference(outline).area < 1e-6
    assert outline.boundary.hausdorff_distance(union.boundary) < 1e-6


def test_a_tiny_area_survives_label_smoothing() -> None:
    labels = np.ones((60, 60), dtype=np.int32)
    labels[30:32, 30:32] = 2  # 1 mm square: the blur alone would erase it
    out = smooth_labels(labels, np.ones_like(labels, dtype=bool), 4.0)
    assert (out == 2).any()


def test_smoothing_a_straight_border_keeps_its_end_points() -> None:
    line = shapely.LineString([(0, 0), (10, 0), (10, 10), (20, 10)])
    smooth = smooth_line(line)
    assert smooth.coords[0] == (0, 0) and smooth.coords[-1] == (20, 10)
    assert smooth.hausdorff_distance(line) < 3.0
    heading = np.degrees(np.arctan2(*np.diff(np.asarray(smooth.coords), axis=0).T[::-1]))
    assert np.abs(np.diff(heading)).max() < 30  # the right-angle corners are rounded


def test_iso_contour_follows_the_field_between_pixels() -> None:
    rows, cols = np.mgrid[0:200, 0:200]
    field = 50.0 - np.hypot(rows - 100.2, cols - 99.7) * 1.0  # > 0 inside a radius-50 px circle
    disc = iso_polygons(field, 0.0, (0.5, 0, 0, 0, 0.5, 0))
    assert disc.area == pytest.approx(np.pi * 25.0**2, rel=2e-3)
    assert disc.centroid.x == pytest.approx((99.7 + 0.5) * 0.5, abs=0.02)
    assert axis_aligned_share(disc) == 0.0


def test_smooth_mask_keeps_holes_and_separate_parts() -> None:
    mask = np.zeros((120, 200), dtype=bool)
    mask[10:110, 10:90] = True
    mask[40:70, 40:60] = False  # a hole
    mask[30:80, 130:190] = True  # a second part
    geom = smooth_mask_polygons(mask, 2.0, (1, 0, 0, 0, 1, 0))
    parts = sorted(shapely.get_parts(geom), key=lambda p: p.bounds[0])
    assert len(parts) == 2 and len(parts[0].interiors) == 1 and len(parts[1].interiors) == 0
    assert parts[0].area == pytest.approx(80 * 100 - 20 * 30, rel=0.03)


def test_label_smoothing_removes_pixel_noise_and_rounds_corners() -> None:
    from scipy import ndimage

    labels = np.ones((120, 120), dtype=np.int32)
    labels[:60, 60:] = 2  # a square corner at the centre
    rng = np.random.default_rng(4)
    noisy = np.where(rng.random(labels.shape) < 0.06, 3 - labels, labels)  # 6 % of pixels flipped
    out = smooth_labels(noisy, np.ones_like(labels, dtype=bool), 4.0)
    for value in (1, 2):
        assert ndimage.label(out == value)[1] == 1  # one piece each, no specks
    assert (out != labels).mean() < 0.01
    clean = smooth_labels(labels, np.ones_like(labels, dtype=bool), 4.0)
    assert labels[58, 62] == 2 and clean[58, 62] == 1  # the square corner is rounded off


def test_level_depth_is_smoothed_over_the_skin_only() -> None:
    """A pit (the navel) is averaged away; pixels at the body's edge are not pulled toward the
    empty background around it."""
    from app.atlas_builder.skin_smooth import smooth_over_pixels

    rows, cols = np.nonzero(np.ones((60, 60), dtype=bool))
    depth = np.full(len(rows), 100.0)
    pit = (np.abs(rows - 30) <= 2) & (np.abs(cols - 30) <= 2)
    depth[pit] = 80.0  # 20 mm deep, 5 px wide
    out = smooth_over_pixels(rows, cols, depth, (80, 80), 6.0)
    assert out[pit].min() > 97.0
    assert out[(rows == 0) & (cols == 0)][0] == pytest.approx(100.0)  # the corner keeps its depth


def test_a_gently_sloping_pixel_staircase_becomes_a_slope_not_treads() -> None:
    # A border at about 5.7 degrees drawn on the 0.5 mm raster: 5 mm treads, 0.5 mm risers.
    # Chaikin alone rounded the risers and left most of each tread exactly horizontal.
    staircase = shapely.LineString([p for i in range(16) for p in ((5.0 * i, 0.5 * i), (5.0 * i + 5.0, 0.5 * i))])
    smooth = smooth_line(staircase)
    assert smooth.coords[0] == staircase.coords[0] and smooth.coords[-1] == staircase.coords[-1]
    assert smooth.hausdorff_distance(staircase) < 0.5
    coords = np.asarray(smooth.coords)
    # axis_runs closes the ring: the 80 mm chord back to the start is not part of the border.
    treads = [length for *_, length in axis_runs(coords) if length < 50.0]
    assert sum(treads) < 0.05 * smooth.length, treads[:8]
