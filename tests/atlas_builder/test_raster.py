"""ViewGrid coordinate maps and the z-buffer rasteriser."""

from __future__ import annotations

import numpy as np
import pytest

from app.atlas_builder.glb import TriangleMesh
from app.atlas_builder.raster import ViewGrid, rasterize


def _square(name: str, z_m: float, half_mm: float) -> TriangleMesh:
    h = half_mm / 1000.0
    verts = np.array([[-h, -h, z_m], [h, -h, z_m], [h, h, z_m], [-h, h, z_m]])
    return TriangleMesh(name, verts, np.array([[0, 1, 2], [0, 2, 3]]))


def test_grid_maps_agree() -> None:
    grid = ViewGrid.around("anterior", (-50.0, 50.0), (0.0, 200.0), 0.5, margin_mm=5)
    screen = np.array([[12.3, 45.6], [-50.0, 0.0]])
    assert np.allclose(grid.screen_of_svg(grid.svg_of(screen)), screen)
    a, b, c, d, e, f = grid.pixel_to_svg_affine()
    col, row = grid.pixel_of_screen(screen)[0] + 0.5  # pixel edges, not centres
    assert np.allclose([a * col + b * row + c, d * col + e * row + f], grid.svg_of(screen)[0])
    assert grid.svg_height_mm == pytest.approx(210.0)


def test_shared_height_keeps_the_feet_aligned() -> None:
    grid = ViewGrid.around("plantar", (0.0, 10.0), (0.0, 100.0), 1.0, margin_mm=0, svg_height_mm=300)
    assert grid.svg_height_mm == pytest.approx(300.0)
    assert grid.svg_of(np.array([[0.0, 0.0]]))[0, 1] == pytest.approx(300.0)


def test_front_square_wins_and_background_is_empty() -> None:
    grid = ViewGrid.around("anterior", (-20.0, 20.0), (-20.0, 20.0), 1.0, margin_mm=0)
    labels, near = rasterize([(1, _square("back", 0.0, 15)), (2, _square("front", 0.01, 5))], grid)
    assert labels.dtype == np.int32 and near.dtype == np.float32
    assert labels[20, 20] == 2 and near[20, 20] == pytest.approx(10.0)
    assert labels[20, 8] == 1
    assert labels[1, 1] == 0 and np.isneginf(near[1, 1])
    assert (labels == 2).sum() == pytest.approx(100, abs=12)
    # The order of the inputs does not matter, only nearness does.
    again, _ = rasterize([(2, _square("front", 0.01, 5)), (1, _square("back", 0.0, 15))], grid)
    assert np.array_equal(labels, again)
