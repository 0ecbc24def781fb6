"""Charting in the client window by clicking the real buttons: sign, amend (original kept and
shown), delete a visit (kept in the audit), a visit from the previous SOAP, client search, the
therapist's name remembered.  Dialogs are monkeypatched; everything else is real input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QMessageBox

Yes = QMessageBox.StandardButton.Yes


@pytest.fixture()
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Queue the text each QInputDialog.getText returns; records the prefilled texts."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    queue: list[str | None] = []
    asked: list[tuple[str, str]] = []

    def get_text(_parent, _title, label, *args, **kwargs):
        asked.append((label, kwargs.get("text", "")))
        answer = queue.pop(0)
        return ("", False) if answer is None else (answer, True)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: Yes))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)  # any other message box: closed unanswered
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    return queue, asked


@pytest.fixture()
def win(mini_catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot, answers):
    monkeypatch.setenv("TPX_ASSETS_DIR", str(mini_catalog.parent / "assets"))
    from app.services.catalog_service import CatalogService
    from app.services.records_service import RecordsService
    from app.ui.records.client_window import ClientWindow

    records = RecordsService.open(f"sqlite:///{tmp_path / 'records.db'}")
    window = ClientWindow(records, CatalogService.open(mini_catalog))
    qtbot.addWidget(window)
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)
    window.map.fit()
    queue, _asked = answers
    queue.append("Ada Test")
    QTest.mouseClick(window.left.new_client_button, Qt.MouseButton.LeftButton)  # makes the first visit too
    yield window
    window.presenter.save_now()
    records.close()


def click(button) -> None:
    assert button.isEnabled(), button.text()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def type_soap(window, part: str, text: str) -> None:
    edit = window.form.soap[part]
    edit.setFocus()
    QTest.keyClicks(edit, text)


def brush(window, points: list[tuple[float, float]]) -> None:
    viewport = window.map.viewport()
    pos = [window.map.mapFromScene(QPointF(x, y)) for x, y in points]
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos[0])
    for p in pos[1:]:
        QTest.mouseMove(viewport, p)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos[-1])


def test_sign_locks_the_visit_and_amend_keeps_and_shows_the_original(win, answers) -> None:
    queue, asked = answers
    bar, records = win.charting_bar, win.presenter.records
    type_soap(win, "assessment", "upper trapezius TrP1")
    brush(win, [(120, 80), (150, 95), (180, 110)])
    assert not bar.amend_button.isEnabled()
    queue.append("Dana Reyes")
    click(bar.sign_button)
    visit_id = win.presenter.visit.id
    stored = records.visit(visit_id)
    assert stored.signed and stored.signed_by == "Dana Reyes" and stored.soap["assessment"] == "upper trapezius TrP1"
    assert "Signed by Dana Reyes" in bar.signature.text()
    assert not win.form.isEnabled() and not bar.sign_button.isEnabled() and bar.amend_button.isEnabled()
    assert not win.undo_action.isEnabled()  # undo cannot reach back into a signed visit
    assert "✓" in win.left.visits.currentItem().text()  # the visit list marks it signed
    before = win.presenter.visit.pain
    brush(win, [(300, 300), (320, 320)])  # painting a signed visit changes nothing
    assert win.presenter.visit.pain == before and not win.presenter.has_unsaved_edits()

    queue.extend(["Dana Reyes", "assessment was for the wrong side"])
    click(bar.amend_button)
    assert asked[-2] == ("Your name (therapist):", "Dana Reyes")  # the name is remembered
    assert win.form.isEnabled() and "Being amended" in bar.signature.text()
    type_soap(win, "assessment", " (left)")
    assert win.presenter.save_now()
    queue.append("Dana Reyes")
    click(bar.sign_button)
    final = records.visit(visit_id)
    assert final.signed and final.soap["assessment"] == "upper trapezius TrP1 (left)"
    assert final.amendments[0].original["soap"]["assessment"] == "upper trapezius TrP1"
    assert "Amended 1×" in bar.signature.text() and "wrong side" in bar.signature.text()

    click(bar.audit_button)
    dialog = win.charting.audit_dialog
    actions = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert actions[-4:] == ["signed", "amended", "changed", "signed"]
    shown = dialog.amendments.toPlainText()
    assert "Reason: assessment was for the wrong side" in shown
    assert shown.index("upper trapezius TrP1\n") < shown.index("upper trapezius TrP1 (left)")  # original, then now
    assert "Assessment: (changed) upper trapezius TrP1 (left)" in shown and "Plan: (changed)" not in shown
    events = records.audit(win.presenter.client.id)
    assert {e.actor for e in events[-4:]} == {"Dana Reyes"}
    dialog.close()


def test_delete_a_visit_keeps_it_in_the_audit(win) -> None:
    records, p = win.presenter.records, win.presenter
    first_id = p.visit.id
    type_soap(win, "plan", "first plan")
    click(win.left.new_visit_button)
    assert win.left.visits.count() == 2
    win.left.visits.setCurrentRow(1)  # newest first: row 1 is the first visit
    assert p.visit.id == first_id
    click(win.charting_bar.delete_button)
    assert win.left.visits.count() == 1 and p.visit is not None and p.visit.id != first_id
    assert [v.id for v in records.visits(p.client.id)] == [p.visit.id]
    deleted = [e for e in records.audit(p.client.id) if e.action == "deleted"]
    assert json.loads(deleted[0].detail)["soap"]["plan"] == "first plan"


def test_a_new_visit_from_the_last_soap(win) -> None:
    p = win.presenter
    type_soap(win, "subjective", "neck pain, worse at the desk")
    type_soap(win, "plan", "stretches; review in a week")
    first_id = p.visit.id
    click(win.charting_bar.from_previous_button)
    assert p.visit.id != first_id and win.left.visits.count() == 2
    assert win.form.soap["subjective"].toPlainText() == "neck pain, worse at the desk"
    assert win.form.soap["plan"].toPlainText() == "stretches; review in a week"
    assert p.visit.pain.is_empty() and p.visit.date == date.today()


def test_client_search_filters_the_list_as_you_type(win, answers) -> None:
    queue, _ = answers
    for name in ("John Smith", "Joan Smyth", "Bob Marley"):
        queue.append(name)
        click(win.left.new_client_button)
    win.client_search_field.setFocus()
    QTest.keyClicks(win.client_search_field, "jon smith")
    names = [win.clients.item(i).text() for i in range(win.clients.count())]
    assert names[:2] == ["John Smith", "Joan Smyth"] and "Bob Marley" not in names and "Ada Test" not in names
    win.client_search_field.clear()
    assert win.clients.count() == 4


def test_the_remembered_therapist_names_new_visits(win, answers) -> None:
    queue, _ = answers
    queue.append("Dana Reyes")
    click(win.charting_bar.sign_button)
    click(win.left.new_visit_button)
    assert win.presenter.visit.therapist == "Dana Reyes" and win.form.therapist.text() == "Dana Reyes"


def test_cancelling_the_name_signs_nothing(win, answers) -> None:
    queue, _ = answers
    queue.append(None)
    click(win.charting_bar.sign_button)
    assert not win.presenter.records.visit(win.presenter.visit.id).signed and win.form.isEnabled()


def test_a_new_window_names_the_remembered_therapist_in_the_audit(mini_catalog: Path, tmp_path: Path, monkeypatch,
                                                                  qtbot, answers) -> None:
    from app.services.catalog_service import CatalogService
    from app.services.preferences import remember_therapist
    from app.services.records_service import RecordsService
    from app.ui.records.client_window import ClientWindow

    monkeypatch.setenv("TPX_ASSETS_DIR", str(mini_catalog.parent / "assets"))
    remember_therapist("Dana Reyes")  # signed something in an earlier session
    with RecordsService.open(f"sqlite:///{tmp_path / 'other.db'}") as records:
        window = ClientWindow(records, CatalogService.open(mini_catalog))
        qtbot.addWidget(window)
        queue, _ = answers
        queue.append("Eve Example")
        click(window.left.new_client_button)
        window.presenter.save_now()
        assert {e.actor for e in records.audit(window.presenter.client.id)} == {"Dana Reyes"}
        assert window.presenter.visit.therapist == "Dana Reyes"
