"""Sub-pixel contours of a smooth field (marching squares), so outlines do not follow the pixel grid.

A silhouette vectorised pixel by pixel runs in horizontal and vertical steps however it is
simplified afterwards; the iso-line of the Gaussian-blurred mask crosses each pixel edge where
the field really reaches the level, giving a smooth curve.
"""

from __future__ import annotations

import numpy as np
import shapely
from scipy import ndimage
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

# Marching-squares segments per case (corner bits: 1 top-left, 2 top-right, 4 bottom-right,
# 8 bottom-left); edges: 0 top, 1 right, 2 bottom, 3 left.  The saddles (5, 10) are split by
# the cell's mean value below.
_SEGMENTS: dict[int, list[tuple[int, int]]] = {
    1: [(3, 0)], 2: [(0, 1)], 3: [(3, 1)], 4: [(1, 2)], 6: [(0, 2)], 7: [(3, 2)], 8: [(2, 3)],
    9: [(2, 0)], 11: [(2, 1)], 12: [(1, 3)], 13: [(1, 0)], 14: [(0, 3)],
}
_SADDLE_JOINED = {5: [(3, 2), (1, 0)], 10: [(0, 3), (2, 1)]}  # centre above the level: corners joined
_SADDLE_SPLIT = {5: [(3, 0), (1, 2)], 10: [(0, 1), (2, 3)]}


def _edge_points(f: np.ndarray, rows: np.ndarray, cols: np.ndarray, level: float) -> list[np.ndarray]:
    """(n, 2) (col, row) crossing point on each of the four cell edges."""
    tl, tr = f[rows, cols], f[rows, cols + 1]
    bl, br = f[rows + 1, cols], f[rows + 1, cols + 1]

    def cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        d = b - a
        return np.clip(np.divide(level - a, d, out=np.full_like(a, 0.5), where=d != 0), 0.0, 1.0)

    r, c = rows.astype(np.float64), cols.astype(np.float64)
    return [
        np.column_stack([c + cross(tl, tr), r]),  # top
        np.column_stack([c + 1, r + cross(tr, br)]),  # right
        np.column_stack([c + cross(bl, br), r + 1]),  # bottom
        np.column_stack([c, r + cross(tl, bl)]),  # left
    ]


def iso_polygons(field: np.ndarray, level: float, pixel_to_svg: tuple[float, ...]) -> BaseGeometry:
    """Region where ``field`` > ``level`` as polygons in SVG mm.

    ``field`` is sampled at pixel centres; ``pixel_to_svg`` is the grid's rasterio-order affine
    (a, b, c, d, e, f) of pixel corners, so centres sit at +0.5.
    """
    f = np.pad(np.asarray(field, dtype=np.float64), 1, constant_values=min(float(np.min(field)), level) - 1.0)
    above = f > level
    case = (above[:-1, :-1] * 1 + above[:-1, 1:] * 2 + above[1:, 1:] * 4 + above[1:, :-1] * 8).astype(np.int64)
    rows, cols = np.nonzero((case > 0) & (case < 15))
    cases = case[rows, cols]
    points = _edge_points(f, rows, cols, level)
    centre = (f[rows, cols] + f[rows, cols + 1] + f[rows + 1, cols] + f[rows + 1, cols + 1]) / 4 > level
    starts, ends = [], []
    for k in np.unique(cases).tolist():
        for joined in (True, False):
            table = (_SADDLE_JOINED if joined else _SADDLE_SPLIT).get(k) if k in (5, 10) else (
                _SEGMENTS[k] if joined else None)
            if not table:
                continue
            pick = (cases == k) & (centre if k in (5, 10) and joined else ~centre if k in (5, 10) else True)
            for a, b in table:
                starts.append(points[a][pick])
                ends.append(points[b][pick])
    if not starts:
        return Polygon()
    seg = np.stack([np.vstack(starts), np.vstack(ends)], axis=1) - 1.0 + 0.5  # undo the pad; centres at +0.5
    a, b, c, d, e, g = pixel_to_svg
    x = a * seg[..., 0] + b * seg[..., 1] + c
    y = d * seg[..., 0] + e * seg[..., 1] + g
    lines = shapely.linestrings(np.stack([x, y], axis=-1))
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.union_all(lines))))
    inside = []
    inv_a, inv_e = 1.0 / a, 1.0 / e
    for face in faces:
        p = face.representative_point()
        col, row = (p.x - c) * inv_a - 0.5, (p.y - g) * inv_e - 0.5
        value = ndimage.map_coordinates(np.asarray(field, dtype=np.float64), [[row], [col]], order=1, mode="nearest")[0]
        if value > level:
            inside.append(face)
    return shapely.make_valid(shapely.union_all(inside)) if inside else Polygon()


def smooth_mask_polygons(mask: np.ndarray, sigma_px: float, pixel_to_svg: tuple[float, ...]) -> BaseGeometry:
    """Smooth outline of a boolean mask: the 0.5 iso-line of the mask blurred by ``sigma_px``."""
    blurred = ndimage.gaussian_filter(mask.astype(np.float32), sigma_px, mode="constant")
    return iso_polygons(blurred, 0.5, pixel_to_svg)
