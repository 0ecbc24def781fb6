"""Numbered trigger point markers: the number of the TrP on the muscle's card, beside its cross,
at one screen size whatever the zoom."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

_OFFSET_PX = 9.0  # up and right of the cross centre, clear of the cross's arms at fit zoom


class NumberBadge(QGraphicsItem):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self._font = QFont()
        self._font.setPixelSize(12)
        self._font.setBold(True)
        width = max(16.0, QFontMetricsF(self._font).horizontalAdvance(text) + 8.0)
        self._rect = QRectF(_OFFSET_PX, -_OFFSET_PX - 16.0, width, 16.0)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(10, 10, 10), 1.5))
        painter.setBrush(QBrush(QColor(255, 255, 255, 235)))
        painter.drawRoundedRect(self._rect, 8, 8)
        painter.setFont(self._font)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)


def numbered_markers(points: list[tuple[float, float, int]], merge_mm: float = 8.0) -> list[tuple[float, float, str]]:
    """(x, y, TrP number) -> one marker per place: TrPs closer than ``merge_mm`` share a cross
    labelled with all their numbers ("1,2"), instead of crosses stacked on each other."""
    groups: list[list[tuple[float, float, int]]] = []
    for point in sorted(points, key=lambda p: p[2]):
        for group in groups:
            gx, gy, _ = group[0]
            if (gx - point[0]) ** 2 + (gy - point[1]) ** 2 <= merge_mm ** 2:
                group.append(point)
                break
        else:
            groups.append([point])
    return [(g[0][0], g[0][1], ",".join(str(n) for n in sorted({p[2] for p in g}))) for g in groups]
