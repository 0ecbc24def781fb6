"""Polygons <-> SVG path data, in the restricted form the atlas uses.

Path data holds only absolute ``M x y L x y ... Z`` subpaths with one-decimal coordinates (or as many as the writer asks):
each polygon's exterior ring followed by its holes, read back with the even-odd rule.
"""

from __future__ import annotations

import re
from functools import reduce

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

_TOKEN = re.compile(r"[MLZmlz]|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _ring_d(coords: list[tuple[float, float]], decimals: int = 1) -> str:
    pts = coords[:-1] if len(coords) > 1 and coords[0] == coords[-1] else coords
    head, *rest = pts
    parts = [f"M{head[0]:.{decimals}f} {head[1]:.{decimals}f}"]
    parts.extend(f"L{x:.{decimals}f} {y:.{decimals}f}" for x, y in rest)
    return "".join(parts) + "Z"


def polygons_of(geometry: BaseGeometry) -> list[Polygon]:
    """The polygon parts of a geometry (points and lines in a collection are dropped)."""
    if geometry.is_empty:
        return []
    if isinstance(geometry, Polygon):
        return [geometry]
    if isinstance(geometry, MultiPolygon):
        return list(geometry.geoms)
    return [p for g in getattr(geometry, "geoms", []) for p in polygons_of(g)]  # collections may nest


def geometry_to_path_d(geometry: BaseGeometry, decimals: int = 1) -> str:
    """Path data for a (Multi)Polygon; empty geometry gives an empty string.

    ``decimals``: the atlas's skin areas and outline keep two, so that a gently sloping border
    does not round into exactly horizontal little steps."""
    rings = []
    for poly in polygons_of(geometry):
        rings.append(_ring_d(list(poly.exterior.coords), decimals))
        rings.extend(_ring_d(list(r.coords), decimals) for r in poly.interiors)
    return "".join(rings)


def path_d_to_geometry(d: str) -> BaseGeometry:
    """Inverse of :func:`geometry_to_path_d` (absolute M/L/Z, even-odd fill)."""
    rings: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    numbers: list[float] = []
    for token in _TOKEN.findall(d):
        if token in "MLml":
            numbers = []
            if token in "Mm" and current:
                rings.append(current)
                current = []
        elif token in "Zz":
            if current:
                rings.append(current)
            current = []
        else:
            numbers.append(float(token))
            if len(numbers) == 2:
                current.append((numbers[0], numbers[1]))
                numbers = []
    if current:
        rings.append(current)
    polys = [shapely.make_valid(Polygon(r)) for r in rings if len(r) >= 3]
    if not polys:
        return Polygon()
    # make_valid may leave stray lines or points beside the area; an area is only its polygons.
    parts = polygons_of(shapely.make_valid(reduce(shapely.symmetric_difference, polys)))
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)
