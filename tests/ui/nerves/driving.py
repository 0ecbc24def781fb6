"""Drive the explorer's map as a person does: turn to a view through the View menu, click (or
Ctrl+click) inside a skin area, select a row of the radicular panel with the mouse."""

from __future__ import annotations

import shapely
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest


def area_spot(window, slug: str, side: str, view: str | None = None) -> tuple[str, shapely.Point]:
    """A view showing this skin area (the given one, else where it is largest) and a point inside it."""
    shapes = [a for a in window.service.lookup.skin_area_shapes(slug, side) if view is None or a.view == view]
    area = max(shapes, key=lambda a: a.geometry.area)
    return area.view, shapely.point_on_surface(area.geometry)


def click_area(window, slug: str, side: str, add: bool = False, view: str | None = None) -> shapely.Point:
    view, spot = area_spot(window, slug, side, view)
    if window.controller.view != view:
        window.menus.view_actions[view].trigger()
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    QTest.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton, modifier,
                     window.body_map.mapFromScene(QPointF(spot.x, spot.y)))
    return spot


def click_row(list_widget, row: int) -> None:
    rect = list_widget.visualItemRect(list_widget.item(row))
    QTest.mouseClick(list_widget.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
