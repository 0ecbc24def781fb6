"""Drawing primitives that make zones look hand-drawn, like the Manual's referral figures.

The Manual draws referral zones as rounded blobs and tapering strips, never boxes.  Three
tools give the compiled zones that look: a closed smooth curve through points (the `curve`
element), a strip that tapers towards its ends and whose width breathes gently along its
length (the `band` element), and rounding of the finished union's corners (which softens the
corners that skin areas and clipping leave).  Pure geometry (shapely, numpy); deterministic,
so a rebuild reproduces the committed database byte for byte.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

SAMPLE_MM = 1.5  # spacing of points along drawn curves: fine enough that no chord looks straight
CORNER_RADIUS_MM = 5.0
# Width of a band near its ends relative to its middle, and the gentle swelling along it (a
# hand-drawn strip is never ruler-straight).  Swelling in proportion to the width, a wide strip
# read as a chain of beads on the contact sheet (±3 mm every 55 mm down the thigh): the swelling is
# now a small absolute amount, and the strip wanders a little sideways on a second, incommensurate
# wave, so its two edges never repeat in step.
BAND_END_RATIO = 0.7
BAND_SWELL = 0.10          # of the half-width, for narrow strips ...
BAND_SWELL_MAX_MM = 1.5    # ... but never more than this
BAND_WANDER_MM = 2.0
BAND_SWELL_WAVELENGTH_MM = 55.0
BAND_WANDER_WAVELENGTH_MM = 120.0


def _catmull_rom_closed(points: np.ndarray) -> np.ndarray:
    """Centripetal Catmull-Rom through every point, closed; sampled about every SAMPLE_MM."""
    n = len(points)
    out = []
    for i in range(n):
        p0, p1, p2, p3 = points[(i - 1) % n], points[i], points[(i + 1) % n], points[(i + 2) % n]
        t0 = 0.0
        t1 = t0 + max(np.linalg.norm(p1 - p0), 1e-6) ** 0.5
        t2 = t1 + max(np.linalg.norm(p2 - p1), 1e-6) ** 0.5
        t3 = t2 + max(np.linalg.norm(p3 - p2), 1e-6) ** 0.5
        steps = max(4, int(np.ceil(np.linalg.norm(p2 - p1) / SAMPLE_MM)))
        for t in np.linspace(t1, t2, steps, endpoint=False):
            a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1
            a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2
            a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3
            b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2
            b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3
            out.append((t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2)
    return np.asarray(out)


def smooth_closed_curve(points: Sequence[tuple[float, float]]) -> BaseGeometry:
    """The area inside a closed smooth curve through ``points`` (in order around the shape)."""
    pts = np.asarray(points, dtype=float)
    keep = np.ones(len(pts), dtype=bool)
    keep[1:] = np.any(np.diff(pts, axis=0) != 0, axis=1)
    pts = pts[keep]
    if len(pts) < 3:
        return Polygon()
    return shapely.make_valid(Polygon(_catmull_rom_closed(pts)))


def _seed_phase(key: str) -> float:
    return (zlib.crc32(key.encode()) % 10_000) / 10_000 * 2 * np.pi


def organic_band(a: tuple[float, float], b: tuple[float, float], width: float, key: str) -> BaseGeometry:
    """A strip from ``a`` to ``b``: full ``width`` in the middle, narrower and round at the ends.

    ``key`` names the element; it fixes the phase of the swelling so each band keeps its look
    from build to build (and both sides of the body get the same, mirrored, strip).
    """
    pa, pb = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    length = float(np.linalg.norm(pb - pa))
    if length < 1.0:
        return shapely.Point(a).buffer(width / 2, quad_segs=16)
    along = (pb - pa) / length
    normal = np.array([-along[1], along[0]])
    s = np.linspace(0.0, 1.0, max(8, int(np.ceil(length / SAMPLE_MM))) + 1)
    phase = _seed_phase(key)
    taper = BAND_END_RATIO + (1 - BAND_END_RATIO) * np.sin(np.pi * s)
    along_mm = s * length
    half = width / 2 * taper + min(BAND_SWELL * width / 2, BAND_SWELL_MAX_MM) * np.sin(
        2 * np.pi * along_mm / BAND_SWELL_WAVELENGTH_MM + phase)
    # Zero at the ends, so the band keeps its anchors.
    wander = BAND_WANDER_MM * np.sin(np.pi * s) * np.sin(2 * np.pi * along_mm / BAND_WANDER_WAVELENGTH_MM + 2 * phase)
    centre = pa + np.outer(s, pb - pa) + np.outer(wander, normal)
    left = centre + np.outer(half, normal)
    right = centre - np.outer(half, normal)

    def cap(at: np.ndarray, radius: float, start: float) -> np.ndarray:
        steps = max(8, int(np.ceil(np.pi * radius / SAMPLE_MM)))
        angles = start + np.linspace(0, np.pi, steps + 1)[1:-1]
        return at + radius * np.column_stack([np.cos(angles), np.sin(angles)])

    heading = float(np.arctan2(along[1], along[0]))
    ring = np.vstack([right, cap(pb, half[-1], heading - np.pi / 2), left[::-1],
                      cap(pa, half[0], heading + np.pi / 2)])
    return shapely.make_valid(Polygon(ring))


def round_corners(geometry: BaseGeometry, radius: float = CORNER_RADIUS_MM) -> BaseGeometry:
    """Round the convex corners by ``radius``, keeping parts thinner than 2 x radius.

    An opening (shrink, then grow) rounds the corners but would erase a finger-thin part
    altogether, so whatever it removes in more than a corner-sized piece is put back.  Nothing
    is added outside the shape: growing into the gap between, say, the chest and the arm
    beside it would send a zone onto a limb the Manual never names.
    """
    if geometry.is_empty:
        return geometry
    opened = geometry.buffer(-radius, quad_segs=8).buffer(radius, quad_segs=8)
    lost = shapely.difference(geometry, opened)
    corner_sized = 2.5 * radius * radius
    kept = [p for p in getattr(lost, "geoms", [lost]) if isinstance(p, Polygon) and p.area > corner_sized]
    # A spot smaller than a corner that the opening erased altogether is a part, not a corner
    # (larger erased parts are among the pieces kept above).
    kept += [p for p in shapely.get_parts(geometry)
             if isinstance(p, Polygon) and p.area <= corner_sized and not p.intersects(opened)]
    if kept:
        opened = shapely.union_all([opened, *kept])
    opened = shapely.make_valid(opened)
    polys = [p for p in getattr(opened, "geoms", [opened]) if isinstance(p, Polygon) and not p.is_empty]
    return MultiPolygon(polys) if len(polys) > 1 else (polys[0] if polys else Polygon())
