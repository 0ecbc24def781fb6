"""The explorer's start-up (app/ui/start_up.py): what a first click needs is made before the window
shows, so a person who clicks at once waits for nothing heavy: the view the click turns to is a
picture already rendered (no SVG drawn on the UI thread), the lookup index and the muscle records
are built, and the rest of the warm-up is not waited for.  Driven through the real window and a
real click on the map; nothing here is timed."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPointF, QRect, Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from app.services.catalog_service import CatalogService


@pytest.fixture()
def cold(qtbot, monkeypatch):
    """A window on a fresh service with its own picture cache (none rendered by earlier tests), the
    catalog's first-click part slowed down and the rest of its warm-up held until ``release``."""
    from app.ui import body_map, start_up, view_strip
    from app.ui.atlas_pictures import AtlasPictures
    from app.ui.main_window import MainWindow

    monkeypatch.setattr(start_up, "WAIT_BEFORE_SHOW_S", 30.0)  # however loaded the machine running the tests
    pictures = AtlasPictures(parent=QApplication.instance())
    monkeypatch.setattr(body_map, "shared_pictures", lambda: pictures)
    first_part, rest, release = CatalogService.warm_for_first_click, CatalogService.warm_up, threading.Event()

    def slow_first_part(self, layer=None):
        time.sleep(0.4)  # longer than the pictures take: the show must wait for it too
        first_part(self, layer)

    def held_rest(self, pause=None):
        release.wait(20)
        rest(self, pause)

    monkeypatch.setattr(CatalogService, "warm_for_first_click", slow_first_part)
    monkeypatch.setattr(CatalogService, "warm_up", held_rest)
    thumbnails_rendered: list[str] = []
    render_thumbnail = view_strip._render_base  # noqa: SLF001
    monkeypatch.setattr(view_strip, "_render_base", lambda svg, width: (thumbnails_rendered.append(svg),
                                                                          render_thumbnail(svg, width))[1])
    window = MainWindow(CatalogService.open())
    qtbot.addWidget(window)
    window.resize(1280, 900)
    window.show()  # and nothing else: a person clicks as soon as the window is there
    yield SimpleNamespace(window=window, release=release, thumbnails_rendered=thumbnails_rendered)
    release.set()
    QThreadPool.globalInstance().waitForDone(20000)
    QApplication.processEvents()


def _first_click_spot(window):
    """The largest muscle of the first view (the benchmark's first click): its pattern is best seen
    on another view, so the click turns the map."""
    service, controller = window.service, window.controller
    muscle = max((r for r in service.regions(controller.view, controller.layer) if r.kind == "muscle"),
                 key=lambda r: r.geometry.area)
    spot = muscle.geometry.representative_point()
    return muscle.ref, window.body_map.mapFromScene(QPointF(spot.x, spot.y))


def test_the_window_shows_with_the_lookup_index_and_muscles_built(cold) -> None:
    service, controller = cold.window.service, cold.window.controller
    assert type(service)._muscles.is_built(service)  # noqa: SLF001
    assert type(service).lookup.is_built(service)
    for view in service.views:  # every view's grid of the shown layer: a click may turn the view
        grid = service.lookup._regions[(view, controller.layer)]._labels_source  # noqa: SLF001
        assert grid is not None and not callable(grid[1]), view


def test_the_first_click_draws_no_svg_and_waits_for_no_warm_up(cold, qtbot) -> None:
    from app.ui.atlas_item import fitted_size

    window = cold.window
    muscle, pixel = _first_click_spot(window)
    first_view = window.controller.view
    qtbot.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixel)
    window.body_map.viewport().repaint()
    controller, body_map, service = window.controller, window.body_map, window.service
    assert controller.muscle_id == muscle and controller.view != first_view  # answered, and turned
    assert service.muscle(muscle).name in window.info.toPlainText()
    # The turned-to view is a picture rendered before the window showed: no SVG was drawn.
    spec = service.views[controller.view]
    size = fitted_size(body_map.viewport().size(), spec.width, spec.height)
    assert body_map.pictures.find(body_map._base.path, size, QRect(0, 0, size.width(), size.height()))  # noqa: SLF001
    assert body_map._base._renderer is None  # noqa: SLF001
    assert not type(service)._zones_by_trp.is_built(service)  # noqa: SLF001 - the rest of the warm-up is held


def test_the_thumbnails_are_scaled_from_the_maps_pictures(cold) -> None:
    strip = cold.window.strip
    assert set(strip._bases) == set(strip.views)  # noqa: SLF001 - every background there at show
    # None rendered from its SVG again (a render is either still going or done, whichever).
    assert not strip._rendering and cold.thumbnails_rendered == []  # noqa: SLF001


def test_the_input_gate_watches_until_the_warm_up_is_done(cold, qtbot) -> None:
    gate = cold.window.controller.input_gate
    assert gate._watched  # noqa: SLF001
    cold.release.set()
    qtbot.waitUntil(lambda: not gate._watched, timeout=20000)  # noqa: SLF001 - no filter left on the app


def test_a_first_click_part_that_never_ends_does_not_keep_the_window_hidden(qtbot, monkeypatch) -> None:
    """A broken or very slow catalog read: the window shows anyway once the wait's time is out."""
    from app.ui import start_up
    from app.ui.main_window import MainWindow

    release = threading.Event()
    first_part = CatalogService.warm_for_first_click

    def stuck(self, layer=None):
        release.wait(20)
        first_part(self, layer)

    monkeypatch.setattr(CatalogService, "warm_for_first_click", stuck)
    monkeypatch.setattr(start_up, "WAIT_BEFORE_SHOW_S", 0.2)
    window = MainWindow(CatalogService.open())
    qtbot.addWidget(window)
    try:
        window.show()
        assert window.isVisible()
        assert not window.controller.start_up.first_click_ready.is_set()  # shown without it
    finally:
        release.set()
        QThreadPool.globalInstance().waitForDone(20000)
        QApplication.processEvents()
