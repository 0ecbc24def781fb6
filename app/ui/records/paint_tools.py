"""Painting tools for the body map: brush, polygon and eraser.

A tool turns mouse input (scene coordinates, mm) into shapes and hands them to its owner:
``on_shape(geometry, stroke_id, erase)``.  The brush and eraser report each drag segment as
it is drawn (so the pain map and the ranking grow live); all segments of one drag share a
stroke id, which the undo stack uses to merge them into one step.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

ShapeSink = Callable[[BaseGeometry, int, bool], None]
_stroke_ids = itertools.count(1)


class BrushTool:
    """Round brush; ``erase=True`` makes it the eraser."""

    def __init__(self, sink: ShapeSink, size_mm: Callable[[], float], erase: bool = False) -> None:
        self._sink = sink
        self._size = size_mm
        self.erase = erase
        self._last: QPointF | None = None
        self._stroke = 0

    def _emit(self, a: QPointF, b: QPointF | None) -> None:
        radius = max(0.5, self._size() / 2)
        shape = (Point(a.x(), a.y()) if b is None or a == b else LineString([(a.x(), a.y()), (b.x(), b.y())]))
        self._sink(shape.buffer(radius, quad_segs=6), self._stroke, self.erase)

    def press(self, pos: QPointF, _event=None) -> None:
        self._stroke = next(_stroke_ids)
        self._last = pos
        self._emit(pos, None)

    def move(self, pos: QPointF, _event=None) -> None:
        if self._last is None:
            return
        if (pos - self._last).manhattanLength() < max(1.0, self._size() / 4):
            return  # too little movement to be worth a new segment
        self._emit(self._last, pos)
        self._last = pos

    def release(self, pos: QPointF, _event=None) -> None:
        if self._last is not None and pos != self._last:
            self._emit(self._last, pos)
        self._last = None


class PolygonTool:
    """Click the corners; double-click, or click near the first corner, to close the shape."""

    CLOSE_DISTANCE_MM = 6.0

    def __init__(self, sink: ShapeSink, scene: Callable[[], QGraphicsScene]) -> None:
        self._sink = sink
        self._scene = scene
        self.points: list[QPointF] = []
        self._preview: QGraphicsPathItem | None = None

    def press(self, pos: QPointF, event=None) -> None:
        if self.points and (pos - self.points[0]).manhattanLength() <= self.CLOSE_DISTANCE_MM and len(self.points) >= 3:
            self.finish()
            return
        self.points.append(pos)
        if event is not None and event.type() == event.Type.MouseButtonDblClick:
            self.finish()
            return
        self._draw_preview()

    def move(self, pos: QPointF, _event=None) -> None:
        pass

    def release(self, pos: QPointF, _event=None) -> None:
        pass

    def finish(self) -> None:
        points = [(p.x(), p.y()) for p in self.points]
        self.cancel()
        if len(points) >= 3:
            # make_valid keeps every lobe of a self-crossing outline (a bow-tie is two triangles);
            # buffer(0) silently dropped the lobes wound the other way.
            polygon = shapely.make_valid(Polygon(points))
            if polygon.area > 0:
                self._sink(polygon, next(_stroke_ids), False)

    def cancel(self) -> None:
        self.points = []
        if self._preview is not None and self._preview.scene() is not None:
            self._preview.scene().removeItem(self._preview)
        self._preview = None

    def _draw_preview(self) -> None:
        path = QPainterPath(self.points[0])
        for p in self.points[1:]:
            path.lineTo(p)
        if self._preview is None:
            self._preview = QGraphicsPathItem()
            pen = QPen(QColor(30, 30, 30), 1.5, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            self._preview.setPen(pen)
            self._preview.setZValue(60)
            self._scene().addItem(self._preview)
        self._preview.setPath(path)
