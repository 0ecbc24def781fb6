"""Orthographic view projections of the dataset frame (metres, +Y up, +Z anterior,
patient's right at -X) onto screen millimetres (x right, y down), see docs/catalog-format.md.

``project(points, view)`` returns (screen_x_mm, screen_up_mm, depth_mm) where larger depth is
nearer to the viewer; the builder turns screen_up into SVG y with the view's height.
"""

from __future__ import annotations

import numpy as np

VIEWS = ("anterior", "posterior", "right_lateral", "left_lateral", "plantar")

# Rows: screen-right axis, screen-up axis, towards-viewer axis, in dataset coordinates.
_AXES = {
    "anterior": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "posterior": ((-1, 0, 0), (0, 1, 0), (0, 0, -1)),
    "right_lateral": ((0, 0, 1), (0, 1, 0), (-1, 0, 0)),
    "left_lateral": ((0, 0, -1), (0, 1, 0), (1, 0, 0)),
    "plantar": ((1, 0, 0), (0, 0, 1), (0, -1, 0)),
}


def view_axes(view: str) -> np.ndarray:
    """3x3 matrix whose rows are the screen-right, screen-up and towards-viewer axes."""
    return np.array(_AXES[view], dtype=np.float64)


def project(points_m: np.ndarray, view: str) -> np.ndarray:
    """(n, 3) metres -> (n, 3) millimetres: screen right, screen up, nearness to viewer."""
    return (np.asarray(points_m, dtype=np.float64) @ view_axes(view).T) * 1000.0
