"""The shipped catalog in the real window: clicking the client's right temple lists upper
trapezius TrP1 among the first candidates (Trigger Point Manual, Vol. 1, Trapezius)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt


def test_clicking_the_right_temple_lists_upper_trapezius_first(qtbot) -> None:
    from app.services.catalog_service import CatalogService
    from app.ui.main_window import MainWindow

    service = CatalogService.open()
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.resize(1200, 850)
    window.show()
    qtbot.waitExposed(window)
    window.pain_action.trigger()
    temple = next(a for a in service.skin_areas if (a.view, a.slug, a.side) == ("anterior", "temple", "right"))
    spot = temple.geometry.representative_point()
    # The anterior view shows the client's right on the viewer's left.
    assert spot.x < service.views["anterior"].width / 2
    qtbot.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.body_map.mapFromScene(QPointF(spot.x, spot.y)))
    assert "Temple, client's right" in window.candidates.heading.text()
    top = window.candidates.labels()[:3]
    assert any("Upper trapezius TrP1" in label for label in top), top
    window.candidates.list.setCurrentRow(0)
    assert window.body_map.pattern_item_count() >= 2
