"""The information panel lays a card out only when it can be seen (app/ui/card_browser.py): a card
published while another tab is in front must be the one shown when the panel comes back, and a
page set directly afterwards must not be overwritten by it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt


def _click_map(qtbot, window, x: float, y: float) -> None:
    spot = window.body_map.mapFromScene(QPointF(x, y))
    qtbot.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)


def _click_tab(qtbot, window, widget) -> None:
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     bar.tabRect(window.tabs.indexOf(widget)).center())


def _plain(window) -> str:
    return super(type(window.info), window.info).toPlainText()  # what the widget holds, not flushing


def test_a_candidate_selected_behind_another_tab_shows_its_card_when_the_tab_is_clicked(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)  # Where does it hurt?
    _click_map(qtbot, window, 170, 450)  # lateral epicondyle, client's right
    assert window.tabs.currentWidget() is window.candidates
    before = _plain(window)
    lst = window.candidates.list
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     lst.visualItemRect(lst.item(0)).center())
    assert window.controller.muscle_id == "supinator"
    assert _plain(window) == before  # not laid out behind the candidates
    _click_tab(qtbot, window, window.info)
    assert "Supinator" in _plain(window)


def test_a_page_set_directly_supersedes_a_card_waiting_to_be_shown(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    _click_map(qtbot, window, 170, 450)
    lst = window.candidates.list
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     lst.visualItemRect(lst.item(0)).center())
    window.info.setHtml("<p>Root C6</p>")  # what the nerve layers do (app/ui/nerves/layers.py)
    _click_tab(qtbot, window, window.info)
    assert _plain(window) == "Root C6"
    assert window.info.toPlainText() == "Root C6"
