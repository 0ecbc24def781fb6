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
    QGraphicsItem, QGraphicsItemGroup, QGraphicsPathItem, QGraphicsRectItem, QGraphicsSimpleTextItem,
)
from shapely.geometry.base import BaseGeometry

from app.ui.qt_geometry import to_painter_path

# Hues far apart for neighbours (consecutive roots get hues about 137 degrees apart).
_GOLDEN_ANGLE = 137.508


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

    def clear(self) -> None:
        for child in self.childItems():
            self.removeFromGroup(child)
            if child.scene() is not None:
                child.scene().removeItem(child)
        self.labels = {}

    def show_territories(self, shapes: list[tuple[str, str, BaseGeometry, QColor]]) -> None:
        """(id, label text, geometry in view mm, colour) for each territory on this view."""
        self.clear()
        for ident, text, geometry, colour in shapes:
            fill = QColor(colour)
            fill.setAlpha(46)
            pen = QPen(colour.darker(115), 1.6, Qt.PenStyle.DashLine if self.dashed else Qt.PenStyle.SolidLine)
            pen.setCosmetic(True)
            item = QGraphicsPathItem(to_painter_path(geometry))
            item.setPen(pen)
            item.setBrush(QBrush(fill))
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.addToGroup(item)
            self.labels[ident] = self._label(text, geometry, colour)

    def _label(self, text: str, geometry: BaseGeometry, colour: QColor) -> QGraphicsSimpleTextItem:
        parts = list(getattr(geometry, "geoms", [geometry]))
        anchor = shapely.point_on_surface(max(parts, key=lambda g: g.area))
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
