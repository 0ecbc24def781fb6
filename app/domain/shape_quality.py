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


def axis_runs(coords: np.ndarray, min_run_mm: float = MIN_RUN_MM, tolerance_deg: float = TOLERANCE_DEG,
              merge_collinear: bool = True) -> list[tuple[np.ndarray, np.ndarray, float]]:
    """(start point, end point, length) of every axis-aligned straight run of ``min_run_mm`` or
    more along one closed ring given as an (n, 2) array (first point repeated at the end or not).

    ``merge_collinear=False`` counts single segments only (the literal "segments of 2 mm or
    more"), which a straight edge written as many short segments escapes.
    """
    pts = np.asarray(coords, dtype=np.float64)[:, :2]
    if len(pts) >= 2 and np.array_equal(pts[0], pts[-1]):
        pts = pts[:-1]
    if len(pts) < 2:
        return []
    seg = np.roll(pts, -1, axis=0) - pts
    length = np.hypot(seg[:, 0], seg[:, 1])
    keep = length > 0
    starts_at, seg, length = pts[keep], seg[keep], length[keep]
    if len(length) == 0:
        return []
    heading = _heading_class(seg[:, 0], seg[:, 1], tolerance_deg)
    direction = np.degrees(np.arctan2(seg[:, 1], seg[:, 0]))
    # Start at a segment whose heading class differs from its predecessor's (or anywhere if none).
    changes = np.flatnonzero(heading != np.roll(heading, 1))
    first = int(changes[0]) if len(changes) else 0
    heading, length, direction, starts_at, seg = (np.roll(a, -first, axis=0)
                                                  for a in (heading, length, direction, starts_at, seg))
    runs: list[tuple[np.ndarray, np.ndarray, float]] = []
    run_start = 0
    for i in range(1, len(length) + 1):
        if i < len(length) and merge_collinear and heading[i] == heading[run_start] and abs(
                (direction[i] - direction[run_start] + 180.0) % 360.0 - 180.0) <= COLLINEAR_DEG:
            continue  # same axis and still on the run's first line: the straight edge goes on
        run = float(length[run_start:i].sum())
        if heading[run_start] >= 0 and run >= min_run_mm:
            runs.append((starts_at[run_start], starts_at[i - 1] + seg[i - 1], run))
        run_start = i
    return runs


def ring_stats(coords: np.ndarray, min_run_mm: float = MIN_RUN_MM, tolerance_deg: float = TOLERANCE_DEG,
               merge_collinear: bool = True) -> StraightRunStats:
    """Total boundary length of one ring and its length in axis-aligned straight runs."""
    pts = np.asarray(coords, dtype=np.float64)[:, :2]
    closed = np.vstack([pts, pts[:1]]) if len(pts) and not np.array_equal(pts[0], pts[-1]) else pts
    total = float(np.hypot(*np.diff(closed, axis=0).T).sum()) if len(closed) > 1 else 0.0
    aligned = sum(run for _, _, run in axis_runs(pts, min_run_mm, tolerance_deg, merge_collinear))
    return StraightRunStats(total, aligned)


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
