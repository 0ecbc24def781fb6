"""Numbered trigger point markers: the number of the TrP on the muscle's card, beside its cross,
at one screen size whatever the zoom."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

_OFFSET_PX = 9.0  # from the cross centre to the badge's near corner, clear of the cross's arms
_BADGE_HEIGHT_PX = 16.0
_CROSS_HALF_PX = 6.0  # a cross's arms as seen on the screen, kept clear of other TrPs' badges
# Where a badge may sit around its cross, in order of preference (screen px, y down): up-right first
# (the reading habit and the old fixed place), then the other corners, then the sides.
_PLACES = ((1, -1), (-1, -1), (1, 1), (-1, 1), (1, 0), (-1, 0), (0, -1), (0, 1))


class NumberBadge(QGraphicsItem):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self._font = QFont()
        self._font.setPixelSize(12)
        self._font.setBold(True)
        self.width = max(16.0, QFontMetricsF(self._font).horizontalAdvance(text) + 8.0)
        self._rect = badge_rect(_PLACES[0], self.width)

    def place(self, where: tuple[int, int]) -> None:
        """Put the badge on one side of its cross (one of ``_PLACES``), in screen pixels."""
        rect = badge_rect(where, self.width)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect

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


def badge_rect(where: tuple[int, int], width: float) -> QRectF:
    """The badge's rectangle relative to its cross centre (screen px) for one of ``_PLACES``."""
    dx, dy = where
    left = _OFFSET_PX if dx > 0 else -_OFFSET_PX - width if dx < 0 else -width / 2
    top = -_OFFSET_PX - _BADGE_HEIGHT_PX if dy < 0 else _OFFSET_PX if dy > 0 else -_BADGE_HEIGHT_PX / 2
    return QRectF(left, top, width, _BADGE_HEIGHT_PX)


def place_badges(anchors: list[tuple[float, float]], widths: list[float]) -> list[tuple[int, int]]:
    """A side of its cross for each badge (screen px anchors) so that no badge covers another badge or
    another TrP's cross where a free side exists; where none is free, the side covering least.

    Greedy, top to bottom: at fit zoom a muscle's TrPs sit a few pixels apart (trapezius: seven within
    ~40 px), and badges all up-right of their crosses hid one another.  Plain tuples, not QRectF: this
    runs on every click and zoom."""
    half = _CROSS_HALF_PX
    crosses = [(x - half, y - half, x + half, y + half) for x, y in anchors]
    placed: list[tuple[float, float, float, float]] = []
    chosen: list[tuple[int, int]] = [_PLACES[0]] * len(anchors)
    for i in sorted(range(len(anchors)), key=lambda k: (anchors[k][1], anchors[k][0])):
        x, y = anchors[i]
        others = placed + crosses[:i] + crosses[i + 1:]
        best, best_cover = _PLACES[0], None
        for where in _PLACES:
            r = badge_rect(where, widths[i])
            box = (x + r.left(), y + r.top(), x + r.right(), y + r.bottom())
            cover = sum(_overlap(box, other) for other in others)
            if best_cover is None or cover < best_cover:
                best, best_cover = where, cover
            if cover == 0:
                break  # the first free place, in order of preference
        chosen[i] = best
        r = badge_rect(best, widths[i])
        placed.append((x + r.left(), y + r.top(), x + r.right(), y + r.bottom()))
    return chosen


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """Area shared by two (left, top, right, bottom) boxes."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0
