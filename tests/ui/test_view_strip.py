"""The thumbnail strip's backgrounds: each view's chart, faded, rendered off the UI thread."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer


def _faded_shape_by_shape(svg: str, size) -> QImage:
    """The reference: the chart drawn straight onto white at 55 % opacity, shape by shape."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setOpacity(0.55)
    QSvgRenderer(svg).render(painter)
    painter.end()
    return image


def test_every_thumbnail_shows_its_view_faded(real_window) -> None:
    from app.paths import assets_dir

    strip = real_window.strip
    strip.wait_for_thumbnails()
    for view, button in strip.buttons.items():
        shown = button.icon().pixmap(button.iconSize()).toImage().convertToFormat(QImage.Format.Format_RGB32)
        reference = _faded_shape_by_shape(str(assets_dir() / f"{view}_superficial.svg"), shown.size())
        reference = reference.convertToFormat(QImage.Format.Format_RGB32)
        colours = {shown.pixel(x, y) for x in range(0, shown.width(), 2) for y in range(0, shown.height(), 2)}
        assert len(colours) > 20, view  # a chart, not a blank placeholder
        total = count = 0
        for y in range(0, shown.height(), 2):
            for x in range(0, shown.width(), 2):
                a, b = QColor(shown.pixel(x, y)), QColor(reference.pixel(x, y))
                total += abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())
                count += 3
        assert total / count < 4.0, view  # faded as one picture: overlaps a shade lighter, no more
