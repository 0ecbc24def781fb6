"""shapely geometry -> QPainterPath (odd-even fill, so holes stay holes).

Zones, skin areas and painted pain have hundreds of vertices each, and every click, hover and
brush segment turns several of them into paths.  Creating one QPointF per vertex from Python
took milliseconds per shape, so the path is assembled in one go: numpy writes the elements
(move-to at each ring's start, line-to after) in QDataStream's documented QPainterPath
format and Qt reads them back.  If Qt ever refuses that data, the per-vertex way is used.
"""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QPointF, Qt
from PySide6.QtGui import QPainterPath, QPolygonF
from shapely.geometry.base import BaseGeometry

from app.domain.svg_geometry import polygons_of

_MOVE_TO, _LINE_TO = 0, 1  # QPainterPath::ElementType
_ELEMENT = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])  # QDataStream: big-endian, doubles


def _add_ring(path: QPainterPath, coords) -> None:
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in coords]))
    path.closeSubpath()


def painter_path_per_vertex(geometry: BaseGeometry) -> QPainterPath:
    """The plain way, one QPointF per vertex (the reference the fast way must equal)."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for poly in polygons_of(geometry):
        _add_ring(path, poly.exterior.coords)
        for ring in poly.interiors:
            _add_ring(path, ring.coords)
    return path


def to_painter_path(geometry: BaseGeometry) -> QPainterPath:
    rings = [ring for poly in polygons_of(geometry) for ring in (poly.exterior, *poly.interiors)]
    if not rings:
        return painter_path_per_vertex(geometry)
    coords, ring_of = shapely.get_coordinates(np.array(rings, dtype=object), return_index=True)
    elements = np.empty(len(coords), dtype=_ELEMENT)
    elements["type"] = _LINE_TO
    starts = np.flatnonzero(np.r_[True, ring_of[1:] != ring_of[:-1]])
    elements["type"][starts] = _MOVE_TO
    elements["x"], elements["y"] = coords[:, 0], coords[:, 1]
    # Rings are closed (last vertex = first), so closeSubpath() would add nothing: the elements
    # are exactly what addPolygon + closeSubpath make.  Then the last subpath's start and the fill rule.
    tail = np.array([starts[-1], Qt.FillRule.OddEvenFill.value], dtype=">i4")
    data = QByteArray(np.array([len(coords)], dtype=">i4").tobytes() + elements.tobytes() + tail.tobytes())
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    path = QPainterPath()
    stream >> path
    if stream.status() != QDataStream.Status.Ok or path.elementCount() != len(coords):
        return painter_path_per_vertex(geometry)
    return path
