"""Organic skin-area borders: smooth the label raster, then round the vector borders as one network.

Two steps keep the areas a tiling while their borders lose the pixel grid:

* :func:`smooth_labels` blurs each label's indicator with a Gaussian and gives every pixel the
  label with the largest blurred share (signed-distance-like smoothing per label, then argmax):
  staircases and one-pixel noise at rule boundaries go, corners round off.
* :func:`smooth_borders` cuts the vectorised coverage into its shared borders (lines between
  junctions), smooths each border with Chaikin corner cutting and then a Gaussian along its
  length while its end points (junctions and points on the body outline) stay put, and
  polygonizes the network again, so two neighbours always share exactly the same smoothed border
  and the outline is untouched.  Chaikin alone rounds corners but leaves the middle of each
  pixel step straight: a gently sloping border drawn on a 0.5 mm raster kept runs of exactly
  horizontal (or vertical) treads several millimetres long; the Gaussian turns that staircase
  into the slope it stands for.
"""

from __future__ import annotations

import numpy as np
import shapely
from scipy import ndimage
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

CHAIKIN_ROUNDS = 3
# Gaussian along a border (sigma, mm): several pixel steps wide, well under an area's size.
BORDER_SIGMA_MM = 2.0
_BORDER_STEP_MM = 0.25  # sampling of a border while it is smoothed
# Point spacing after smoothing: short enough that a curve stays a curve, long enough for small files.
RESAMPLE_MM = 1.6


def smooth_labels(labels: np.ndarray, inside: np.ndarray, sigma_px: float) -> np.ndarray:
    """Each pixel inside takes the label whose Gaussian-blurred indicator is largest there.

    A label the blur would erase entirely (a very small area) keeps its own pixels.
    """
    if sigma_px <= 0:
        return labels
    reach = int(np.ceil(4 * sigma_px))
    best = np.zeros(labels.shape, dtype=np.float32)
    out = np.zeros_like(labels)
    values = [int(v) for v in np.unique(labels[labels > 0])]
    boxes = ndimage.find_objects(labels)
    for value in values:
        box = boxes[value - 1]
        r0, r1 = max(box[0].start - reach, 0), min(box[0].stop + reach, labels.shape[0])
        c0, c1 = max(box[1].start - reach, 0), min(box[1].stop + reach, labels.shape[1])
        share = ndimage.gaussian_filter((labels[r0:r1, c0:c1] == value).astype(np.float32), sigma_px, mode="constant")
        share += (labels[r0:r1, c0:c1] == value) * 1e-4  # ties keep the pixel's own label
        window_best, window_out = best[r0:r1, c0:c1], out[r0:r1, c0:c1]
        better = share > window_best
        window_out[better] = value
        window_best[better] = share[better]
    out = np.where(inside, out, 0).astype(np.int32)
    for value in values:
        if not (out == value).any():
            out[(labels == value) & inside] = value
    return out


def smooth_over_pixels(rows: np.ndarray, cols: np.ndarray, values: np.ndarray, shape: tuple[int, int],
                       sigma_px: float) -> np.ndarray:
    """Per-pixel values averaged with their neighbours (Gaussian weights, only over the given
    pixels: the background does not pull the average), returned for the same pixels."""
    if len(rows) == 0 or sigma_px <= 0:
        return np.asarray(values, dtype=np.float64)
    total = np.zeros(shape, dtype=np.float64)
    weight = np.zeros(shape, dtype=np.float64)
    total[rows, cols] = values
    weight[rows, cols] = 1.0
    total = ndimage.gaussian_filter(total, sigma_px, mode="constant")
    weight = ndimage.gaussian_filter(weight, sigma_px, mode="constant")
    return total[rows, cols] / np.maximum(weight[rows, cols], 1e-9)


def _chaikin(coords: np.ndarray, rounds: int, closed: bool) -> np.ndarray:
    pts = coords
    for _ in range(rounds):
        if closed:
            nxt = np.roll(pts, -1, axis=0)
            q, r = 0.75 * pts + 0.25 * nxt, 0.25 * pts + 0.75 * nxt
            pts = np.column_stack([q, r]).reshape(-1, 2)
        else:
            a, b = pts[:-1], pts[1:]
            q, r = 0.75 * a + 0.25 * b, 0.25 * a + 0.75 * b
            inner = np.column_stack([q, r]).reshape(-1, 2)
            pts = np.vstack([pts[:1], inner[1:-1], pts[-1:]]) if len(inner) > 2 else pts
    return pts


def _resample(line: LineString, spacing: float) -> LineString:
    """Evenly spaced points along the line, end points kept."""
    n = max(int(np.ceil(line.length / spacing)), 1)
    if n < 2:
        return line
    pts = shapely.get_coordinates(shapely.line_interpolate_point(line, np.linspace(0.0, line.length, n + 1)))
    coords = np.asarray(line.coords)
    pts[0], pts[-1] = coords[0], coords[-1]  # exactly: neighbouring borders must meet at the junction
    return LineString(pts)


def resample_ring(ring: BaseGeometry, spacing: float) -> np.ndarray:
    """(n, 2) evenly spaced points of a closed ring, starting at its first point (not repeated)."""
    line = LineString(np.asarray(ring.coords))
    n = max(int(np.ceil(line.length / spacing)), 4)
    return np.asarray(shapely.get_coordinates(
        shapely.line_interpolate_point(line, np.linspace(0.0, line.length, n, endpoint=False))))


def _gaussian_along(line: LineString, sigma_mm: float, closed: bool) -> LineString:
    """The line sampled every _BORDER_STEP_MM and its points averaged with their neighbours along
    it (Gaussian weights).  An open line keeps its end points: what is smoothed is its offset from
    the chord between them, reflected oddly beyond each end so it stays zero there."""
    n = max(int(np.ceil(line.length / _BORDER_STEP_MM)), 2)
    if closed:
        at = np.linspace(0.0, line.length, n, endpoint=False)
        pts = shapely.get_coordinates(shapely.line_interpolate_point(line, at))
        out = ndimage.gaussian_filter1d(pts, sigma_mm / _BORDER_STEP_MM, axis=0, mode="wrap")
        return LineString(np.vstack([out, out[:1]]))
    pts = shapely.get_coordinates(shapely.line_interpolate_point(line, np.linspace(0.0, line.length, n + 1)))
    start, end = pts[0].copy(), pts[-1].copy()
    chord = start + np.linspace(0.0, 1.0, len(pts))[:, None] * (end - start)
    offset = pts - chord
    sigma = min(sigma_mm / _BORDER_STEP_MM, len(pts) / 4)
    pad = min(int(4 * sigma) + 1, len(pts) - 1)
    padded = np.vstack([-offset[1:pad + 1][::-1], offset, -offset[-pad - 1:-1][::-1]])
    out = chord + ndimage.gaussian_filter1d(padded, sigma, axis=0, mode="nearest")[pad:pad + len(pts)]
    out[0], out[-1] = start, end
    return LineString(out)


def smooth_line(line: LineString, rounds: int = CHAIKIN_ROUNDS, spacing: float = RESAMPLE_MM,
                sigma_mm: float = BORDER_SIGMA_MM) -> LineString:
    """Chaikin-smoothed, Gaussian-smoothed along its length and evenly resampled; an open line
    keeps its end points, a ring its closure."""
    coords = np.asarray(line.coords)
    if len(coords) > 3 and np.array_equal(coords[0], coords[-1]):
        pts = _chaikin(coords[:-1], rounds, closed=True)
        smooth = _gaussian_along(LineString(np.vstack([pts, pts[:1]])), sigma_mm, closed=True)
        ring = resample_ring(smooth, spacing)
        return LineString(np.vstack([ring, ring[:1]]))
    smooth = _gaussian_along(LineString(_chaikin(coords, rounds, closed=False)), sigma_mm, closed=False)
    return _resample(smooth, spacing)


def smooth_borders(areas: dict[int, BaseGeometry], outline: BaseGeometry, rounds: int = CHAIKIN_ROUNDS,
                   spacing: float = RESAMPLE_MM, on_outline_mm: float = 0.05) -> dict[int, BaseGeometry]:
    """The same tiling with every inner border smoothed; borders on the outline stay as they are."""
    keys = [k for k in areas if not areas[k].is_empty]
    if not keys:
        return areas
    network = shapely.line_merge(shapely.union_all([areas[k].boundary for k in keys]))
    edge = outline.boundary.buffer(on_outline_mm)
    lines: list[BaseGeometry] = []
    for part in shapely.get_parts(network):
        if not isinstance(part, LineString) or part.length == 0:
            continue
        # A piece of the outline stays as it is (and meets the inner borders at the very same points).
        lines.append(part if edge.covers(part) else smooth_line(part, rounds, spacing))
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.union_all(lines))))
    tree = shapely.STRtree([areas[k] for k in keys])
    pieces: dict[int, list[BaseGeometry]] = {k: [] for k in keys}
    for face in faces:
        point = face.representative_point()
        if not outline.contains(point):
            continue
        hits = tree.query(face, predicate="intersects")
        if len(hits) == 0:
            continue
        owner = max(hits.tolist(), key=lambda i: face.intersection(areas[keys[i]]).area)
        pieces[keys[owner]].append(face)
    out = {k: shapely.union_all(v) if v else Polygon() for k, v in pieces.items()}
    return {k: _polygon_parts(g) for k, g in out.items()}


def _polygon_parts(geom: BaseGeometry) -> BaseGeometry:
    parts = [g for g in shapely.get_parts(shapely.make_valid(geom)) if isinstance(g, Polygon) and g.area > 0]
    return shapely.union_all(parts) if parts else Polygon()



