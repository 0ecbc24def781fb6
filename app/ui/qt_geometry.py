"""shapely geometry -> QPainterPath (odd-even fill, so holes stay holes)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath, QPolygonF
from shapely.geometry.base import BaseGeometry

from app.domain.svg_geometry import polygons_of


def _add_ring(path: QPainterPath, coords) -> None:
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in coords]))
    path.closeSubpath()


def to_painter_path(geometry: BaseGeometry) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for poly in polygons_of(geometry):
        _add_ring(path, poly.exterior.coords)
        for ring in poly.interiors:
            _add_ring(path, ring.coords)
    return path
