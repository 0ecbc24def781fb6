"""Label image -> clean region polygons: absorb specks, vectorise, simplify as a coverage."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

from app.atlas_builder.raster import ViewGrid


def absorb_specks(labels: np.ndarray, inside: np.ndarray, speck_px: int, hole_px: int,
                  min_region_px: int = 0) -> np.ndarray:
    """Islands of one label smaller than ``speck_px``, labels whose whole area is below
    ``min_region_px`` (glimpses of deep structures through gaps) and empty pockets inside the body
    smaller than ``hole_px`` take the label of the nearest pixel outside them."""
    from scipy import ndimage

    out = labels.copy()
    doubtful = np.zeros(labels.shape, dtype=bool)
    slices = ndimage.find_objects(labels)
    for value, box in enumerate(slices, start=1):
        if box is None:
            continue
        mask = labels[box] == value
        comp, n = ndimage.label(mask)
        if n == 0:
            continue
        sizes = np.bincount(comp.ravel())
        small = sizes < (speck_px if sizes[1:].sum() >= min_region_px else np.iinfo(np.int64).max)
        small[0] = False
        if small.any():
            doubtful[box] |= small[comp]
    empty = (labels == 0) & inside
    comp, n = ndimage.label(empty)
    if n:
        sizes = np.bincount(comp.ravel())
        small = sizes < hole_px
        small[0] = False
        doubtful |= small[comp]
    if not doubtful.any():
        return out
    # Nearest trustworthy labelled pixel for every doubtful one.
    source = ~doubtful & (labels > 0)
    if not source.any():
        return out
    _, (rows, cols) = ndimage.distance_transform_edt(~source, return_indices=True)
    out[doubtful] = labels[rows[doubtful], cols[doubtful]]
    return out


def vectorise(labels: np.ndarray, grid: ViewGrid) -> dict[int, BaseGeometry]:
    """Polygons (SVG mm) per label value, merged per value."""
    from affine import Affine
    from rasterio import features

    parts: dict[int, list[BaseGeometry]] = {}
    transform = Affine(*grid.pixel_to_svg_affine())
    for geom, value in features.shapes(labels.astype(np.int32), mask=labels > 0, connectivity=4, transform=transform):
        parts.setdefault(int(value), []).append(shape(geom))
    return {v: shapely.union_all(gs) for v, gs in sorted(parts.items())}


def _polygons(geom: BaseGeometry) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [geom] if not geom.is_empty else []
    return [g for part in getattr(geom, "geoms", []) for g in _polygons(part)]


def drop_slivers(geom: BaseGeometry, min_area: float) -> BaseGeometry:
    """Keep polygon parts of at least ``min_area``; fill holes smaller than it."""
    keep = []
    for poly in _polygons(shapely.make_valid(geom)):
        if poly.area < min_area:
            continue
        holes = [h for h in poly.interiors if Polygon(h).area >= min_area]
        keep.append(Polygon(poly.exterior, holes))
    if not keep:
        return Polygon()
    return keep[0] if len(keep) == 1 else MultiPolygon(keep)


def simplify_coverage(geoms: Mapping[str, BaseGeometry], tolerance: float, min_area: float) -> dict[str, BaseGeometry]:
    """Simplify regions together so neighbours keep one shared border; drop slivers."""
    keys = sorted(geoms)
    simplified = shapely.coverage_simplify([geoms[k] for k in keys], tolerance, simplify_boundary=True)
    out = {}
    for key, geom in zip(keys, simplified):
        geom = drop_slivers(shapely.make_valid(geom), min_area)
        if not geom.is_empty:
            out[key] = geom
    return out
