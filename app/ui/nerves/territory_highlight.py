"""The root or nerve selected in the radicular panel, drawn on the map: its territory on the shown
view (bold outline, light fill, its name) and, for a root, the muscles it supplies on that side.

A group of its own on the map's scene, so neither window's redraw of pain or patterns removes it
and it never removes theirs; clicks pass through to the map."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsItemGroup, QGraphicsPathItem, QGraphicsSimpleTextItem

TERRITORY_COLOUR = QColor(120, 40, 200)  # violet: orange-red is the painted pain, blue the supplied muscles
SUPPLIED_COLOUR = QColor(40, 120, 220, 120)


class TerritoryHighlight(QGraphicsItemGroup):
    def __init__(self) -> None:
        super().__init__()
        self.setZValue(28)  # above the overlay layers (26, 27) and the pain, below TrP crosses (40)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setHandlesChildEvents(False)
        self.text = ""

    def clear(self) -> None:
        for child in self.childItems():
            self.removeFromGroup(child)
            if child.scene() is not None:
                child.scene().removeItem(child)
        self.text = ""

    def show_selection(self, text: str, territory: QPainterPath, muscles: QPainterPath) -> None:
        """Replace what is drawn: the territory (may be empty on this view) and the supplied muscles."""
        self.clear()
        self.text = text
        if not muscles.isEmpty():
            self._path(muscles, QPen(SUPPLIED_COLOUR.darker(150), 1.0), QBrush(SUPPLIED_COLOUR))
        if territory.isEmpty():
            return
        fill = QColor(TERRITORY_COLOUR)
        fill.setAlpha(70)
        self._path(territory, QPen(TERRITORY_COLOUR.darker(130), 3.0), QBrush(fill))
        label = QGraphicsSimpleTextItem(text)
        font = QFont()
        font.setBold(True)
        font.setPointSizeF(9.0)
        label.setFont(font)
        label.setBrush(QBrush(TERRITORY_COLOUR.darker(200)))
        label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        box = territory.boundingRect()
        label.setPos(box.right() + 2, box.top())
        self.addToGroup(label)

    def _path(self, path: QPainterPath, pen: QPen, brush: QBrush) -> None:
        pen.setCosmetic(True)
        item = QGraphicsPathItem(path)
        item.setPen(pen)
        item.setBrush(brush)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.addToGroup(item)
