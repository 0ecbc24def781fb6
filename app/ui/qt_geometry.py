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


def to_painter_path(geometry: BaseGeometry, every: int = 1) -> QPainterPath:
    """The geometry as a path; ``every`` > 1 keeps only every n-th vertex of each ring (and its
    closing vertex), for drawing far smaller than life (thumbnails), where vertices ~1 mm apart
    are a tenth of a pixel apart and stroking them all costs milliseconds."""
    rings = [ring for poly in polygons_of(geometry) for ring in (poly.exterior, *poly.interiors)]
    if not rings:
        return painter_path_per_vertex(geometry)
    coords, ring_of = shapely.get_coordinates(np.array(rings, dtype=object), return_index=True)
    if every > 1:
        coords, ring_of = _every_nth_vertex(coords, ring_of, every)
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
        return painter_path_per_vertex(geometry) if every == 1 else to_painter_path(geometry)
    return path


def _every_nth_vertex(coords: np.ndarray, ring_of: np.ndarray, every: int) -> tuple[np.ndarray, np.ndarray]:
    """Every n-th vertex of each ring and its last (closing) one; short rings are kept whole so
    small shapes keep their form."""
    starts = np.flatnonzero(np.r_[True, ring_of[1:] != ring_of[:-1]])
    lengths = np.diff(np.r_[starts, len(coords)])
    first, length = np.repeat(starts, lengths), np.repeat(lengths, lengths)
    position = np.arange(len(coords)) - first
    keep = (position % every == 0) | (position == length - 1) | (length < 8 * every)
    return coords[keep], ring_of[keep]
