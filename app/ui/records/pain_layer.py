"""Drawing a pain map on the body map, coloured by intensity, with its legend."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene, QWidget

from app.domain.pain_map import PainMap, PainMark
from app.ui.qt_geometry import to_painter_path

# 0 (noted, no pain) pale blue; 1..10 from yellow through orange to deep red.
INTENSITY_COLORS = [
    "#9ecae1", "#fff3b0", "#ffe08a", "#ffc966", "#ffae42", "#ff8c2a",
    "#f76b1c", "#e8491d", "#d12a1f", "#a8141c", "#6e0a12",
]


def intensity_color(intensity: int, alpha: int = 200) -> QColor:
    color = QColor(INTENSITY_COLORS[max(0, min(10, intensity))])
    color.setAlpha(alpha)
    return color


class PainLayer:
    """The painted marks of one view as scene items above the atlas.

    ``show`` is called after every brush segment.  A segment changes one or two marks (the one it
    merges into, and any it cuts); a ``PainMap`` edit shares every other mark object, so their
    items are kept as they are: only the changed marks are turned into paths, and the scene
    repaints only where items came and went instead of under every mark of the view.
    """

    Z = 25

    def __init__(self, scene: QGraphicsScene) -> None:
        self._scene = scene
        self._marks: dict[int, tuple[PainMark, QGraphicsPathItem]] = {}  # id(mark) -> (mark, its item)
        self._overlays: list[QGraphicsPathItem] = []  # the change since the last visit

    def show(self, pain: PainMap, view: str) -> None:
        self._clear_overlays()
        old, self._marks = self._marks, {}
        for mark in pain.marks(view):
            kept = old.pop(id(mark), None)
            if kept is not None and kept[0] is mark:
                self._marks[id(mark)] = kept
                continue
            if kept is not None:  # another mark that happens to reuse a freed object's id
                self._remove(kept[1])
            self._marks[id(mark)] = (mark, self._add(mark))
        for _mark, item in old.values():
            self._remove(item)

    def _add(self, mark: PainMark) -> QGraphicsPathItem:
        item = QGraphicsPathItem(to_painter_path(mark.geometry))
        item.setBrush(QBrush(intensity_color(mark.intensity)))
        pen = QPen(intensity_color(mark.intensity, 255).darker(140), 0.8)
        pen.setCosmetic(True)
        item.setPen(pen)
        item.setZValue(self.Z)
        item.setToolTip(f"{mark.quality}, intensity {mark.intensity}/10")
        self._scene.addItem(item)
        return item

    def _remove(self, item: QGraphicsPathItem) -> None:
        if item.scene() is not None:
            self._scene.removeItem(item)

    def show_change(self, gained, lost) -> None:
        """Overlay of two visits: pain that is new (red, hatched) and pain that has gone (blue)."""
        for geometry, color, style in ((gained, QColor(200, 0, 0), Qt.BrushStyle.BDiagPattern),
                                       (lost, QColor(0, 90, 200), Qt.BrushStyle.FDiagPattern)):
            if geometry is None or geometry.is_empty:
                continue
            item = QGraphicsPathItem(to_painter_path(geometry))
            item.setBrush(QBrush(color, style))
            pen = QPen(color, 1.6, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            item.setPen(pen)
            item.setZValue(self.Z + 1)
            self._scene.addItem(item)
            self._overlays.append(item)

    def _clear_overlays(self) -> None:
        for item in self._overlays:
            self._remove(item)
        self._overlays = []

    def clear(self) -> None:
        self._clear_overlays()
        for _mark, item in self._marks.values():
            self._remove(item)
        self._marks = {}

    def count(self) -> int:
        return len(self._marks) + len(self._overlays)


class IntensityLegend(QWidget):
    """0–10 colour scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(34)
        self.setMinimumWidth(240)  # toolbars squeeze widgets to their minimum; keep 11 readable swatches
        self.setToolTip("Pain intensity 0–10")

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, 34)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        width = self.width() / 11
        for i in range(11):
            rect = QRectF(i * width, 0, width, 18)
            painter.fillRect(rect, intensity_color(i, 255))
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(i * width, 18, width, 16), Qt.AlignmentFlag.AlignCenter, str(i))
        painter.end()
