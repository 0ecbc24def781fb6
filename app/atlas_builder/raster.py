"""Z-buffer rasteriser for the atlas: which structure is front-most at each pixel of a view.

Orthographic projection (see ``projection.py``), vectorised with numpy: triangles are
bucketed by the size of their pixel bounding box so each bucket is tested against its
candidate pixel centres in one array operation.  Pixel (col, row) has its centre at
screen-right ``left_mm + (col + 0.5) * mm_per_px`` and screen-up ``top_mm - (row + 0.5) * mm_per_px``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.atlas_builder.glb import TriangleMesh
from app.atlas_builder.projection import project

# Candidate pixels evaluated per array operation; bounds peak memory (~40 bytes each).
_CHUNK_CANDIDATES = 3_000_000


@dataclass(frozen=True)
class ViewGrid:
    """Pixel grid of one view; 1 SVG unit = 1 mm, y down, viewBox starts at 0 0."""

    view: str
    mm_per_px: float
    left_mm: float  # screen-right mm of the left edge of pixel column 0
    top_mm: float  # screen-up mm of the top edge of pixel row 0
    width_px: int
    height_px: int
    svg_left_mm: float  # svg_x = screen_right_mm - svg_left_mm
    svg_top_mm: float  # svg_y = svg_top_mm - screen_up_mm

    @classmethod
    def around(
        cls,
        view: str,
        right_range: tuple[float, float],
        up_range: tuple[float, float],
        mm_per_px: float,
        margin_mm: float = 10.0,
        svg_height_mm: float | None = None,
    ) -> ViewGrid:
        """Grid covering the given screen-mm box plus a margin; pixels aligned to whole mm.

        ``svg_height_mm`` (>= the box height) lets several views share one SVG height; the
        extra room goes above the box so the feet stay aligned.
        """
        left = np.floor(right_range[0] - margin_mm)
        right = np.ceil(right_range[1] + margin_mm)
        bottom = np.floor(up_range[0] - margin_mm)
        top = np.ceil(up_range[1] + margin_mm)
        if svg_height_mm is not None and svg_height_mm > top - bottom:
            top = bottom + np.ceil(svg_height_mm)
        width_px = int(np.ceil((right - left) / mm_per_px))
        height_px = int(np.ceil((top - bottom) / mm_per_px))
        return cls(view, float(mm_per_px), float(left), float(top), width_px, height_px, float(left), float(top))

    @property
    def svg_width_mm(self) -> float:
        return self.width_px * self.mm_per_px + (self.left_mm - self.svg_left_mm)

    @property
    def svg_height_mm(self) -> float:
        return self.height_px * self.mm_per_px + (self.svg_top_mm - self.top_mm)

    def pixel_to_svg_affine(self) -> tuple[float, ...]:
        """(a, b, c, d, e, f) in rasterio/affine order: svg_x = a*col + b*row + c, svg_y = d*col + e*row + f.

        Pass ``affine.Affine(*grid.pixel_to_svg_affine())`` as ``transform`` to
        ``rasterio.features.shapes``; use :meth:`pixel_to_svg_shapely` for shapely.affinity.
        """
        m = self.mm_per_px
        return (m, 0.0, self.left_mm - self.svg_left_mm, 0.0, m, self.svg_top_mm - self.top_mm)

    def pixel_to_svg_shapely(self) -> list[float]:
        """The same map as shapely.affinity.affine_transform's [a, b, d, e, xoff, yoff]."""
        a, b, c, d, e, f = self.pixel_to_svg_affine()
        return [a, b, d, e, c, f]

    def svg_of(self, screen_mm: np.ndarray) -> np.ndarray:
        """(n, 2) screen mm (right, up) -> (n, 2) SVG mm (x right, y down)."""
        pts = np.asarray(screen_mm, dtype=np.float64).reshape(-1, 2)
        return np.column_stack([pts[:, 0] - self.svg_left_mm, self.svg_top_mm - pts[:, 1]])

    def screen_of_svg(self, svg_mm: np.ndarray) -> np.ndarray:
        """Inverse of :meth:`svg_of`."""
        pts = np.asarray(svg_mm, dtype=np.float64).reshape(-1, 2)
        return np.column_stack([pts[:, 0] + self.svg_left_mm, self.svg_top_mm - pts[:, 1]])

    def pixel_of_screen(self, screen_mm: np.ndarray) -> np.ndarray:
        """(n, 2) screen mm -> (n, 2) float pixel coords (col, row) where centres are integers."""
        pts = np.asarray(screen_mm, dtype=np.float64).reshape(-1, 2)
        col = (pts[:, 0] - self.left_mm) / self.mm_per_px - 0.5
        row = (self.top_mm - pts[:, 1]) / self.mm_per_px - 0.5
        return np.column_stack([col, row])


def _triangles_px(mesh: TriangleMesh, grid: ViewGrid) -> np.ndarray:
    """(m, 3, 3) triangles as (col, row, nearness mm) with pixel centres at integers."""
    proj = project(mesh.vertices, grid.view)
    pix = grid.pixel_of_screen(proj[:, :2])
    pts = np.column_stack([pix, proj[:, 2]])
    return pts[np.asarray(mesh.faces, dtype=np.int64)]


def _fragments(tris: np.ndarray, labels: np.ndarray, x0: np.ndarray, y0: np.ndarray, bw: int, bh: int,
               width: int, height: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Covered pixels of triangles sharing one bbox size: (flat pixel index, nearness, label)."""
    ox, oy = np.meshgrid(np.arange(bw), np.arange(bh))
    px = x0[:, None] + ox.ravel()[None, :]
    py = y0[:, None] + oy.ravel()[None, :]
    a, b, c = tris[:, 0, :], tris[:, 1, :], tris[:, 2, :]
    det = (b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1]) - (c[:, 0] - a[:, 0]) * (b[:, 1] - a[:, 1])
    inv = 1.0 / det
    dx = px - a[:, 0:1]
    dy = py - a[:, 1:2]
    w1 = (dx * (c[:, 1:2] - a[:, 1:2]) - dy * (c[:, 0:1] - a[:, 0:1])) * inv[:, None]
    w2 = (dy * (b[:, 0:1] - a[:, 0:1]) - dx * (b[:, 1:2] - a[:, 1:2])) * inv[:, None]
    eps = -1e-9
    inside = (w1 >= eps) & (w2 >= eps) & (w1 + w2 <= 1.0 - eps)
    inside &= (px >= 0) & (px < width) & (py >= 0) & (py < height)
    depth = a[:, 2:3] + w1 * (b[:, 2:3] - a[:, 2:3]) + w2 * (c[:, 2:3] - a[:, 2:3])
    rows, cols = np.nonzero(inside)
    flat = py[rows, cols] * width + px[rows, cols]
    return flat, depth[rows, cols], labels[rows]


def rasterize(meshes: Sequence[tuple[int, TriangleMesh]], grid: ViewGrid) -> tuple[np.ndarray, np.ndarray]:
    """z-buffer: labels (int32, 0 = nothing) of the front-most mesh per pixel, and nearness in mm (float32, -inf = nothing)."""
    width, height = grid.width_px, grid.height_px
    zbuf = np.full(width * height, -np.inf, dtype=np.float64)
    lab = np.zeros(width * height, dtype=np.int32)
    if not meshes:
        return lab.reshape(height, width), zbuf.astype(np.float32).reshape(height, width)
    tris = np.concatenate([_triangles_px(m, grid) for _, m in meshes])
    labels = np.concatenate([np.full(len(m.faces), int(k), dtype=np.int32) for k, m in meshes])
    x0 = np.ceil(tris[:, :, 0].min(1)).astype(np.int64)
    x1 = np.floor(tris[:, :, 0].max(1)).astype(np.int64)
    y0 = np.ceil(tris[:, :, 1].min(1)).astype(np.int64)
    y1 = np.floor(tris[:, :, 1].max(1)).astype(np.int64)
    area2 = np.abs((tris[:, 1, 0] - tris[:, 0, 0]) * (tris[:, 2, 1] - tris[:, 0, 1])
                   - (tris[:, 2, 0] - tris[:, 0, 0]) * (tris[:, 1, 1] - tris[:, 0, 1]))
    keep = (x1 >= x0) & (y1 >= y0) & (area2 > 1e-12) & (x1 >= 0) & (y1 >= 0) & (x0 < width) & (y0 < height)
    tris, labels, x0, x1, y0, y1 = tris[keep], labels[keep], x0[keep], x1[keep], y0[keep], y1[keep]
    bw = (x1 - x0 + 1)
    bh = (y1 - y0 + 1)
    keys = bw * 100_003 + bh
    order = np.argsort(keys, kind="stable")
    uniq, starts = np.unique(keys[order], return_index=True)
    bounds = list(starts) + [len(order)]
    for i in range(len(uniq)):
        idx = order[bounds[i]:bounds[i + 1]]
        w, h = int(bw[idx[0]]), int(bh[idx[0]])
        step = max(1, _CHUNK_CANDIDATES // (w * h))
        for s in range(0, len(idx), step):
            part = idx[s:s + step]
            flat, depth, flab = _fragments(tris[part], labels[part], x0[part], y0[part], w, h, width, height)
            _merge(zbuf, lab, flat, depth, flab)
    return lab.reshape(height, width), zbuf.astype(np.float32).reshape(height, width)


def _merge(zbuf: np.ndarray, lab: np.ndarray, flat: np.ndarray, depth: np.ndarray, flab: np.ndarray) -> None:
    """Write the nearest fragment per pixel where it beats the z-buffer (ties: higher label wins)."""
    if len(flat) == 0:
        return
    order = np.lexsort((flab, depth, flat))  # by pixel, then depth, then label
    flat, depth, flab = flat[order], depth[order], flab[order]
    last = np.r_[flat[1:] != flat[:-1], True]
    flat, depth, flab = flat[last], depth[last], flab[last]
    better = depth > zbuf[flat]
    zbuf[flat[better]] = depth[better]
    lab[flat[better]] = flab[better]
