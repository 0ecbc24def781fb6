"""How machine-made a drawn shape looks: the share of its outline in axis-aligned straight runs.

Hand-drawn anatomy (the Manual's referral figures, the skin of a body) has almost no long edge
running exactly horizontal or vertical; a raster staircase or a box-shaped zone has plenty.  A
*run* is a boundary segment heading within ``tolerance_deg`` of an axis (east, west, north or
south), joined with the segments after it while they continue it in a straight line (heading
within ``COLLINEAR_DEG`` of its direction): a straight edge split into many short segments still counts as one run,
while a staircase (east, south, east, south...) or a finely drawn curve passing through the
vertical does not merge into long runs.  Pure shapely and numpy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from shapely.geometry.base import BaseGeometry

from app.domain.svg_geometry import polygons_of

MIN_RUN_MM = 2.0
TOLERANCE_DEG = 3.0
# Segments heading within this of a run's first segment continue its straight line (a split edge).
COLLINEAR_DEG = 0.5


@dataclass(frozen=True)
class StraightRunStats:
    """Boundary length (mm) in total and in axis-aligned straight runs."""

    total_mm: float
    axis_aligned_mm: float

    @property
    def share(self) -> float:
        return self.axis_aligned_mm / self.total_mm if self.total_mm > 0 else 0.0

    def __add__(self, other: StraightRunStats) -> StraightRunStats:
        return StraightRunStats(self.total_mm + other.total_mm, self.axis_aligned_mm + other.axis_aligned_mm)


def _heading_class(dx: np.ndarray, dy: np.ndarray, tolerance_deg: float) -> np.ndarray:
    """Per segment: 0 east, 1 north, 2 west, 3 south (within tolerance), -1 otherwise."""
    angle = np.degrees(np.arctan2(dy, dx)) % 360.0
    nearest = np.rint(angle / 90.0) % 4
    off = np.abs(((angle - nearest * 90.0) + 180.0) % 360.0 - 180.0)
    return np.where(off <= tolerance_deg, nearest, -1).astype(np.int64)


def ring_stats(coords: np.ndarray, min_run_mm: float = MIN_RUN_MM, tolerance_deg: float = TOLERANCE_DEG,
               merge_collinear: bool = True) -> StraightRunStats:
    """Stats of one closed ring given as an (n, 2) array (first point repeated at the end or not).

    ``merge_collinear=False`` counts single segments only (the literal "segments of 2 mm or
    more"), which a straight edge written as many short segments escapes.
    """
    pts = np.asarray(coords, dtype=np.float64)[:, :2]
    if len(pts) >= 2 and np.array_equal(pts[0], pts[-1]):
        pts = pts[:-1]
    if len(pts) < 2:
        return StraightRunStats(0.0, 0.0)
    seg = np.roll(pts, -1, axis=0) - pts
    length = np.hypot(seg[:, 0], seg[:, 1])
    keep = length > 0
    seg, length = seg[keep], length[keep]
    if len(length) == 0:
        return StraightRunStats(0.0, 0.0)
    heading = _heading_class(seg[:, 0], seg[:, 1], tolerance_deg)
    direction = np.degrees(np.arctan2(seg[:, 1], seg[:, 0]))
    # Start at a segment whose heading class differs from its predecessor's (or anywhere if none).
    changes = np.flatnonzero(heading != np.roll(heading, 1))
    first = int(changes[0]) if len(changes) else 0
    heading, length, direction = (np.roll(a, -first) for a in (heading, length, direction))
    aligned = 0.0
    run_heading, run_direction, run_length = int(heading[0]), float(direction[0]), float(length[0])
    for h, d, n in zip(heading[1:].tolist(), direction[1:].tolist(), length[1:].tolist()):
        # Same axis and still on the run's first line: the straight edge goes on.
        if merge_collinear and h == run_heading and abs((d - run_direction + 180.0) % 360.0 - 180.0) <= COLLINEAR_DEG:
            run_length += n
            continue
        if run_heading >= 0 and run_length >= min_run_mm:
            aligned += run_length
        run_heading, run_direction, run_length = h, d, n
    if run_heading >= 0 and run_length >= min_run_mm:
        aligned += run_length
    return StraightRunStats(float(length.sum()), aligned)


def straight_run_stats(geometries: Iterable[BaseGeometry] | BaseGeometry, min_run_mm: float = MIN_RUN_MM,
                       tolerance_deg: float = TOLERANCE_DEG, merge_collinear: bool = True) -> StraightRunStats:
    """Stats over every ring (exteriors and holes) of the polygons in ``geometries``.

    A border shared by two neighbouring areas is counted once per area, as each area's outline.
    """
    geoms = [geometries] if isinstance(geometries, BaseGeometry) else list(geometries)
    total = StraightRunStats(0.0, 0.0)
    for geom in geoms:
        for poly in polygons_of(geom):
            for ring in (poly.exterior, *poly.interiors):
                total = total + ring_stats(np.asarray(ring.coords), min_run_mm, tolerance_deg, merge_collinear)
    return total


def axis_aligned_share(geometries: Iterable[BaseGeometry] | BaseGeometry, min_run_mm: float = MIN_RUN_MM,
                       tolerance_deg: float = TOLERANCE_DEG, merge_collinear: bool = True) -> float:
    """Share (0..1) of the boundary length lying in axis-aligned straight runs of ``min_run_mm`` or more."""
    return straight_run_stats(geometries, min_run_mm, tolerance_deg, merge_collinear).share
