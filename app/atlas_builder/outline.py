"""The smooth skin silhouette of a view: union of everything drawn and the body surface."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from app.atlas_builder.raster import ViewGrid
from app.atlas_builder.contour import smooth_mask_polygons
from app.atlas_builder.regions import drop_slivers
from app.atlas_builder.skin_smooth import resample_ring

# The silhouette's smoothing: Gaussian sigma, growth before blurring, point spacing (mm).
OUTLINE_SIGMA_MM = 2.5
OUTLINE_GROW_MM = 1.0
# Under the 2 mm a straight run must reach (app/domain/shape_quality.py): a 2 mm chord of a curve
# that happens to point along an axis is not a straight edge.
OUTLINE_SPACING_MM = 1.6


def silhouette_mask(covered: np.ndarray, grid: ViewGrid, close_mm: float) -> np.ndarray:
    """Covered pixels, closed (small gaps between structures bridged) and with holes filled."""
    from scipy import ndimage

    radius = max(1, int(round(close_mm / grid.mm_per_px)))
    yy, xx = np.mgrid[-radius:radius + 1, -radius:radius + 1]
    disk = xx * xx + yy * yy <= radius * radius
    padded = np.pad(covered, radius + 1)
    closed = ndimage.binary_closing(padded, structure=disk)[radius + 1:-radius - 1, radius + 1:-radius - 1]
    return ndimage.binary_fill_holes(closed | covered)


def outline_geometry(mask: np.ndarray, grid: ViewGrid, smooth_mm: float = OUTLINE_SIGMA_MM,
                     grow_mm: float = OUTLINE_GROW_MM, min_area: float = 50.0) -> BaseGeometry:
    """Vector outline (SVG mm) of a silhouette mask: a smooth curve without tiny islands.

    The mask is grown by ``grow_mm`` (the blur shaves convex tips: fingers and muscles stay
    inside), blurred and cut at half height between pixel centres (:mod:`contour`), so the line
    follows the body rather than the pixel grid; points are then spaced evenly along it.
    """
    from scipy import ndimage

    grow_px = grow_mm / grid.mm_per_px
    grown = ndimage.distance_transform_edt(~mask) <= grow_px if grow_px > 0 else mask
    smooth = smooth_mask_polygons(grown, smooth_mm / grid.mm_per_px, grid.pixel_to_svg_affine())
    smooth = _evenly_spaced(smooth, OUTLINE_SPACING_MM)
    # The mask has no holes; smoothing can pinch a narrow notch into one, so keep exteriors only.
    parts = [Polygon(p.exterior) for p in getattr(smooth, "geoms", [smooth]) if isinstance(p, Polygon)]
    # Stray islands of the surface mesh: keep pieces of at least 2 % of the largest (two feet stay).
    largest = max((p.area for p in parts), default=0.0)
    parts = [p for p in parts if p.area >= max(min_area, 0.02 * largest)]
    return drop_slivers(shapely.make_valid(shapely.union_all(parts)), min_area)


def _evenly_spaced(geom: BaseGeometry, spacing: float) -> BaseGeometry:
    parts = [Polygon(resample_ring(p.exterior, spacing), [resample_ring(r, spacing) for r in p.interiors])
             for p in shapely.get_parts(geom) if isinstance(p, Polygon) and not p.is_empty]
    return shapely.make_valid(shapely.union_all(parts)) if parts else Polygon()


def skin_near_body(skin: np.ndarray, body: np.ndarray, grid: ViewGrid, reach_mm: float) -> np.ndarray:
    """Skin pixels within ``reach_mm`` of a muscle or bone: the registered surface mesh bulges
    away from the body in places (e.g. behind the thigh), skin thickness does not."""
    from scipy import ndimage

    if not body.any():
        return skin
    distance = ndimage.distance_transform_edt(~body) * grid.mm_per_px
    return skin & (distance <= reach_mm)


# Where the surface patches are missing (the front of the thigh and the back of the knee seen from
# the side, ...) the silhouette fell back to the muscles, 5-15 mm inside the skin next to it: a
# ledge where each patch stops.  There the body is grown by the skin's own thickness, measured
# where the patches are and averaged along the body over this distance (Gaussian sigma, mm).
THICKNESS_SIGMA_MM = 20.0
# Thicker than this is not skin over muscle but a patch standing off the body (ears, fingers' webs).
MAX_THICKNESS_MM = 15.0


def fill_missing_skin(covered: np.ndarray, body: np.ndarray, grid: ViewGrid,
                      sigma_mm: float = THICKNESS_SIGMA_MM, max_mm: float = MAX_THICKNESS_MM) -> np.ndarray:
    """``covered`` (skin or body) with the body grown, where no skin covers it, by the thickness of
    the skin beside it.  The thickness is measured at the body's edge (how far inside the covered
    silhouette it lies) where skin covers it, averaged along the edge, and carried outward to the
    pixels each edge pixel is nearest to."""
    from scipy import ndimage

    if not body.any():
        return covered
    mpp = grid.mm_per_px
    depth = ndimage.distance_transform_edt(np.pad(covered, 1))[1:-1, 1:-1] * mpp
    edge = body & ~ndimage.binary_erosion(body)
    samples = edge & (depth > 1.0) & (depth <= max_mm)
    if not samples.any():
        return covered
    sigma_px = sigma_mm / mpp
    total = ndimage.gaussian_filter(np.where(samples, depth, 0.0), sigma_px, mode="constant")
    weight = ndimage.gaussian_filter(samples.astype(np.float64), sigma_px, mode="constant")
    typical = float(np.median(depth[samples]))
    thickness = np.where(weight > 1e-3, total / np.maximum(weight, 1e-12), typical)
    from_body, (rows, cols) = ndimage.distance_transform_edt(~body, return_indices=True)
    return covered | (from_body * mpp <= thickness[rows, cols])


def body_silhouette(skin: np.ndarray, body: np.ndarray, grid: ViewGrid, reach_mm: float, close_mm: float,
                    fill_skin: bool = True) -> np.ndarray:
    """The view's silhouette mask: muscles and bones, the skin near them and (``fill_skin``) the
    skin's thickness where the patches are missing; closed and hole-free.  The soles' view leaves
    the fill out: there the bones seen from below lie deep inside the sole everywhere."""
    covered = body | skin_near_body(skin, body, grid, reach_mm)
    return silhouette_mask(fill_missing_skin(covered, body, grid) if fill_skin else covered, grid, close_mm)
