"""The body's drawn surface, prepared once for measuring pain maps.

Every view's outline, the union of its left and right skin areas and the skin areas themselves
never change while the app runs; overlaying them again for every measurement was most of the
cost of the metrics (issue 10).  ``BodySurface`` builds them per view on first use and measures
one view of a pain map at a time, remembering the result for that view's marks: a ``PainMap``
edit shares the untouched views' mark tuples, so only the view just painted is measured again.

Overlays use ``overlay`` below, which keeps only polygon parts: an intersection of two areas
that touch along an edge or at a corner returns a GeometryCollection holding lines and points,
and feeding that to the next overlay raised "Overlay input is mixed-dimension" (issue 11).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from app.domain.model import SkinArea
from app.domain.pain_map import EMPTY, GRID_MM, PainMap, PainMark, polygonal

CACHE_SIZE = 8192  # trend areas kept: one per view of every visit of a long history (the report's trend)
MEASURES_KEPT = 32  # full measures (each holds its painted shape): the open visit's latest states, not history


def overlay(operation: Callable[..., BaseGeometry], a: BaseGeometry, b: BaseGeometry) -> BaseGeometry:
    """``operation(a, b)`` (intersection or difference) on the snapping grid, reduced to its polygon
    parts: the result never holds lines or points, so it can always go into the next overlay."""
    a, b = _areas_only(a), _areas_only(b)
    if a.is_empty:
        return EMPTY
    if b.is_empty:
        return EMPTY if operation is shapely.intersection else polygonal(a, 0.0)
    return polygonal(operation(a, b, grid_size=GRID_MM), 0.0)


def _areas_only(geometry: BaseGeometry) -> BaseGeometry:
    """A collection may mix lines and points with its polygons: keep the polygons."""
    return polygonal(geometry, 0.0) if geometry.geom_type == "GeometryCollection" else geometry


@dataclass(frozen=True)
class ViewMeasure:
    """One view of a pain map measured against the body: areas in mm² of the drawing."""

    view: str
    painted: BaseGeometry  # the painted shape inside the outline (polygons only)
    body_mm2: float
    left_mm2: float  # client's left, from the skin areas' sides
    right_mm2: float
    skin_overlaps: tuple[tuple[int, float], ...]  # (index into BodySurface.skin_areas, mm²)

    @property
    def painted_mm2(self) -> float:
        return float(self.painted.area)


@dataclass(frozen=True)
class _ViewParts:
    outline: BaseGeometry | None
    left: BaseGeometry
    right: BaseGeometry
    area_indexes: tuple[int, ...]
    tree: shapely.STRtree | None


class BodySurface:
    """Outlines and skin areas of the catalog's views, ready to measure pain maps against.

    Thread-safe: the client window measures off the UI thread while the report may measure
    on it.
    """

    def __init__(self, outlines: Mapping[str, BaseGeometry], skin_areas: Sequence[SkinArea]) -> None:
        self.outlines = dict(outlines)
        self.skin_areas = tuple(skin_areas)
        self._area_shapes = [polygonal(a.geometry, 0.0) for a in self.skin_areas]
        self._parts: dict[str, _ViewParts] = {}
        # (kind, view, id of the view's marks) -> (those marks, result); the marks are kept alive
        # so their id is not reused while the entry lives.
        self._measured: dict[str, OrderedDict[tuple[str, str, int], tuple[tuple[PainMark, ...], Any]]] = {
            "measure": OrderedDict(), "area": OrderedDict()}
        self._lock = threading.RLock()

    def views(self) -> list[str]:
        return list(self.outlines)

    def skin_area_mm2(self, index: int) -> float:
        return float(self._area_shapes[index].area)

    def body_mm2(self, view: str) -> float:
        outline = self._view_parts(view).outline
        return float(outline.area) if outline is not None else 0.0

    def _view_parts(self, view: str) -> _ViewParts:
        with self._lock:
            parts = self._parts.get(view)
            if parts is None:
                parts = self._parts[view] = self._build(view)
            return parts

    def _build(self, view: str) -> _ViewParts:
        raw = self.outlines.get(view)
        # On the overlay grid, like everything measured against it: painted ∩ outline then never
        # exceeds the outline's own area (a percentage over 100 by grid residue).
        outline = polygonal(shapely.set_precision(polygonal(raw, 0.0), GRID_MM), 0.0) if raw is not None else None
        indexes = tuple(i for i, a in enumerate(self.skin_areas) if a.view == view and not self._area_shapes[i].is_empty)
        sides = {}
        for side in ("left", "right"):
            shapes = [self._area_shapes[i] for i in indexes if self.skin_areas[i].side == side]
            union = polygonal(shapely.union_all(shapes, grid_size=GRID_MM), 0.0) if shapes else EMPTY
            shapely.prepare(union)
            sides[side] = union
        if outline is not None:
            shapely.prepare(outline)
        for i in indexes:
            shapely.prepare(self._area_shapes[i])
        tree = shapely.STRtree([self._area_shapes[i] for i in indexes]) if indexes else None
        return _ViewParts(outline, sides["left"], sides["right"], indexes, tree)

    def measure(self, pain: PainMap, view: str) -> ViewMeasure:
        """The view of ``pain`` measured (remembered for as long as its marks stay the same)."""
        marks = pain.marks(view)
        key = ("measure", view, id(marks))
        hit = self._recall(key, marks)
        if hit is not None:
            return hit
        return self._remember(key, marks, self._measure(view, pain.painted(view)))

    def _recall(self, key: tuple[str, str, int], marks: tuple[PainMark, ...]) -> Any:
        with self._lock:
            cache = self._measured[key[0]]
            hit = cache.get(key)
            if hit is None or hit[0] is not marks:
                return None
            cache.move_to_end(key)
            return hit[1]

    def _remember(self, key: tuple[str, str, int], marks: tuple[PainMark, ...], value: Any) -> Any:
        with self._lock:
            cache = self._measured[key[0]]
            cache[key] = (marks, value)
            while len(cache) > (MEASURES_KEPT if key[0] == "measure" else CACHE_SIZE):
                cache.popitem(last=False)
        return value

    def painted_mm2(self, pain: PainMap, view: str, remember: bool = True) -> float:
        """Painted area inside the outline only (the trend's figure: no skin-area overlays).
        ``remember=False``: the caller keeps the figure itself (the client window's trend cache),
        so these marks are not held here too, long after their client was closed."""
        marks = pain.marks(view)
        if not marks:
            return 0.0
        key = ("area", view, id(marks))
        hit = self._recall(key, marks)
        if hit is not None:
            return hit
        if not remember:
            return self._painted_mm2(view, pain)
        return self._remember(key, marks, self._painted_mm2(view, pain))

    def _painted_mm2(self, view: str, pain: PainMap) -> float:
        outline = self._view_parts(view).outline
        painted = polygonal(pain.painted(view), 0.0)
        if outline is None or shapely.covers(outline, painted):
            area = float(painted.area)  # marks painted in the window are clipped to the outline already
        else:
            area = float(overlay(shapely.intersection, painted, outline).area)
        return area

    def _measure(self, view: str, painted: BaseGeometry) -> ViewMeasure:
        parts = self._view_parts(view)
        painted = polygonal(painted, 0.0)
        if parts.outline is not None:
            painted = overlay(shapely.intersection, painted, parts.outline)
        body = float(parts.outline.area) if parts.outline is not None else 0.0
        if painted.is_empty:
            return ViewMeasure(view, EMPTY, body, 0.0, 0.0, ())
        left = overlay(shapely.intersection, painted, parts.left).area
        right = overlay(shapely.intersection, painted, parts.right).area
        overlaps: list[tuple[int, float]] = []
        if parts.tree is not None:
            for hit in parts.tree.query(painted, predicate="intersects"):
                index = parts.area_indexes[int(hit)]
                area = overlay(shapely.intersection, painted, self._area_shapes[index]).area
                if area > 0:
                    overlaps.append((index, float(area)))
        return ViewMeasure(view, painted, body, float(left), float(right), tuple(sorted(overlaps)))
