"""Switching views, layers and modes again and again leaves nothing behind: the same number of
scene items, atlas pictures, pixmaps and Qt objects after many switches as after the first
round, and the pre-rendered pictures stay within their byte budget whatever the window size.
(Each switch used to keep its parsed SVG renderers alive, about 1 MB a switch.)
Counts only; nothing here is timed."""

from __future__ import annotations

import gc

import pytest
import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from app.ui.atlas_item import AtlasItem
from app.ui.atlas_pictures import shared_pictures


def _live(kind: type) -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, kind) and shiboken6.isValid(o))


def _census(window, body_map) -> dict[str, int]:
    from PySide6.QtCore import QThreadPool

    from PySide6.QtTest import QTest

    QThreadPool.globalInstance().waitForDone()  # the warm-up, after which the pictures are asked for
    QTest.qWait(250)  # (once the map's size has rested)
    shared_pictures().wait_until_idle()
    QApplication.processEvents()
    items = body_map.scene().items()
    # An atlas item parses its SVG only if it must paint before its picture is rendered, and
    # frees it with itself: how many exist at one moment depends on timing, never more than the
    # items shown (base and skin overlay).
    assert _live(QSvgRenderer) <= 2 * _live(AtlasItem)
    return {
        "scene items": len(items),
        "atlas items in the scene": sum(isinstance(i, AtlasItem) for i in items),
        "renderers under the map": len(body_map.findChildren(QSvgRenderer)),
        "live atlas items": _live(AtlasItem),
        "pictures": len(shared_pictures()),
        "live pixmaps": _live(QPixmap),
        "qt objects in the window": len(window.findChildren(QObject)),
    }


def _explorer_round(window) -> None:
    """Every view and layer, in both modes, through the toolbar's own widgets and actions."""
    for action in (window.explore_action, window.pain_action):
        action.trigger()
        for index in range(window.view_combo.count()):
            window.view_combo.setCurrentIndex(index)
            for layer in range(window.layer_combo.count()):
                window.layer_combo.setCurrentIndex(layer)
                QApplication.processEvents()
    window.explore_action.trigger()


@pytest.fixture()
def explorer(qtbot):
    from app.services.catalog_service import CatalogService
    from app.ui.main_window import MainWindow

    window = MainWindow(CatalogService.open())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_view_switches_in_the_explorer_leave_no_objects_behind(explorer) -> None:
    _explorer_round(explorer)
    first = _census(explorer, explorer.body_map)
    for _ in range(2):
        _explorer_round(explorer)
    assert _census(explorer, explorer.body_map) == first
    # The map shows one picture: its base SVG (the skin overlay only in Where does it hurt?).
    assert first["atlas items in the scene"] == 1
    assert first["renderers under the map"] == 0


def test_pictures_stay_within_their_budget_when_the_window_is_resized(explorer, qtbot) -> None:
    """Every size of the window makes a new set of fitted pictures; old ones are dropped, least
    recently used first, so the bytes held never pass the budget and stop growing."""
    pictures = shared_pictures()
    budget = pictures.budget_bytes
    held = []
    for width in range(1000, 1640, 40):
        explorer.resize(width, 700 + (width - 1000) // 4)
        qtbot.wait(200)  # the map asks for new pictures once its size rests
        pictures.wait_until_idle()
        explorer.controller.set_view(explorer.controller.view)
        held.append(pictures.cached_bytes)
    assert max(held) <= budget
    assert held[-1] > 0.6 * budget  # the budget was really reached: eviction is what kept it


def test_a_muscle_pattern_redrawn_on_every_view_does_not_pile_up(explorer, qtbot) -> None:
    controller = explorer.controller
    _explorer_round(explorer)
    controller.show_muscle("infraspinatus")
    first = _census(explorer, explorer.body_map)
    assert explorer.body_map.pattern_item_count() >= 2
    for _ in range(2):
        _explorer_round(explorer)
        controller.show_muscle("infraspinatus")
    assert _census(explorer, explorer.body_map) == first


def test_view_switches_in_the_client_window_leave_no_objects_behind(explorer, tmp_path) -> None:
    from app.services.records_service import RecordsService
    from app.ui.records.client_window import ClientWindow

    records = RecordsService.open(f"sqlite:///{tmp_path / 'records.db'}")
    window = ClientWindow(records, explorer.service, explorer)
    window.show()
    try:
        def client_round() -> None:
            for index in range(window.view_combo.count()):
                window.view_combo.setCurrentIndex(index)
                for layer in range(window.layer_combo.count()):
                    window.layer_combo.setCurrentIndex(layer)
                    QApplication.processEvents()

        client_round()
        first = _census(window, window.map)
        for _ in range(2):
            client_round()
        assert _census(window, window.map) == first
    finally:
        window.close()
        records.close()
