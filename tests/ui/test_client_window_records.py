"""Client window records through their buttons: visits in any date order, the visit list,
findings and treatment, erasing, failed saves, closing with unsaved edits, conflicts and the
report (its PDF text read back)."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import stat
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.storage.user_errors import SaveFailedError
from tests.support.client_window_driver import (  # noqa: F401 - fixtures
    answer_message_boxes, answers, click, click_list_row, client_window, drag, records_url, wait_for_metrics,
)

# Three visits entered in one order, dated in another: (date, where the pain is, on the mini atlas).
VISITS = [(date(2026, 3, 1), [(120, 80), (180, 110)]),  # temple
          (date(2026, 1, 10), [(120, 600), (180, 620)]),  # forearm
          (date(2026, 2, 5), [(130, 300), (170, 320)])]  # upper back


def _chart_visits(win) -> list[int]:
    ids = []
    for i, (day, stroke) in enumerate(VISITS):
        if i:
            click(win.left.new_visit_button)
        win.form.date.setDate(QDate(day.year, day.month, day.day))
        drag(win, stroke)
        assert win.presenter.save_now()
        ids.append(win.presenter.visit.id)
    return ids


def _list_dates(win) -> list[str]:
    return [win.left.visits.item(i).text()[:10] for i in range(win.left.visits.count())]


def test_change_is_against_the_latest_earlier_visit_whatever_the_entry_order(client_window, qtbot) -> None:
    win = client_window
    march, january, february = _chart_visits(win)
    assert _list_dates(win) == ["2026-03-01", "2026-02-05", "2026-01-10"]  # newest first, by date
    win.compare_action.setChecked(True)
    for row, (visit_id, previous) in enumerate([(march, date(2026, 2, 5)), (february, date(2026, 1, 10))]):
        click_list_row(win.left.visits, row)
        assert win.presenter.visit.id == visit_id
        metrics = wait_for_metrics(win, qtbot, lambda m, v=visit_id: m.visit_id == v)
        assert metrics.previous_date == previous
        earlier = next(v for v in win.presenter.visits if v.date == previous)
        lost = sum(c.lost_mm2 for c in metrics.change.values())
        assert lost == pytest.approx(earlier.pain.painted("anterior").area, rel=0.01)  # all of it moved away
        assert f"Since {previous:%d %b %Y}:" in win.metrics.text.toPlainText()
    assert win.pain_layer.count() == 1 + 2  # this visit's mark, plus the gained and lost overlays
    click_list_row(win.left.visits, 2)
    assert wait_for_metrics(win, qtbot, lambda m: m.visit_id == january).change is None


def test_a_date_change_shows_in_the_visit_list_at_once(client_window) -> None:
    win = client_window
    win.form.date.setDate(QDate(2025, 7, 14))
    assert _list_dates(win) == ["2025-07-14"]
    assert win.presenter.save_now()
    stored = win.presenter.records.visits(win.presenter.client.id)
    assert [v.date for v in stored] == [date(2025, 7, 14)]


def test_findings_and_treatment_add_and_remove_by_their_buttons(client_window) -> None:
    win = client_window
    panel = win.findings
    win.tabs.setCurrentWidget(panel)
    add, remove = [b for b in panel.findChildren(type(win.left.new_visit_button)) if b.text() in ("Add", "Remove")][:2]
    panel.side_combo.setCurrentText("left")
    click(add)
    click(add)
    assert [(f.side, f.status) for f in win.presenter.visit.findings] == [("left", "active")] * 2
    assert panel.findings_list.count() == 2 and "client's left" in panel.findings_list.item(0).text()
    panel.findings_list.setCurrentRow(0)
    click(remove)
    assert len(win.presenter.visit.findings) == 1 and panel.findings_list.count() == 1
    tadd, tremove = [b for b in panel.findChildren(type(add)) if b.text() in ("Add", "Remove")][2:4]
    panel.minutes.setValue(12)
    QTest.keyClicks(panel.response, "pain 6 to 3")
    click(tadd)
    (given,) = win.presenter.visit.treatments
    assert (given.duration_min, given.response) == (12.0, "pain 6 to 3")
    panel.treatment_list.setCurrentRow(0)
    click(tremove)
    assert win.presenter.visit.treatments == []


def test_erase_asks_and_removes_the_client(client_window, monkeypatch) -> None:
    win = client_window
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes))
    click(win.left.erase_client_button)
    assert "Erase Ada Test" in asked[0]
    assert win.presenter.records.clients() == [] and win.clients.count() == 0 and win.presenter.visit is None


def test_a_failed_save_keeps_the_edits_says_so_and_retries(client_window, monkeypatch, qtbot) -> None:
    win = client_window
    import app.ui.records.visit_presenter as presenter_module

    monkeypatch.setattr(presenter_module, "RETRY_DELAY_MS", 200)
    records = win.presenter.records
    real_save = records.save_visit
    monkeypatch.setattr(records, "save_visit", lambda visit: (_ for _ in ()).throw(
        SaveFailedError("the disk is full")))
    QTest.keyClicks(win.form.complaint, "Low back")
    drag(win, [(130, 300), (170, 320)])
    assert not win.presenter.save_now()
    assert "Not saved: the disk is full" in win.status.text() and "edits are kept" in win.status.text()
    assert win.presenter.visit.chief_complaint == "Low back" and not win.presenter.visit.pain.is_empty()
    monkeypatch.setattr(records, "save_visit", real_save)  # space freed: the retry gets through
    qtbot.waitUntil(lambda: win.status.text().startswith("Saved"), timeout=3000)
    assert records.visit(win.presenter.visit.id).chief_complaint == "Low back"


def _failing_saves(monkeypatch, records) -> None:
    monkeypatch.setattr(records, "save_visit", lambda visit: (_ for _ in ()).throw(
        SaveFailedError("the disk is full")))


def test_closing_with_unsaved_edits_asks_and_can_export_them(client_window, monkeypatch, tmp_path: Path) -> None:
    win = client_window
    records = win.presenter.records
    _failing_saves(monkeypatch, records)
    QTest.keyClicks(win.form.complaint, "Neck pain")
    shown = answer_message_boxes(monkeypatch, "Cancel")
    win.close()
    assert win.isVisible() and "could not be saved" in shown[0]  # Cancel: the window stays, edits too
    out = tmp_path / "rescued.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    answer_message_boxes(monkeypatch, "Try again", "Export elsewhere…")
    win.close()
    assert not win.isVisible()
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["clients"][0]["visits"][0]["chief_complaint"] == "Neck pain"
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    monkeypatch.undo()  # saving works again: the exported file imports
    report = records.import_records(document)
    assert report.visits_imported == 1


def test_closing_can_discard_knowingly(client_window, monkeypatch) -> None:
    win = client_window
    _failing_saves(monkeypatch, win.presenter.records)
    QTest.keyClicks(win.form.complaint, "Gone")
    answer_message_boxes(monkeypatch, "Discard edits")
    win.close()
    assert not win.isVisible()


def test_a_conflicting_save_keeps_both_versions(client_window, monkeypatch, records_url: str) -> None:
    from app.services.records_service import RecordsService

    win = client_window
    visit_id = win.presenter.visit.id
    with RecordsService.open(records_url) as other:  # a second therapist saves the same visit first
        theirs = other.visit(visit_id)
        theirs.chief_complaint = "Their notes"
        other.save_visit(theirs)
    shown = answer_message_boxes(monkeypatch, "Save mine as a separate visit")
    QTest.keyClicks(win.form.complaint, "My notes")
    assert not win.presenter.save_now() or shown  # the conflict was handed to the user
    assert "Nothing was overwritten" in shown[0] and "Their notes" in shown[0] and "My notes" in shown[0]
    stored = sorted(v.chief_complaint for v in win.presenter.records.visits(win.presenter.client.id))
    assert stored == ["My notes", "Their notes"]


def _report(win, monkeypatch, answers, out: Path, clinic: str = "Harbour Clinic") -> None:
    answers.queue.append(clinic)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    win.report_action.trigger()


def test_the_report_action_writes_a_private_pdf_with_the_visit(client_window, monkeypatch, answers,
                                                               tmp_path: Path) -> None:
    from pypdf import PdfReader

    win = client_window
    win.left.name.setText("Zoë <b>Ünïcode</b>")
    win.left.name.editingFinished.emit()
    win.form.flags["night_pain_at_rest"].click()
    QTest.keyClicks(win.form.soap["plan"], "Stretch")
    drag(win, [(120, 80), (140, 90), (160, 100), (180, 110)])
    out = tmp_path / "report.pdf"
    _report(win, monkeypatch, answers, out)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(out).pages))
    assert "Zoë <b>Ünïcode</b>" in text and "Harbour Clinic" in text
    assert "RED FLAGS" in text and "Constant pain at night" in text
    assert text.index("RED FLAGS") < text.index("Leading candidate trigger points")
    assert re.search(r"Widespread Pain Index \(WPI\): 0/19", text)
    table = text[text.index("Score Why"):text.index("Pain over the visits")]
    rows = re.findall(r"(\d) ([^%]+?) client's (right|left) (essential|spillover) \d\.\d\d", table)
    expected = [(win.catalog.trigger_point(c.trp_id).label, c.side, c.zone) for c in win.catalog.candidates_for_pain(
        {"anterior": win.presenter.visit.pain.strokes("anterior")}, limit=5)]
    assert [(label, side, zone) for _n, label, side, zone in rows] == expected
    assert "Signature:" in text and "Stretch" in text


def test_a_failed_report_leaves_the_old_file_and_says_so(client_window, monkeypatch, answers, tmp_path: Path) -> None:
    import app.ui.records.report_export as export

    win = client_window
    out = tmp_path / "report.pdf"
    out.write_bytes(b"%PDF- the good old report %%EOF")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warnings.append(a[2])))

    def half_written(path, *args, **kwargs):
        Path(path).write_bytes(b"%PDF-1.4 cut short")  # a full disk: no end-of-file marker
    monkeypatch.setattr(export, "write_report", half_written)
    _report(win, monkeypatch, answers, out)
    assert out.read_bytes() == b"%PDF- the good old report %%EOF"
    assert "not written" in warnings[0] and "incomplete" in warnings[0]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".report")) == []


def test_a_birth_date_before_1900_is_shown_and_survives_another_edit(client_window, answers) -> None:
    # Imported records accept births from 1850; the details field used to clamp them to its
    # 1900 minimum, show "unknown" and erase the date on the next edit of any other field.
    win = client_window
    records, client = win.presenter.records, win.presenter.client
    records.save_client(dataclasses.replace(client, date_of_birth=date(1899, 5, 1)))  # as an import would
    answers.queue.append("Bo Other")
    click(win.left.new_client_button)
    rows = [win.left.clients.item(i).text() for i in range(win.left.clients.count())]
    click_list_row(win.left.clients, rows.index("Ada Test"))
    assert win.presenter.client.id == client.id
    assert win.left.born.text() == "1899-05-01"
    win.left.contact.setFocus()
    QTest.keyClicks(win.left.contact, "555 0100")
    QTest.keyClick(win.left.contact, Qt.Key.Key_Return)
    assert win.presenter.save_now()
    stored = next(c for c in records.clients() if c.id == client.id)
    assert (stored.date_of_birth, stored.contact) == (date(1899, 5, 1), "555 0100")
