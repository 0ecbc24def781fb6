"""The map's small legend: what the marks mean (✕ TrP, solid essential, stippled spillover), or
which colour is which muscle when a condition is drawn."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

_ROW_PX = 18
_SWATCH_PX = 14


class MapLegend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.rows: list[tuple[str, str, QColor | None]] = []  # (kind, text, colour)

    def show_pattern_keys(self) -> None:
        self._show_rows([("cross", "trigger point (number as on the card)", None),
                         ("essential", "essential zone", None), ("spillover", "spillover zone", None)])

    def show_named_keys(self, named: list[tuple[str, QColor]]) -> None:
        self._show_rows([("colour", name, color) for name, color in named])

    def _show_rows(self, rows: list[tuple[str, str, QColor | None]]) -> None:
        # Every click on a muscle shows the same three keys: a legend already showing them is left
        # alone (measuring the texts, raising and repainting it, and the map under it, cost ~0.5 ms).
        if rows == self.rows and self.isVisible():
            return
        self.rows = rows
        self._resize_and_show()

    def rehearse(self) -> None:
        """Show and draw the pattern keys off the screen, once, leaving the legend as it was: its
        polish, font and glyphs are made before the window shows rather than on the first muscle
        click (~3 ms)."""
        was_visible, rows = self.isVisible(), self.rows
        self.show_pattern_keys()
        self.render(QImage(self.size(), QImage.Format.Format_ARGB32_Premultiplied))
        self.rows = rows
        self.setVisible(was_visible)
        if was_visible:
            self._resize_and_show()

    def texts(self) -> list[str]:
        return [text for _kind, text, _color in self.rows] if self.isVisible() else []

    def _resize_and_show(self) -> None:
        width = max((self.fontMetrics().horizontalAdvance(text) for _k, text, _c in self.rows), default=0)
        size = QSize(width + _SWATCH_PX + 22, len(self.rows) * _ROW_PX + 8)
        if size != self.size():
            self.resize(size)
        if self.isVisible() != bool(self.rows):
            self.setVisible(bool(self.rows))
        self.raise_()
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        from app.ui.body_map import ESSENTIAL_COLOR, SPILLOVER_COLOR, cross_path, spillover_brush

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = self.palette().base().color()
        base.setAlpha(225)
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.setBrush(base)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        for i, (kind, text, color) in enumerate(self.rows):
            top = 4 + i * _ROW_PX
            swatch = QRectF(6, top + 2, _SWATCH_PX, _SWATCH_PX)
            if kind == "cross":
                painter.setPen(QPen(self.palette().text().color(), 2.0))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(cross_path(swatch.center().x(), swatch.center().y(), 5))
            else:
                brush = {"essential": QBrush(ESSENTIAL_COLOR), "spillover": spillover_brush()}.get(
                    kind, QBrush(color or QColor("gray")))
                painter.setPen(QPen(SPILLOVER_COLOR if kind != "colour" else (color or QColor("gray")).darker(140), 1))
                painter.setBrush(brush)
                painter.drawRect(swatch)
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(swatch.right() + 6, top, self.width() - swatch.right() - 8, _ROW_PX),
                             Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()
