"""Drive the client window as a person does: buttons, dialogs (monkeypatched), mouse and keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QMessageBox


class Answers:
    """Queued answers for QInputDialog.getText (None = Cancel); what was asked is recorded."""

    def __init__(self) -> None:
        self.queue: list[str | None] = []
        self.asked: list[str] = []

    def get_text(self, _parent, _title, label, *args, **kwargs):
        self.asked.append(label)
        answer = self.queue.pop(0) if self.queue else None
        return ("", False) if answer is None else (answer, True)


@pytest.fixture()
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Answers:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    found = Answers()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(found.get_text))
    return found


@pytest.fixture()
def records_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'records.db'}"


def open_window(mini_catalog: Path, records_url: str, qtbot):
    from app.services.catalog_service import CatalogService
    from app.services.records_service import RecordsService
    from app.ui.records.client_window import ClientWindow

    win = ClientWindow(RecordsService.open(records_url), CatalogService.open(mini_catalog))
    qtbot.addWidget(win)
    win.resize(1300, 850)
    win.show()
    qtbot.waitExposed(win)
    win.map.fit()
    return win


@pytest.fixture()
def client_window(mini_catalog: Path, records_url: str, monkeypatch: pytest.MonkeyPatch, qtbot, answers):
    """A window with one client, "Ada Test", made by clicking New client… (which opens a first visit)."""
    monkeypatch.setenv("TPX_ASSETS_DIR", str(mini_catalog.parent / "assets"))
    win = open_window(mini_catalog, records_url, qtbot)
    answers.queue.append("Ada Test")
    click(win.left.new_client_button)
    assert win.presenter.visit is not None and win.left.name.text() == "Ada Test"
    qtbot.wait(10)  # let the layout settle (the client's details and visit list filled in)
    win.map.fit()
    yield win
    win.presenter.metrics_runner.wait()
    win.presenter.save_now()
    win.presenter.records.close()


def click(widget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def key(win, key_: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(win.map.viewport(), key_, modifier)


def scene_pos(win, x: float, y: float):
    return win.map.mapFromScene(QPointF(x, y))


def drag(win, points: list[tuple[float, float]]) -> None:
    viewport = win.map.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, scene_pos(win, *points[0]))
    for p in points[1:]:
        QTest.mouseMove(viewport, scene_pos(win, *p))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, scene_pos(win, *points[-1]))


def click_map(win, x: float, y: float, double: bool = False) -> None:
    viewport = win.map.viewport()
    if double:
        QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, scene_pos(win, x, y))
    else:
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, scene_pos(win, x, y))


def click_list_row(widget, row: int) -> None:
    rect = widget.visualItemRect(widget.item(row))
    QTest.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


def answer_message_boxes(monkeypatch: pytest.MonkeyPatch, *button_texts: str) -> list[str]:
    """Each QMessageBox.exec clicks the next named button; returns the texts the boxes showed."""
    shown: list[str] = []
    queue = list(button_texts)

    def exec_(box: QMessageBox) -> int:
        shown.append(box.text())
        wanted = queue.pop(0)
        button = next(b for b in box.buttons() if b.text().replace("&", "") == wanted)
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def wait_for_metrics(win, qtbot, condition=lambda m: True, timeout: int = 5000):
    qtbot.waitUntil(lambda: win.last_metrics is not None and bool(condition(win.last_metrics)), timeout=timeout)
    return win.last_metrics
