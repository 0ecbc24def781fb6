"""The 4 mm cell grid that ranks painted maps: a cell belongs to a shape when its centre does.

The oracle is the rule itself, checked one centre at a time with shapely's exact
point-in-polygon, on brush strokes, holes, several parts and shapes running off the view.
A cell lost or gained at a stroke's edge would shift every "share of the pain" the therapist
reads in the candidate list.
"""

from __future__ import annotations

import random

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box

from app.domain.cell_grid import (
    MIXED, NOTHING, CellGrid, CellSums, label_grid, pack_cells, pack_labels, unpack_cells, unpack_labels,
)


def _by_centres(grid: CellGrid, geometry) -> np.ndarray:
    cols, rows = np.meshgrid(np.arange(grid.cols), np.arange(grid.rows))
    inside = shapely.contains_xy(geometry, (cols + 0.5) * grid.cell, (rows + 0.5) * grid.cell)
    return np.flatnonzero(inside.reshape(-1))


def _brush(rng: random.Random, width: float, height: float):
    x, y = rng.uniform(-20, width + 20), rng.uniform(-20, height + 20)
    points = [(x, y)]
    heading = rng.uniform(0, 6.3)
    for _ in range(rng.randint(0, 20)):
        heading += rng.uniform(-1.2, 1.2)
        step = rng.uniform(0.5, 40)
        x, y = x + step * np.cos(heading), y + step * np.sin(heading)
        points.append((x, y))
    line = LineString(points) if len(points) > 1 else Point(points[0])
    return line.buffer(rng.uniform(1.0, 45.0), quad_segs=6)


def test_cells_are_exactly_the_centres_inside_random_brush_strokes() -> None:
    rng = random.Random(20261204)
    grid = CellGrid(301.3, 517.9)  # not a whole number of cells: the last row and column are partial
    assert (grid.cols, grid.rows, grid.size) == (76, 130, 76 * 130)
    for _ in range(150):
        shape = shapely.union_all([_brush(rng, grid.width, grid.height) for _ in range(rng.randint(1, 4))])
        if rng.random() < 0.3:
            shape = shape.difference(_brush(rng, grid.width, grid.height))  # the eraser cuts holes and parts
        got = grid.cells_of(shape)
        assert np.array_equal(got, _by_centres(grid, shape))
        assert got.dtype.kind == "i" and np.all(np.diff(got) > 0)


def test_holes_parts_and_the_view_edge() -> None:
    grid = CellGrid(100, 60, 4.0)
    ring_with_hole = box(11, 11, 51, 51).difference(box(23, 23, 37, 37))  # edges off the centre lines
    two_parts = MultiPolygon([box(0.5, 0.5, 8.5, 8.5), box(90.5, 50.5, 130, 90)])  # the second runs off the view
    for shape in (ring_with_hole, two_parts, box(-50, -50, 200, 200), Point(51, 31).buffer(25)):
        assert np.array_equal(grid.cells_of(shape), _by_centres(grid, shape))
    assert grid.cells_of(box(-50, -50, 200, 200)).size == grid.size == 25 * 15
    # A cell inside the hole is not painted; one in the ring is.
    assert 7 * grid.cols + 7 not in grid.cells_of(ring_with_hole)
    assert 3 * grid.cols + 3 in grid.cells_of(ring_with_hole)


def test_shapes_with_no_cell_centre_give_no_cells() -> None:
    grid = CellGrid(100, 100, 4.0)
    for shape in (Polygon(), box(0.1, 0.1, 1.9, 1.9), box(-30, -30, -10, -10), box(500, 500, 600, 600),
                  Point(48, 48).buffer(0.5)):  # a cell corner, not a centre
        assert grid.cells_of(shape).size == 0


def test_a_tiny_grid_still_has_one_cell() -> None:
    grid = CellGrid(0.5, 0.5, 4.0)
    assert (grid.cols, grid.rows, grid.size) == (1, 1, 1)


def test_packed_cells_and_labels_read_back_unchanged() -> None:
    rng = random.Random(3)
    grid = CellGrid(400, 1000)
    for _ in range(20):
        cells = grid.cells_of(_brush(rng, 400, 1000))
        blob = pack_cells(cells)
        assert isinstance(blob, bytes)
        back = unpack_cells(blob)
        assert np.array_equal(back, cells) and np.issubdtype(back.dtype, np.integer)
    assert unpack_cells(b"").size == 0 and unpack_cells(pack_cells(np.empty(0, dtype=np.int64))).size == 0
    labels = np.array([NOTHING, MIXED, 0, 7, 70000, -1], dtype=np.int32)
    assert np.array_equal(unpack_labels(pack_labels(labels)), labels)
    assert len(pack_cells(np.arange(5000))) < 200  # runs of neighbours compress: the catalog DB stays small


def test_cell_sums_of_painted_weights_per_zone() -> None:
    rng = random.Random(8)
    grid = CellGrid(300, 400)
    zones = [grid.cells_of(_brush(rng, 300, 400)) for _ in range(60)] + [np.empty(0, dtype=np.int64)]
    sums = CellSums(zones)
    assert np.array_equal(sums.counts, [len(z) for z in zones])
    for _ in range(10):
        weights = np.zeros(grid.size)
        for _stroke in range(rng.randint(1, 5)):
            weights[grid.cells_of(_brush(rng, 300, 400))] = rng.randint(1, 10)
        total, painted = sums.weighted_and_count(weights)
        assert np.allclose(total, [weights[z].sum() for z in zones])
        assert np.array_equal(painted, [np.count_nonzero(weights[z]) for z in zones])
        assert np.allclose(sums.sums(weights), total)
    assert not CellSums([np.empty(0, dtype=np.int64)]).sums(np.ones(grid.size)).any()


def test_label_grid_names_the_one_shape_under_each_cell_and_marks_borders_mixed() -> None:
    grid = CellGrid(40, 20, 2.0)
    left, right = box(0, 0, 20, 20), box(20, 0, 36, 20)
    labels = label_grid(grid, [left, right]).reshape(grid.rows, grid.cols)
    assert labels.shape == (10, 20)
    assert labels[5, 4] == 0 and labels[5, 14] == 1  # well inside each shape
    assert labels[5, 9] == MIXED and labels[5, 10] == MIXED  # the shared border
    assert labels[5, 17] == MIXED and labels[5, 19] == NOTHING  # the right edge, then nothing
    assert labels[0, 4] == MIXED  # the view's edge counts as a border
    assert np.count_nonzero(labels == 0) == 8 * 8 and np.count_nonzero(labels == 1) == 6 * 8


def test_unpacked_cells_are_compact_indices_even_when_there_are_none() -> None:
    """The catalog holds ~2,000 packed cell lists, unpacked at start: int32 halves their memory, and
    an empty list must still index an array (a float array cannot)."""
    cells = np.array([3, 7, 8, 1_000_000], dtype=np.int32)
    unpacked = unpack_cells(pack_cells(cells))
    assert unpacked.dtype == np.int32 and unpacked.tolist() == cells.tolist()
    for empty in (unpack_cells(pack_cells(np.empty(0, dtype=np.int32))), unpack_cells(b"")):  # b"": a NULL column
        assert empty.dtype == np.int32 and np.arange(10)[empty].size == 0


def test_one_zone_alone_is_found_by_its_cells_and_a_line_or_point_covers_no_cell() -> None:
    from app.domain.cell_grid import PointCells

    grid = CellGrid(100, 100, 4.0)
    zone = np.array([box(10, 10, 90, 90)], dtype=object)
    cells = PointCells(grid, zone)
    assert cells.indices_at(50, 50).tolist() == [0]
    assert grid.cells_of(Point(50, 50)).size == 0 and grid.cells_of(LineString([(0, 0), (50, 50)])).size == 0


def test_label_grids_come_back_in_the_smallest_type_that_holds_their_labels() -> None:
    """A layer of fewer than 127 shapes is held in one byte a cell, one of fewer than 32,767 in two;
    the sentinels NOTHING and MIXED stay negative in every type."""
    for top, dtype in ((5, np.int8), (126, np.int8), (127, np.int16), (32766, np.int16), (40000, np.int32)):
        labels = np.array([NOTHING, MIXED, 0, top, top // 2], dtype=np.int32)
        back = unpack_labels(pack_labels(labels))
        assert back.dtype == dtype and back.tolist() == labels.tolist()
