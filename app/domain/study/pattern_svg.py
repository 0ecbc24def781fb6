"""A referral pattern as a small self-contained SVG picture (Anki cards, exam reports):
the body outline of one view, the essential zone solid red, the spillover stippled, the
trigger points as crosses — cropped around the pattern with enough body left to recognise
where it is."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

CONTEXT_MM = 160.0  # body shown around the pattern, so landmarks stay in the picture
MIN_SIDE_MM = 380.0


def _rings(geometry: BaseGeometry) -> Iterable[Polygon]:
    if isinstance(geometry, Polygon):
        yield geometry
    elif hasattr(geometry, "geoms"):
        for part in geometry.geoms:
            yield from _rings(part)


def path_data(geometry: BaseGeometry | None) -> str:
    """SVG path data (even-odd holes) of the polygons in ``geometry``."""
    if geometry is None or geometry.is_empty:
        return ""
    parts = []
    for polygon in _rings(geometry):
        for ring in (polygon.exterior, *polygon.interiors):
            coords = list(ring.coords)
            parts.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + " Z")
    return " ".join(parts)


def crop_box(shapes: Iterable[BaseGeometry], markers: Iterable[tuple[float, float]],
             width: float, height: float) -> tuple[float, float, float, float]:
    """(x, y, w, h): the pattern's bounds plus context, at least MIN_SIDE_MM, inside the view."""
    xs: list[float] = []
    ys: list[float] = []
    for shape in shapes:
        if shape is not None and not shape.is_empty:
            minx, miny, maxx, maxy = shape.bounds
            xs += [minx, maxx]
            ys += [miny, maxy]
    for x, y in markers:
        xs.append(x)
        ys.append(y)
    if not xs:
        return 0.0, 0.0, width, height
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    w = min(width, max(MIN_SIDE_MM, max(xs) - min(xs) + 2 * CONTEXT_MM))
    h = min(height, max(MIN_SIDE_MM, max(ys) - min(ys) + 2 * CONTEXT_MM))
    x0 = min(max(0.0, cx - w / 2), width - w)
    y0 = min(max(0.0, cy - h / 2), height - h)
    return x0, y0, w, h


def pattern_svg(outline: BaseGeometry, width: float, height: float, essential: BaseGeometry,
                spillover: BaseGeometry, markers: Iterable[tuple[float, float]], title: str = "",
                pixels: int = 420) -> str:
    marks = list(markers)
    x0, y0, w, h = crop_box([essential, spillover], marks, width, height)
    scale = pixels / max(w, h)
    crosses = "".join(
        f'<path d="M{x - 9:.1f},{y - 9:.1f} L{x + 9:.1f},{y + 9:.1f} M{x - 9:.1f},{y + 9:.1f} L{x + 9:.1f},{y - 9:.1f}" '
        f'stroke="white" stroke-width="7" fill="none"/><path d="M{x - 9:.1f},{y - 9:.1f} L{x + 9:.1f},{y + 9:.1f} '
        f'M{x - 9:.1f},{y + 9:.1f} L{x + 9:.1f},{y - 9:.1f}" stroke="black" stroke-width="3.5" fill="none"/>' for x, y in marks)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w * scale:.0f}" height="{h * scale:.0f}" '
        f'viewBox="{x0:.1f} {y0:.1f} {w:.1f} {h:.1f}">'
        f"<title>{escape(title)}</title>"
        '<defs><pattern id="stipple" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<circle cx="1.5" cy="1.5" r="1.3" fill="#c8141e"/><circle cx="4.5" cy="4.5" r="1.3" fill="#c8141e"/>'
        "</pattern></defs>"
        f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{w:.1f}" height="{h:.1f}" fill="white"/>'
        f'<path d="{path_data(outline)}" fill="#f1e4da" stroke="#6b5b50" stroke-width="1.6" fill-rule="evenodd"/>'
        f'<path d="{path_data(spillover)}" fill="url(#stipple)" stroke="#c8141e" stroke-width="1" fill-rule="evenodd"/>'
        f'<path d="{path_data(essential)}" fill="#c8141e" fill-opacity="0.85" fill-rule="evenodd"/>'
        f"{crosses}</svg>"
    )
