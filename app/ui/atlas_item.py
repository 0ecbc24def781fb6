"""The map's picture of one atlas SVG: painted as a pre-rendered image at the map's scale.

The item asks the shared ``AtlasPictures`` for an image of its SVG at exactly the size it has on
screen and blits it 1:1.  When there is none yet (a new window size, a new zoom), it asks a
worker for one and meanwhile draws a picture of the same SVG at another scale, stretched, or,
with none at all, the SVG itself, as ``QGraphicsSvgItem`` did.  Zoomed in, only the part around
the viewport is rendered, so memory does not grow with the zoom.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QRectF, QSize
from PySide6.QtGui import QPainter, QTransform
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from app.ui.atlas_pictures import MAX_REGION_PIXELS, AtlasPictures

_FIT_MARGIN_PX = 2  # QGraphicsView.fitInView keeps this margin inside the viewport


def fitted_size(viewport: QSize, width: float, height: float) -> QSize:
    """The on-screen size of a width x height picture that ``fitInView`` fits into this viewport
    (keeping its aspect ratio): the size to pre-render it at."""
    room_w, room_h = viewport.width() - 2 * _FIT_MARGIN_PX, viewport.height() - 2 * _FIT_MARGIN_PX
    if room_w <= 0 or room_h <= 0 or width <= 0 or height <= 0:
        return QSize()
    ratio = min(room_w / width, room_h / height)
    return QSize(round(width * ratio), round(height * ratio))


class AtlasItem(QGraphicsItem):
    def __init__(self, svg_file: Path, rect: QRectF, pictures: AtlasPictures) -> None:
        """rect: where the SVG's view box lies in the scene (the view's mm)."""
        super().__init__()
        self.path = str(svg_file)
        self._rect = QRectF(rect)
        self._pictures = pictures
        self._renderer: QSvgRenderer | None = None  # only if it must ever draw the SVG itself

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        on_screen = painter.worldTransform().mapRect(self._rect)
        size = QSize(round(on_screen.width()), round(on_screen.height()))
        if size.isEmpty():
            return
        origin = QPointF(round(on_screen.x()), round(on_screen.y()))
        whole = QRect(0, 0, size.width(), size.height())
        shown = whole if widget is None else whole.intersected(
            widget.rect().translated(-int(origin.x()), -int(origin.y())))
        if shown.isEmpty():
            return
        found = self._pictures.find(self.path, size, shown)
        if found is not None:
            image, region = found
            painter.save()
            painter.setWorldTransform(QTransform())  # 1:1 in device pixels: a plain blit
            painter.drawImage(origin + QPointF(region.topLeft()), image)
            painter.restore()
            return
        self._pictures.request(self.path, size, _region_to_render(whole, shown))
        stand_in = self._pictures.any_of(self.path)
        if stand_in is not None:  # another scale of the same picture, stretched, until this one is made
            image, _key = stand_in
            painter.drawImage(self._rect, image)
            return
        if self._renderer is None:
            self._renderer = QSvgRenderer(self.path)
        self._renderer.render(painter, self._rect)


def _region_to_render(whole: QRect, shown: QRect) -> QRect:
    """All of the picture when it is small enough (fitted, or zoomed a little), else what is shown
    and a margin around it, so a pan stays within it for a while."""
    if whole.width() * whole.height() <= MAX_REGION_PIXELS:
        return whole
    margin_x, margin_y = shown.width() // 2, shown.height() // 2
    region = shown.adjusted(-margin_x, -margin_y, margin_x, margin_y).intersected(whole)
    if region.width() * region.height() > MAX_REGION_PIXELS:
        return shown
    return region
