"""The explorer window driven as a person drives it: shortcuts typed, buttons and list rows
clicked with the mouse, links clicked in the card, the wheel turned over the map; modal dialogs
answered through monkeypatched QMessageBox / QFileDialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QPushButton, QToolBar, QToolButton


def _at(window, x: float, y: float) -> QPoint:
    return window.body_map.mapFromScene(QPointF(x, y))


def _toolbar_button(window, action) -> QToolButton:
    return window.findChild(QToolBar, "map_toolbar").widgetForAction(action)


def _click_row(qtbot, list_widget, row: int) -> None:
    rect = list_widget.visualItemRect(list_widget.item(row))
    qtbot.mouseClick(list_widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_ctrl_h_then_a_click_on_the_right_temple_ranks_upper_trapezius_first(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.pain_action.isChecked() and window.tabs.currentWidget() is window.candidates
    # Anterior view: the client's right temple is on the viewer's left (x < 200).
    qtbot.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton, pos=_at(window, 150, 100))
    labels = window.candidates.labels()
    assert labels[0].startswith("1. Upper trapezius TrP1 — Trapezius, client's right  [ESSENTIAL")
    assert window.candidates.heading.text().startswith("Pain at: Temple, client's right")


def test_selecting_a_candidate_draws_its_essential_zone_on_its_side(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton, pos=_at(window, 150, 100))
    assert window.body_map.essential_path().isEmpty()
    _click_row(qtbot, window.candidates.list, 0)
    assert window.controller.trp_id == "trapezius_trp1"
    view = window.controller.view
    drawn = window.body_map.essential_path().boundingRect()
    zones = [z.geometry for z in window.service.zones_for(["trapezius_trp1"])
             if z.kind == "essential" and z.view == view and z.side == "right"]
    import shapely

    x0, y0, x1, y1 = shapely.union_all(zones).bounds
    assert (drawn.left(), drawn.top(), drawn.right(), drawn.bottom()) == pytest.approx((x0, y0, x1, y1), abs=0.01)


def test_hover_names_the_muscle_and_click_opens_its_card(window, qtbot) -> None:
    viewport = window.body_map.viewport()
    qtbot.mouseMove(viewport, _at(window, 250, 700))
    qtbot.mouseMove(viewport, _at(window, 150, 175))
    qtbot.waitUntil(lambda: "Trapezius (upper), right" in window.hover_label.text())
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=_at(window, 150, 175))
    text = window.info.toPlainText()
    assert "Trapezius" in text and "① Upper trapezius TrP1" in text and "Test nerve" in text
    assert window.controller.muscle_id == "trapezius"


def test_views_and_layers_by_keyboard_thumbnail_and_box(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.view == "posterior" and window.view_combo.currentData() == "posterior"
    assert window.menus.view_actions["posterior"].isChecked() and window.strip.buttons["posterior"].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert window.controller.layer == "deep" and window.layer_combo.currentData() == "deep"
    assert window.menus.layer_actions["deep"].isChecked()
    assert all(a.isEnabled() for a in window.menus.layer_actions.values())
    qtbot.mouseClick(window.strip.buttons["anterior"], Qt.MouseButton.LeftButton)
    assert window.controller.view == "anterior" and window.controller.layer == "deep"
    window.layer_combo.setFocus()
    qtbot.keyClick(window.layer_combo, Qt.Key.Key_Up)
    assert window.controller.layer == "superficial"
    assert [window.layer_combo.itemData(i) for i in range(window.layer_combo.count())] == ["superficial", "deep"]


def test_ctrl_f_then_typing_and_enter_opens_the_result(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search.edit
    qtbot.keyClicks(QApplication.focusWidget(), "supinatr")
    assert window.search.results.isVisible() and window.search.results.count() >= 1
    qtbot.keyClick(window.search.edit, Qt.Key.Key_Return)
    assert window.controller.muscle_id == "supinator"
    assert "Supinator" in window.info.toPlainText()


def test_condition_chosen_with_the_mouse_and_a_muscle_link_clicked_in_its_page(window, qtbot) -> None:
    qtbot.mouseClick(window.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=window.tabs.tabBar().tabRect(window.tabs.indexOf(window.conditions)).center())
    _click_row(qtbot, window.conditions.list, 0)
    text = window.info.toPlainText()
    assert "Tension-type headache" in text and "Red flags" in text
    cursor = window.info.document().find("Trapezius")
    window.info.setTextCursor(cursor)
    rect = window.info.cursorRect(cursor)
    qtbot.mouseClick(window.info.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() - QPoint(8, 0))
    assert window.controller.muscle_id == "trapezius"
    assert "① Upper trapezius TrP1" in window.info.toPlainText()


def test_zoom_by_shortcut_and_wheel_keeps_the_point_under_the_pointer_and_fit_follows_resizes(window, qtbot):
    body = window.body_map
    fitted = body.transform().m11()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert body.transform().m11() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert body.transform().m11() == pytest.approx(fitted)
    # The wheel over the client's right hand (near the edge of the body): the hand stays put.
    hand = _at(window, 110, 430)
    for _ in range(3):
        event = QWheelEvent(QPointF(hand), QPointF(body.viewport().mapToGlobal(hand)), QPoint(0, 0), QPoint(0, 120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(body.viewport(), event)
    assert body.transform().m11() == pytest.approx(fitted * 1.2 ** 3)
    under = body.mapToScene(hand)
    assert abs(under.x() - 110) < 1.0 and abs(under.y() - 430) < 1.0
    # Arrow keys pan the map once it has the focus.
    body.setFocus()
    before = body.mapToScene(body.viewport().rect().center())
    qtbot.keyClick(body, Qt.Key.Key_Right)
    after = body.mapToScene(body.viewport().rect().center())
    assert after.x() > before.x() and after.y() == pytest.approx(before.y())
    # Fit, then a resize keeps the whole body in the window.
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    window.resize(900, 650)
    qtbot.waitUntil(lambda: body.transform().m11() < fitted * 0.95)
    visible = body.mapToScene(body.viewport().rect()).boundingRect()
    assert visible.contains(body._scene_rect.adjusted(1, 1, -1, -1))


def test_help_about_is_found_among_the_windows_after_its_action(window, qtbot) -> None:
    from app.ui.about import AboutDialog

    qtbot.mouseClick(_toolbar_button(window, window.menus.about_action), Qt.MouseButton.LeftButton)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, AboutDialog) and w.isVisible()]
    assert len(dialogs) == 1
    text = dialogs[0].text.toPlainText()
    assert "Trigger Point Manual" in text and "CC BY-SA 4.0" in text and "does not diagnose" in text
    dialogs[0].close()


def test_help_lists_every_shortcut_and_opens_the_user_guide(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    shortcuts = window.menus.dialogs[-1]
    text = shortcuts.text.toPlainText()
    for name, keys in (("Clients & pain maps…", "Ctrl+K"), ("Where does it hurt?", "Ctrl+H"), ("Quit", "Ctrl+Q"),
                       ("Zoom in", "Ctrl++"), ("Export review sheet…", "Ctrl+Shift+R")):
        assert name in text and keys in text
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.menus.dialogs[-1]
    assert guide is not shortcuts and "Where does it hurt?" in guide.text.toPlainText()
    assert "client's right is on your left" in guide.text.toPlainText()


def test_quiz_tab_click_wrong_then_right_answer_and_next_button(window, qtbot) -> None:
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(window.tabs.indexOf(window.quiz_panel)).center())
    question = window.question
    assert question is not None and window.tabs.currentWidget() is window.quiz_panel
    assert not window.body_map.essential_path().isEmpty() and window.controller.muscle_id is None
    buttons = {b.property("muscle_id"): b for b in window.quiz_panel.buttons if b.isVisible()}
    wrong = next(m for m in buttons if m != question.answer)
    qtbot.mouseClick(buttons[wrong], Qt.MouseButton.LeftButton)
    assert window.quiz_panel.feedback.text().startswith("Not quite.")
    assert window.quiz_panel.score.text() == "0 of 1 correct"
    assert not any(b.isEnabled() for b in buttons.values())
    qtbot.mouseClick(window.quiz_panel.next_button, Qt.MouseButton.LeftButton)
    visible = [b for b in window.quiz_panel.buttons if b.isVisible()]
    assert window.quiz_panel.feedback.text() == "" and visible and all(b.isEnabled() for b in visible)
    buttons = {b.property("muscle_id"): b for b in window.quiz_panel.buttons if b.isVisible()}
    qtbot.mouseClick(buttons[window.question.answer], Qt.MouseButton.LeftButton)
    assert window.quiz_panel.feedback.text().startswith("Correct!")
    assert window.quiz_panel.score.text() == "1 of 2 correct"


@pytest.mark.parametrize("how", ["button", "menu", "shortcut"])
def test_the_client_screen_opens_by_button_menu_and_shortcut_once_and_writable(window, qtbot, how) -> None:
    def open_it() -> None:
        if how == "button":
            qtbot.mouseClick(_toolbar_button(window, window.menus.clients_action), Qt.MouseButton.LeftButton)
        elif how == "menu":
            window.menus.tools_menu.menuAction().trigger()
            window.menus.clients_action.trigger()
        else:
            qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)

    open_it()
    first = window.client_window
    assert first is not None and first.isVisible() and not first.presenter.records.read_only
    first.close()
    window.activateWindow()
    open_it()
    assert window.client_window is first and first.isVisible()


def test_a_corrupt_records_database_is_reported_through_the_button_and_not_overwritten(
        window, qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    bad = tmp_path / "records.db"
    bad.write_bytes(b"definitely not sqlite" * 50)
    monkeypatch.setenv("TPX_DATABASE_URL", f"sqlite:///{bad}")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    qtbot.mouseClick(_toolbar_button(window, window.menus.clients_action), Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert len(shown) == 2 and all("cannot be opened" in s for s in shown)
    assert window.client_window is None
    assert bad.read_bytes().startswith(b"definitely not sqlite")


def test_review_sheet_export_shows_progress_and_can_be_cancelled(window, qtbot, tmp_path, monkeypatch) -> None:
    import threading

    from PySide6.QtWidgets import QFileDialog

    import app.ui.chart_export as chart_export

    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"last week's sheet")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    first_page, go_on = threading.Event(), threading.Event()
    paint = chart_export.paint_chart

    def slow_paint(*args, **kwargs):  # the first page waits until the test has pressed Cancel
        first_page.set()
        go_on.wait(10)
        return paint(*args, **kwargs)

    monkeypatch.setattr(chart_export, "paint_chart", slow_paint)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    run = window.menus.progress
    assert run is not None and run.dialog.isVisible()
    assert first_page.wait(10)
    button = next(b for b in run.dialog.findChildren(QPushButton) if b.text() == "Cancel")
    with qtbot.waitSignal(run.sig_finished, timeout=20_000) as finished:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        go_on.set()
    assert finished.args[0] is False
    assert out.read_bytes() == b"last week's sheet" and sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]
    assert "stopped" in window.statusBar().currentMessage()
    # Again, to the end: the file is replaced by the two-page sheet.
    monkeypatch.setattr(chart_export, "paint_chart", paint)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.menus.progress is not None
    qtbot.waitUntil(lambda: window.menus.progress is None, timeout=30_000)
    assert window.statusBar().currentMessage() == f"Wrote {out}: 2 pages"
    from pypdf import PdfReader

    assert len(PdfReader(out).pages) == 2


def test_theme_by_shortcut_is_applied_and_remembered(window, qtbot) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QGuiApplication

    from app.ui.theme import applied_theme, saved_theme

    try:
        qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert applied_theme() == "dark"
        qtbot.waitUntil(lambda: window.info.palette().base().color().lightness() < 80)
        assert window.menus.theme_actions["dark"].isChecked() and saved_theme() == "dark"
        assert QSettings().value("appearance/theme") == "dark"
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert applied_theme() == "light" and saved_theme() == "light"
    finally:
        window.menus.theme_actions["system"].trigger()
    assert saved_theme() == "system" and QGuiApplication.styleHints().colorScheme() != Qt.ColorScheme.Dark


@pytest.mark.parametrize("content, says", [(b"{not json", "not JSON"),
                                           (b'{"format": "tpx-records", "version": 99}', "unsupported tpx-records"),
                                           (b"\xff\xfe", "not UTF-8")])
def test_a_bad_records_file_imports_nothing_and_says_why_in_one_line(window, qtbot, tmp_path, monkeypatch,
                                                                     content, says) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert len(shown) == 1 and shown[0].startswith("Nothing was imported: ") and says in shown[0]
    assert "\n" not in shown[0]
    assert window.records.clients() == []


def _click_link(qtbot, browser, text: str, after: str = "") -> None:
    """Click the middle of a link's text (the first after ``after``) in the information panel."""
    cursor = browser.document().find(text, browser.document().find(after) if after else 0)
    assert not cursor.isNull(), f"no {text!r} on the page"
    start, end = QTextCursor(cursor), QTextCursor(cursor)
    start.setPosition(cursor.selectionStart())
    end.setPosition(cursor.selectionEnd())
    left, right = browser.cursorRect(start), browser.cursorRect(end)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint((left.center().x() + right.center().x()) // 2, left.center().y()))


def test_a_technique_opens_from_the_card_and_the_back_link_restores_the_selected_trigger_point(window, qtbot):
    """The card lists techniques by name (their descriptions were the same on every card); one click
    opens a technique's page, its back link returns to the card with the same TrP selected."""
    window.controller.show_muscle("trapezius")
    _click_link(qtbot, window.info, "Upper trapezius TrP1")
    assert window.controller.trp_id == "trapezius_trp1"
    card = window.info.toPlainText()
    assert "Sustained pressure." not in card, "the card names the technique, its page describes it"
    _click_link(qtbot, window.info, "Ischemic compression", after="Techniques")
    page = window.info.toPlainText()
    assert "Sustained pressure." in page and "Back to Trapezius" in page
    assert window.controller.trp_id == "trapezius_trp1" and window.body_map.pattern_item_count() > 0
    _click_link(qtbot, window.info, "Back to Trapezius")
    assert window.info.toPlainText() == card
