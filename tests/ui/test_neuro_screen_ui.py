"""The neuro screen in the real client window: filled with mouse clicks and keystrokes, one
Ctrl+Z undoes one edit, an edit made just before closing is kept, and nothing untested is stored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.domain import neuro_screen as ns
from tests.support.client_window_driver import (  # noqa: F401 - fixtures
    answers, click, click_list_row, client_window, open_window, records_url,
)

LEFT = Qt.MouseButton.LeftButton


def _show_visit_tab(win, qtbot) -> None:
    bar = win.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == "Visit")
    QTest.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: win.tabs.currentWidget() is win.form)


def _choose(win, qtbot, name: str, text: str) -> None:
    """Open the item's drop-down with a click and click the wanted entry."""
    combo = win.form.neuro.choices[name]
    win.form.ensureWidgetVisible(combo)  # the person scrolls down to it
    QTest.mouseClick(combo, LEFT)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    rect = view.visualRect(view.model().index(combo.findText(text), 0))
    QTest.mouseMove(view.viewport(), rect.center())
    QTest.mouseClick(view.viewport(), LEFT, pos=rect.center(), delay=300)  # a click right as it opens is ignored
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentText() == text


def _type_into(win, qtbot, name: str, letter: str) -> None:
    """Open the drop-down, type the value's first letter and press Enter."""
    combo = win.form.neuro.choices[name]
    win.form.ensureWidgetVisible(combo)
    QTest.mouseClick(combo, LEFT)
    qtbot.waitUntil(combo.view().isVisible)
    QTest.keyClicks(combo.view(), letter)
    QTest.keyClick(combo.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not combo.view().isVisible())


def _fill(win, qtbot) -> None:
    _show_visit_tab(win, qtbot)
    _choose(win, qtbot, "light_touch.C6.left", "reduced")
    _choose(win, qtbot, "light_touch.C6.right", "normal")
    _type_into(win, qtbot, "pinprick.C6.left", "a")  # absent
    _choose(win, qtbot, "strength.C6.left", "4")
    _choose(win, qtbot, "reflex.brachioradialis.left", "reduced")
    _choose(win, qtbot, "provocation.spurling.left", "positive")
    spin = win.form.neuro.slr_angles["right"]
    win.form.ensureWidgetVisible(spin)
    QTest.mouseClick(spin, LEFT)
    QTest.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(spin, "70")
    QTest.keyClick(spin, Qt.Key.Key_Return)
    note = win.form.neuro.note
    win.form.ensureWidgetVisible(note)
    QTest.mouseClick(note.viewport(), LEFT)
    QTest.keyClicks(note, "Spurling brings on thumb tingling")


EXPECTED = {"light_touch.C6.left": "reduced", "light_touch.C6.right": "normal", "pinprick.C6.left": "absent",
            "strength.C6.left": 4, "reflex.brachioradialis.left": "reduced", "provocation.spurling.left": "positive",
            "slr_angle.right": 70, "note": "Spurling brings on thumb tingling"}


def test_the_checklist_is_filled_by_clicks_and_keys_and_only_that_is_recorded(client_window, qtbot) -> None:
    win = client_window
    _fill(win, qtbot)
    assert ns.tested(win.presenter.visit.neuro_screen) == EXPECTED
    assert "Findings fit C6 on the client's left" in win.form.neuro.summary.text()
    assert win.presenter.save_now()
    stored = win.presenter.records.visit(win.presenter.visit.id)
    assert ns.tested(stored.neuro_screen) == EXPECTED


def test_ctrl_z_undoes_one_edit_and_redo_puts_it_back(client_window, qtbot) -> None:
    win = client_window
    _fill(win, qtbot)
    _choose(win, qtbot, "reflex.patellar.right", "brisk")
    assert "RED FLAG" in win.form.neuro.summary.text()
    combo = win.form.neuro.choices["reflex.patellar.right"]
    QTest.keyClick(combo, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ns.tested(win.presenter.visit.neuro_screen) == EXPECTED  # only the last choice went
    assert combo.currentText() == "—" and "RED FLAG" not in win.form.neuro.summary.text()
    note = win.form.neuro.note
    QTest.keyClick(note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the typed note is one edit
    assert note.toPlainText() == "" and win.presenter.visit.neuro_screen["slr_angle.right"] == 70
    win.redo_action.trigger()
    assert note.toPlainText() == EXPECTED["note"]
    assert ns.tested(win.presenter.visit.neuro_screen) == EXPECTED


def test_an_edit_made_just_before_closing_is_kept(client_window, qtbot, mini_catalog: Path, records_url: str,
                                                  monkeypatch) -> None:
    win = client_window
    _fill(win, qtbot)
    _choose(win, qtbot, "reflex.achilles.left", "absent")
    win.close()  # straight away: no autosave has run since the last choice
    monkeypatch.setenv("TPX_ASSETS_DIR", str(mini_catalog.parent / "assets"))
    again = open_window(mini_catalog, records_url, qtbot)
    try:
        click_list_row(again.left.clients, 0)
        assert ns.tested(again.presenter.visit.neuro_screen) == {**EXPECTED, "reflex.achilles.left": "absent"}
        _show_visit_tab(again, qtbot)
        shown = again.form.neuro
        assert shown.choices["reflex.achilles.left"].currentText() == "absent"
        assert shown.choices["strength.C6.left"].currentText() == "4" and shown.slr_angles["right"].value() == 70
        assert shown.choices["strength.C6.right"].currentText() == "—"
    finally:
        again.close()
        again.presenter.records.close()
