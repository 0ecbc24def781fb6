"""The map's atlas is drawn from pictures rendered on a worker: they must look like the SVG drawn
directly, fitted and zoomed, and be ready for every view before the person turns to it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from app.ui.atlas_item import AtlasItem, fitted_size
from app.ui.atlas_pictures import MAX_REGION_PIXELS, shared_pictures


def _pictures_rendered_ahead(qtbot) -> None:
    """The window renders its pictures once the catalog's warm-up is done, once its size rests."""
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()
    qtbot.wait(300)
    shared_pictures().wait_until_idle()


def _map_pixels(window) -> QImage:
    QApplication.processEvents()
    return window.body_map.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _svg_drawn_directly(window) -> QImage:
    """What the viewport shows when the atlas SVG is rendered straight into it (the old way)."""
    body_map = window.body_map
    base = body_map._base  # noqa: SLF001
    image = QImage(body_map.viewport().size(), QImage.Format.Format_RGB32)
    image.fill(body_map.viewport().palette().base().color())
    painter = QPainter(image)
    painter.setTransform(body_map.viewportTransform())
    painter.setOpacity(base.opacity())
    QSvgRenderer(base.path).render(painter, base.boundingRect())
    painter.end()
    return image


def _mean_difference(a: QImage, b: QImage) -> float:
    total = count = 0
    for y in range(0, a.height(), 3):
        for x in range(0, a.width(), 3):
            ca, cb = QColor(a.pixel(x, y)), QColor(b.pixel(x, y))
            total += abs(ca.red() - cb.red()) + abs(ca.green() - cb.green()) + abs(ca.blue() - cb.blue())
            count += 3
    return total / count


def _blits(window) -> bool:
    """The base picture at the map's current scale is cached (so painting it is a blit)."""
    body_map = window.body_map
    base = body_map._base  # noqa: SLF001
    on_screen = body_map.viewportTransform().mapRect(base.boundingRect())
    size = QSize(round(on_screen.width()), round(on_screen.height()))
    return any(k.path == base.path and k.size == (size.width(), size.height())
               for k in shared_pictures()._images)  # noqa: SLF001


def test_every_view_and_layer_is_rendered_ahead_at_its_fitted_size(real_window, qtbot) -> None:
    window = real_window
    pictures = shared_pictures()
    _pictures_rendered_ahead(qtbot)
    viewport = window.body_map.viewport().size()
    for view, spec in window.service.views.items():
        for layer in (*spec.layers, "skin"):
            size = fitted_size(viewport, spec.width, spec.height)
            svg = str(window.body_map._base.path).rsplit("/", 1)[0] + f"/{view}_{layer}.svg"  # noqa: SLF001
            assert pictures.find(svg, size, QRectF(0, 0, size.width(), size.height()).toRect()) is not None, svg
    # Turning to another view shows its picture at once: the fitted size is the one painted.
    window.show_view("right_lateral")
    assert _blits(window)


def test_the_blitted_picture_looks_like_the_svg_drawn_directly(real_window, qtbot) -> None:
    window = real_window
    window.show_view("posterior")
    _pictures_rendered_ahead(qtbot)
    assert _blits(window)
    assert _mean_difference(_map_pixels(window), _svg_drawn_directly(window)) < 2.0


def test_zoomed_in_only_a_bounded_region_is_rendered_and_it_matches(real_window, qtbot) -> None:
    window = real_window
    window.show_view("anterior")
    body_map = window.body_map
    for _ in range(14):  # ~13x: the whole body at this scale would be far past the pixel limit
        body_map.zoom(1.2)
    body_map.centerOn(QPointF(342, 300))
    _map_pixels(window)  # the first paint asks for the picture at this scale
    shared_pictures().wait_until_idle()
    assert _blits(window)
    regions = [k for k in shared_pictures()._images if k.path == body_map._base.path]  # noqa: SLF001
    largest = max(regions, key=lambda k: k.size[0])
    assert largest.size[0] * largest.size[1] > MAX_REGION_PIXELS
    assert largest.region[2] * largest.region[3] <= MAX_REGION_PIXELS
    assert _mean_difference(_map_pixels(window), _svg_drawn_directly(window)) < 2.0


def test_an_atlas_item_without_its_picture_draws_the_svg_itself(qtbot) -> None:
    """Before any worker has rendered it (a new scale, a new file), the SVG is drawn directly."""
    from app.paths import assets_dir
    from app.ui.atlas_pictures import AtlasPictures

    pictures = AtlasPictures()
    svg = assets_dir() / "plantar_superficial.svg"
    item = AtlasItem(svg, QRectF(0, 0, 368, 271), pictures)
    image = QImage(368, 271, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    item.paint(painter, None, None)
    painter.end()
    reference = QImage(368, 271, QImage.Format.Format_RGB32)
    reference.fill(QColor("white"))
    painter = QPainter(reference)
    QSvgRenderer(str(svg)).render(painter, QRectF(0, 0, 368, 271))
    painter.end()
    assert _mean_difference(image, reference) < 0.5
    pictures.wait_until_idle()
    assert len(pictures) == 1  # and it asked for its picture


def test_waiting_for_renders_stores_them_without_running_the_event_loop(qtbot) -> None:
    """What the window does before it first shows (app/ui/start_up.py): it must find the pictures
    stored when the wait returns, with no other event (paint, timer) run meanwhile."""
    from PySide6.QtCore import QRect, QTimer

    from app.paths import assets_dir
    from app.ui.atlas_pictures import AtlasPictures

    pictures = AtlasPictures(parent=QApplication.instance())
    fired = []
    QTimer.singleShot(0, lambda: fired.append(True))  # would fire if the wait ran the loop
    sizes = {"anterior": QSize(120, 300), "plantar": QSize(200, 150)}
    pictures.set_workers(2)
    for view, size in sizes.items():
        pictures.request(str(assets_dir() / f"{view}_superficial.svg"), size)
    assert pictures.wait_for_renders(30)
    for view, size in sizes.items():
        assert pictures.find(str(assets_dir() / f"{view}_superficial.svg"), size,
                             QRect(0, 0, size.width(), size.height())) is not None, view
    assert fired == []
    qtbot.wait(10)
    assert fired == [True]
