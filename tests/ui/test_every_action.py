"""Every command of the main window, of the client window and of the dialogs they open, driven
through its real signal: every button clicked with the mouse, every QAction triggered, every
shortcut typed on the keyboard.  pytest-qt fails a test on any exception raised in a slot.

Actions and buttons are found by enumeration (``findChildren``), so a command added later --
in the menus, a toolbar, the client window or a new dialog -- is covered without editing this
file.  Modal dialogs are answered as a user would (file names in a temporary folder, "Yes" to
the erase question, a name for the new client); the client database is a temporary one.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QThreadPool, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget,
)

LAST_WORDS = ("erase", "delete", "remove", "quit", "close")  # destructive or closing commands run last


def _order(text: str) -> int:
    words = text.replace("&", "").lower()
    if words.startswith("new"):
        return 0  # make something to act on first, as a user would
    return 2 if any(w in words for w in LAST_WORDS) else 1


@pytest.fixture()
def answered(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, list]:
    """Modal dialogs answered like a user; what they showed is recorded."""
    from app.services.records_service import RecordsService
    from tests.storage.records_samples import fill_visit, sample_client

    source = RecordsService.open(f"sqlite:///{tmp_path / 'source.db'}")
    client = source.save_client(sample_client("Zoë Ünïcode 李"))
    visit = source.new_visit(client.id, date(2026, 1, 10))
    source.save_visit(fill_visit(visit))
    import_file = tmp_path / "to-import.json"
    import_file.write_text(json.dumps(source.export_records()), encoding="utf-8")
    source.close()
    seen: dict[str, list] = {"saved_as": [], "messages": [], "printed": []}
    out = tmp_path / "out"
    out.mkdir()

    def save_name(_parent, _caption, name="", _filter="", *_a, **_k):
        target = out / Path(name or "export.pdf").name
        seen["saved_as"].append(target)
        return str(target), ""

    def message(*args, **_kwargs):
        seen["messages"].append(args[2] if len(args) > 2 else "")
        return QMessageBox.StandardButton.Ok

    def print_to_file(dialog) -> int:
        dialog.printer().setOutputFileName(str(out / f"print-{len(seen['printed'])}.pdf"))
        seen["printed"].append(dialog.printer().outputFileName())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    deck_file = tmp_path / "deck.json"  # the study window's Import deck… reads a study deck (docs/study.md)
    deck_file.write_text(json.dumps({"format": "tpx-study-deck", "version": 1, "name": "Swept deck",
                                     "cards": ["name:trapezius_trp1"]}), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda _parent=None, caption="", *_a, **_k: (
        str(deck_file if "study deck" in caption else import_file), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Zoë Test", True))
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, message)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    # Any other modal dialog (exec) opens without blocking, so the sweep clicks its buttons too.
    import PySide6.QtWidgets as widgets

    for cls in [c for c in vars(widgets).values() if isinstance(c, type) and issubclass(c, QDialog)]:
        if cls is QDialog or "exec" in vars(cls):
            monkeypatch.setattr(cls, "exec", lambda dialog: (dialog.show(), QDialog.DialogCode.Rejected.value)[1])
    monkeypatch.setattr(QPrintDialog, "exec", print_to_file)
    return seen


def _settle(qtbot) -> None:
    """Let queued work finish: worker threads (exports) and the events they post back."""
    QThreadPool.globalInstance().waitForDone(60_000)
    qtbot.wait(20)


def _windows() -> set[QWidget]:
    return {w for w in QApplication.topLevelWidgets() if w.isVisible()}


class Sweep:
    """Clicks every button and triggers every action of a window, then of each window or dialog
    that appears, each once."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.swept: set[int] = set()
        self.done: list[str] = []

    def window(self, top: QWidget) -> None:
        if id(top) in self.swept:
            return
        self.swept.add(id(top))
        self._prepare(top)
        buttons = sorted((b for b in top.findChildren(QAbstractButton)), key=lambda b: _order(b.text()))
        for button in buttons:
            if button.isVisible() and button.isEnabled() and button.window() is top:
                self._then_sweep_new(lambda b=button: self.qtbot.mouseClick(b, Qt.MouseButton.LeftButton),
                                     f"button {button.text()!r}")
        actions = [a for a in top.findChildren(QAction) if not a.isSeparator() and a.menu() is None]
        for action in sorted(actions, key=lambda a: _order(a.text())):
            if action.isEnabled():
                self._then_sweep_new(action.trigger, f"action {action.text()!r}")

    def _then_sweep_new(self, act, what: str) -> None:
        before = _windows()
        act()
        _settle(self.qtbot)
        self.done.append(what)
        for new in _windows() - before:
            self.window(new)
            if isinstance(new, QDialog):
                new.close()

    def _prepare(self, top: QWidget) -> None:
        """The client window: make a client and visit with its own button, then paint a stroke,
        so every later command has something to work on."""
        new_client = getattr(getattr(top, "left", None), "new_client_button", None)
        if new_client is not None and new_client.isEnabled():
            self.qtbot.mouseClick(new_client, Qt.MouseButton.LeftButton)
            body = top.map
            points = [QPointF(300 + 8 * i, 300 + (i % 5) * 6) for i in range(12)]
            viewport = body.viewport()
            self.qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=points[0].toPoint())
            for p in points[1:]:
                self.qtbot.mouseMove(viewport, p.toPoint())
            self.qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=points[-1].toPoint())
            _settle(self.qtbot)


def test_every_button_and_action_runs_through_its_real_signal(window, qtbot, answered) -> None:
    # Something selected, as a user would have it: a muscle clicked on the map.
    viewport = window.body_map.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=window.body_map.mapFromScene(QPointF(150, 175)))
    assert window.controller.muscle_id == "trapezius"
    sweep = Sweep(qtbot)
    sweep.window(window)
    # The client screen was reached from the window (button, menu or shortcut) and swept too.
    assert window.client_window is not None and id(window.client_window) in sweep.swept
    assert window.records is None  # Quit ran last: the database was backed up and released
    from app.services.records_service import RecordsService

    with RecordsService.open() as records:  # the test's database (TPX_DATABASE_URL), reopened
        names = [c.name for c in records.clients()]
    assert "Zoë Ünïcode 李" in names  # File → Import records
    # Dialogs left empty may answer with a one-line validation message ("the deck has no name");
    # no command may fail: nothing "not written", "Nothing was imported", no exception text.
    failures = [m for m in answered["messages"] if "\n" in m.strip() or "Traceback" in m
                or any(w in m for w in ("not written", "Nothing was", "cannot be opened", "could not"))]
    assert failures == [], failures
    saved = {p.suffix for p in answered["saved_as"] if p.exists()}
    assert {".pdf", ".json"} <= saved  # chart / review sheet and records export were written
    assert answered["printed"] and Path(answered["printed"][0]).stat().st_size > 1000
    assert not window.isVisible()  # Quit ran last and closed the window
    assert len(sweep.done) > 60


def _keys(action: QAction) -> tuple[Qt.Key, Qt.KeyboardModifier]:
    combination = action.shortcut()[0]
    return combination.key(), combination.keyboardModifiers()


@pytest.mark.parametrize("which", ["main", "clients"])
def test_every_shortcut_typed_on_the_keyboard_runs_its_command(window, qtbot, answered, which) -> None:
    qtbot.mouseClick(window.body_map.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.body_map.mapFromScene(QPointF(150, 175)))
    top = window
    if which == "clients":
        qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        top = window.client_window
        assert top is not None and top.isVisible()
        qtbot.mouseClick(top.left.new_client_button, Qt.MouseButton.LeftButton)
    actions = [a for a in top.findChildren(QAction) if not a.shortcut().isEmpty() and a.isEnabled()
               and "quit" not in a.text().lower()]
    assert len(actions) >= (20 if which == "main" else 4)
    for action in actions:
        fired = []
        action.triggered.connect(lambda _checked=False, f=fired: f.append(True))
        top.activateWindow()
        qtbot.waitUntil(lambda t=top: QApplication.activeWindow() is t or QApplication.activeModalWidget() is not None)
        key, modifiers = _keys(action)
        target = QApplication.focusWidget() if QApplication.focusWidget() and QApplication.focusWidget().window() is top else top
        qtbot.keyClick(target, key, modifiers)
        _settle(qtbot)
        assert fired, f"{action.text()!r}: {action.shortcut().toString()} did nothing"
        for other in _windows() - {window, top}:
            other.close()  # dialogs and windows the shortcut opened
    assert answered["messages"] == []


def test_shortcuts_are_unique_and_shown_in_tooltips(window) -> None:
    from app.ui.help_dialogs import menu_commands

    actions = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    keys = [a.shortcut().toString() for a in actions]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    for action in actions:
        assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) in action.toolTip(), action.text()
    rows = menu_commands(window.menuBar())
    assert all(keys for _menu, _name, keys in rows), [r for r in rows if not r[2]]
    assert {menu.split(" ›")[0] for menu, _n, _k in rows} == {"File", "View", "Tools", "Help"}
