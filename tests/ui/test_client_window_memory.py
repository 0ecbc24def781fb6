"""What the client window builds before it is needed: counted objects, nothing timed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.ui.records.neuro_screen_panel import ChoiceBox
from tests.support.client_window_driver import (  # noqa: F401 - fixtures
    answers, client_window, records_url,
)


def test_the_neuro_screen_is_built_when_the_visit_tab_is_first_shown(client_window, qtbot) -> None:
    """~150 drop-downs (~6.5 MB of widgets): painting and reading the candidates does not make them."""
    win = client_window
    assert win.tabs.currentWidget() is win.candidates
    assert win.findChildren(ChoiceBox) == []
    bar = win.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == "Visit")
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: win.tabs.currentWidget() is win.form)
    boxes = win.findChildren(ChoiceBox)
    assert len(boxes) > 100 and set(boxes) == set(win.form.neuro.choices.values())
    qtbot.waitUntil(win.form.neuro.isVisible)
