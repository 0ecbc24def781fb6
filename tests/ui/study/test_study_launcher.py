"""Tools → Study… in the explorer window opens (and re-opens) the study window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox


def test_tools_study_opens_the_study_window_once(window, qtbot) -> None:
    assert window.study_action in window.tools_menu.actions()
    assert window.study_action.shortcut().toString() == "Ctrl+Shift+S"
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    study = window.study_window
    assert study is not None and study.isVisible()
    qtbot.waitUntil(lambda: study.loaded, timeout=10000)
    assert study.deck_list.count() >= 1 and study.windowTitle().startswith("Study")
    study.close()
    window.study_action.trigger()
    assert window.study_window is study and study.isVisible()
    study.service.close()


def test_an_unusable_user_database_is_one_message_and_no_window(window, qtbot, monkeypatch, tmp_path) -> None:
    not_a_db = tmp_path / "records.db"
    not_a_db.write_text("this is somebody's notes, not a database")
    monkeypatch.setenv("TPX_DATABASE_URL", f"sqlite:///{not_a_db}")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
    window.study_action.trigger()
    assert window.study_window is None and len(shown) == 1 and "nothing was changed" in shown[0]
    assert not_a_db.read_text() == "this is somebody's notes, not a database"
