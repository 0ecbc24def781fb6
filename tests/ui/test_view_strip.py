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


def test_closing_a_strip_while_its_thumbnails_render_raises_nothing(qtbot, monkeypatch) -> None:
    """A window closed straight after opening: its thumbnails finish rendering on the pool after the
    strip is gone.  Emitting through an object the strip owned raised "Signal source has been
    deleted" on the pool thread (pytest-qt reports it as this test's failure)."""
    import threading

    import shiboken6
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from app.ui import view_strip
    from app.ui.view_strip import ViewStrip

    release = threading.Event()
    slow = view_strip._render_base

    def render_after_close(svg: str, width_px: int) -> QImage:
        release.wait(5)
        return slow(svg, width_px)

    monkeypatch.setattr(view_strip, "_render_base", render_after_close)
    strip = ViewStrip({"anterior": ("Front", 400.0, 1000.0), "posterior": ("Back", 400.0, 1000.0)})
    strip.show()
    assert strip._rendering == {"anterior", "posterior"}
    shiboken6.delete(strip)  # what closing its window does to it
    assert not shiboken6.isValid(strip)
    release.set()
    QThreadPool.globalInstance().waitForDone(5000)
    QApplication.processEvents()

    survivor = ViewStrip({"anterior": ("Front", 400.0, 1000.0)})
    qtbot.addWidget(survivor)
    survivor.show()
    survivor.wait_for_thumbnails()  # a later strip still gets its own pictures, not the dead one's
    assert set(survivor._bases) == {"anterior"}


def _red_pixels(button) -> int:
    image = button.icon().pixmap(button.iconSize()).toImage()
    return sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if (c := image.pixelColor(x, y)).red() - c.green() > 60 and c.red() - c.blue() > 60)


def test_the_thumbnails_follow_the_selection_a_frame_after_the_click(window, qtbot) -> None:
    """The thumbnails are drawn just after the click's frame: they must still end up showing the
    pattern selected, and lose it when the selection goes (no stale picture)."""
    from PySide6.QtCore import QPointF, Qt

    strip = window.strip
    strip.wait_for_thumbnails()
    anterior = strip.buttons["anterior"]
    assert _red_pixels(anterior) == 0
    spot = window.body_map.mapFromScene(QPointF(115, 425))  # supinator, client's right
    qtbot.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
    qtbot.waitUntil(lambda: _red_pixels(anterior) > 20, timeout=2000)
    window.pain_action.trigger()  # another mode: the selection and its pattern go
    qtbot.waitUntil(lambda: _red_pixels(anterior) == 0, timeout=2000)
    qtbot.wait(100)
    assert _red_pixels(anterior) == 0 and strip.views_with_pattern() == []
