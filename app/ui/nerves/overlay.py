"""One overlay layer of territories (dermatomes or cutaneous nerves) on the body map's scene.

A QGraphicsItemGroup of translucent fills with a solid outline and a label per territory; labels
ignore the zoom so they stay readable, and the whole group sits above the muscles and the pain
but lets clicks through to the map.
"""

from __future__ import annotations

import shapely
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem, QGraphicsItem, QGraphicsItemGroup, QGraphicsPathItem, QGraphicsRectItem,
    QGraphicsSimpleTextItem,
)
from shapely.geometry.base import BaseGeometry

from app.ui.qt_geometry import to_painter_path

# Hues far apart for neighbours (consecutive roots get hues about 137 degrees apart).
_GOLDEN_ANGLE = 137.508
_LABEL_CLEARANCE_MM = 16.0  # a territory's label keeps this far from its key-point marker


def territory_colour(index: int) -> QColor:
    return QColor.fromHsvF((index * _GOLDEN_ANGLE % 360) / 360.0, 0.75, 0.8)


class TerritoryOverlay(QGraphicsItemGroup):
    """Territories of one kind on one view: ``show_territories`` replaces what is drawn."""

    def __init__(self, dashed: bool, z: float) -> None:
        super().__init__()
        self.dashed = dashed
        self.setZValue(z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setHandlesChildEvents(False)
        self.labels: dict[str, QGraphicsSimpleTextItem] = {}
        self.markers: dict[str, QGraphicsEllipseItem] = {}

    def clear(self) -> None:
        for child in self.childItems():
            self.removeFromGroup(child)
            if child.scene() is not None:
                child.scene().removeItem(child)
        self.labels = {}
        self.markers = {}

    def show_territories(self, shapes: list[tuple[str, str, BaseGeometry, QColor]],
                         avoid: dict[str, list[tuple[float, float]]] | None = None,
                         keep_clear: BaseGeometry | None = None) -> None:
        """(id, label text, geometry in view mm, colour) for each territory on this view; a label is
        placed clear of the points ``avoid`` lists for its id (the key sensory point's marker) and of
        ``keep_clear`` (the midline strip), where the territory leaves room."""
        self.clear()
        for ident, text, geometry, colour in shapes:
            fill = QColor(colour)
            fill.setAlpha(46)
            path = to_painter_path(geometry)
            # A light halo under the outline: red roots and nerves vanished over the red muscles (Xvfb).
            halo = QGraphicsPathItem(path)
            halo_pen = QPen(QColor(255, 255, 255, 170), 3.4)
            halo_pen.setCosmetic(True)
            halo.setPen(halo_pen)
            halo.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.addToGroup(halo)
            pen = QPen(colour.darker(115), 1.6, Qt.PenStyle.DashLine if self.dashed else Qt.PenStyle.SolidLine)
            pen.setCosmetic(True)
            item = QGraphicsPathItem(path)
            item.setPen(pen)
            item.setBrush(QBrush(fill))
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.addToGroup(item)
            self.labels[ident] = self._label(text, geometry, colour, (avoid or {}).get(ident, []), keep_clear)

    def show_markers(self, points: list[tuple[str, str, float, float, QColor]]) -> None:
        """(id, label text, x, y, colour): small labelled dots (the ISNCSCI key sensory points) drawn
        over the territories at one screen size whatever the zoom."""
        font = QFont()
        font.setPointSizeF(6.5)
        for ident, text, x, y, colour in points:
            dot = QGraphicsEllipseItem(-3.5, -3.5, 7, 7)
            dot.setBrush(QBrush(colour.darker(160)))
            dot.setPen(QPen(QColor(255, 255, 255), 1.2))
            dot.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
            dot.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            dot.setToolTip(f"{text} key sensory point (ISNCSCI)")
            label = QGraphicsSimpleTextItem(text, dot)
            label.setFont(font)
            label.setBrush(QBrush(colour.darker(220)))
            label.setPos(4, -11)
            self.addToGroup(dot)
            dot.setPos(x, y)
            dot.setZValue(2)
            self.markers[ident] = dot

    def _label(self, text: str, geometry: BaseGeometry, colour: QColor, avoid: list[tuple[float, float]],
               keep_clear: BaseGeometry | None) -> QGraphicsSimpleTextItem:
        parts = list(getattr(geometry, "geoms", [geometry]))
        room = max(parts, key=lambda g: g.area)
        # Seen under Xvfb: key-point dots landed on the trunk bands' labels ("T●6"), and the two sides'
        # labels of midline territories (supraclavicular, genitofemoral) overlapped.
        for clear_of in (shapely.MultiPoint(avoid).buffer(_LABEL_CLEARANCE_MM) if avoid else None, keep_clear):
            if clear_of is not None:
                rest = room.difference(clear_of)
                if not rest.is_empty and rest.area > 0:
                    room = max(getattr(rest, "geoms", [rest]), key=lambda g: g.area)
        anchor = shapely.point_on_surface(room)
        # A small light plate behind dark text: legible over muscles, pain and other territories alike.
        plate = QGraphicsRectItem()
        plate.setBrush(QBrush(QColor(255, 255, 255, 215)))
        plate.setPen(QPen(colour.darker(130), 0))
        plate.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        plate.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        label = QGraphicsSimpleTextItem(text, plate)
        font = QFont()
        font.setBold(True)
        font.setPointSizeF(7.5)
        label.setFont(font)
        label.setBrush(QBrush(colour.darker(220)))
        rect = label.boundingRect()
        label.setPos(-rect.width() / 2, -rect.height() / 2)
        plate.setRect(rect.adjusted(-2, 0, 2, 0).translated(-rect.width() / 2, -rect.height() / 2))
        self.addToGroup(plate)
        plate.setPos(anchor.x, anchor.y)
        return label
