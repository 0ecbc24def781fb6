"""Small geometric helpers between 3D dataset points and a view's pixel grid."""

from __future__ import annotations

from typing import Any

import numpy as np

from app.atlas_builder.projection import project, view_axes


def project_to_pixels(grid: Any, points_m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """3D points (metres) -> (svg_xy mm (n, 2), row (n,), col (n,), nearness mm (n,))."""
    proj = project(np.asarray(points_m, dtype=np.float64).reshape(-1, 3), grid.view)
    svg_xy = grid.svg_of(proj[:, :2])
    pix = grid.pixel_of_screen(proj[:, :2])
    cols = np.rint(pix[:, 0]).astype(np.int64)
    rows = np.rint(pix[:, 1]).astype(np.int64)
    return svg_xy, rows, cols, proj[:, 2]


def pixels_to_3d(grid: Any, rows: np.ndarray, cols: np.ndarray, nearness_mm: np.ndarray) -> np.ndarray:
    """Pixel centres with their surface nearness -> 3D points (metres) in the dataset frame."""
    right = grid.left_mm + (np.asarray(cols) + 0.5) * grid.mm_per_px
    up = grid.top_mm - (np.asarray(rows) + 0.5) * grid.mm_per_px
    screen = np.column_stack([right, up, np.asarray(nearness_mm, dtype=np.float64)])
    return screen @ view_axes(grid.view) / 1000.0  # rows of view_axes are orthonormal


def svg_to_pixel(grid: Any, svg_xy: np.ndarray) -> np.ndarray:
    """(n, 2) SVG mm -> (n, 2) float (col, row), pixel centres at integers."""
    return grid.pixel_of_screen(grid.screen_of_svg(svg_xy))
