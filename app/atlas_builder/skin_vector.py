"""Label raster -> polygons that tile the outline exactly (no gaps, no overlaps)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import rasterio.features
import shapely
from affine import Affine
from scipy import ndimage
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry


def fill_from_nearest(labels: np.ndarray, inside: np.ndarray) -> np.ndarray:
    """Unlabelled pixels inside the outline take the label of the nearest labelled pixel."""
    if not (labels > 0).any():
        return labels
    _, (ri, ci) = ndimage.distance_transform_edt(labels == 0, return_indices=True)
    filled = labels[ri, ci]
    return np.where(inside, filled, 0).astype(np.int32)


def majority_smooth(labels: np.ndarray, inside: np.ndarray, size_px: int = 5) -> np.ndarray:
    """Each pixel inside takes the most frequent label of its size x size neighbourhood: removes
    the pixel noise of the rule boundaries (facing angles from a noisy depth map)."""
    best = np.full(labels.shape, -1.0, dtype=np.float32)
    out = labels.copy()
    for value in np.unique(labels[labels > 0]):
        score = ndimage.uniform_filter((labels == value).astype(np.float32), size=size_px)
        score += (labels == value) * 1e-3  # ties keep the pixel's own label
        better = score > best
        out[better] = value
        best[better] = score[better]
    return np.where(inside, out, 0).astype(np.int32)


def outline_mask(outline: BaseGeometry, shape: tuple[int, int], affine: Affine) -> np.ndarray:
    """Pixels whose centre lies inside the outline."""
    if outline.is_empty:
        return np.zeros(shape, dtype=bool)
    return rasterio.features.rasterize([(outline, 1)], out_shape=shape, transform=affine, fill=0,
                                       dtype="uint8").astype(bool)


def _polygons_only(geom: BaseGeometry) -> BaseGeometry:
    parts = [g for g in shapely.get_parts(geom) if isinstance(g, Polygon) and not g.is_empty]
    return shapely.union_all(parts) if parts else Polygon()


def vectorise(labels: np.ndarray, affine: Affine) -> dict[int, BaseGeometry]:
    pieces: dict[int, list[BaseGeometry]] = defaultdict(list)
    for geom, value in rasterio.features.shapes(labels.astype(np.int32), mask=labels > 0, transform=affine):
        pieces[int(value)].append(shapely.geometry.shape(geom))
    return {k: shapely.union_all(v) for k, v in pieces.items()}


# A piece of an area smaller than this and smaller than the area's largest piece is a stray fragment.
STRAY_FRAGMENT_MM2 = 500.0


def tile_outline(areas: dict[int, BaseGeometry], outline: BaseGeometry, tolerance_mm: float = 1.0,
                 min_piece_mm2: float = 150.0, min_width_mm: float = 3.0) -> dict[int, BaseGeometry]:
    """Simplify the areas as one coverage, clip them to the outline and give every gap (and every
    piece smaller than ``min_piece_mm2`` or thinner than ``min_width_mm``) to the neighbouring
    area it shares most border with, so the areas tile the outline."""
    keys = list(areas)
    simplified = shapely.coverage_simplify([areas[k] for k in keys], tolerance=tolerance_mm)
    outline = shapely.make_valid(outline)
    clipped = {k: _polygons_only(shapely.make_valid(shapely.intersection(g, outline)))
               for k, g in zip(keys, simplified)}
    # Remove overlaps left by numerical noise: earlier keys win.
    taken: BaseGeometry = Polygon()
    for k in keys:
        clipped[k] = _polygons_only(shapely.difference(clipped[k], taken))
        taken = shapely.union(taken, clipped[k])
    gaps = _polygons_only(shapely.difference(outline, taken))
    for gap in shapely.get_parts(gaps):
        if gap.area > 0:
            _give_to_neighbour(clipped, gap, exclude=None)
    # Specks (pixel noise at rule boundaries) and stray fragments (a small piece cut off from its
    # area, e.g. a speck of buttock on the flank above the lateral hip where the outline's skin fill
    # met the facing boundary) join the neighbour they share most border with.
    for k in keys:
        parts = list(shapely.get_parts(clipped[k]))
        largest = max((p.area for p in parts), default=0.0)
        small = [p for p in parts if _is_speck(p, min_piece_mm2, min_width_mm)
                 or (p.area < STRAY_FRAGMENT_MM2 and p.area < largest)]
        if not small:
            continue
        clipped[k] = _polygons_only(shapely.union_all([p for p in parts if not any(p is q for q in small)]))
        for piece in small:
            _give_to_neighbour(clipped, piece, exclude=k)
    return clipped


def _is_speck(piece: BaseGeometry, min_area: float, min_width: float) -> bool:
    """Tiny, or a thin sliver (mean width = 2 * area / perimeter)."""
    return piece.area < min_area or 2 * piece.area / max(piece.length, 1e-9) < min_width


def _give_to_neighbour(areas: dict[int, BaseGeometry], piece: BaseGeometry, exclude: int | None) -> None:
    candidates = [k for k in areas if k != exclude and not areas[k].is_empty]
    if not candidates:
        if exclude is not None:
            areas[exclude] = _polygons_only(shapely.union(areas[exclude], piece))
        return
    grown = piece.buffer(0.05)
    x0, y0, x1, y1 = grown.bounds
    near = [k for k in candidates if _bbox_overlap(areas[k].bounds, (x0, y0, x1, y1))]
    shared = {k: grown.intersection(areas[k]).area for k in near if grown.intersects(areas[k])}
    best = max(shared, key=shared.get) if shared else min(candidates, key=lambda k: piece.distance(areas[k]))
    areas[best] = _polygons_only(shapely.union(areas[best], piece))


def _bbox_overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def tiling_error(areas: list[BaseGeometry], outline: BaseGeometry) -> tuple[float, float]:
    """(uncovered, doubly covered) area as fractions of the outline area."""
    union = shapely.union_all(areas)
    total = sum(a.area for a in areas)
    uncovered = shapely.difference(outline, union).area
    overlap = total - union.area
    return uncovered / outline.area, max(overlap, 0.0) / outline.area
