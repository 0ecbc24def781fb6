from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest


@pytest.fixture()
def records_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'records.db'}"


@pytest.fixture()
def client_window(mini_catalog: Path, records_url: str, monkeypatch: pytest.MonkeyPatch, qtbot):
    monkeypatch.setenv("TPX_ASSETS_DIR", str(mini_catalog.parent / "assets"))
    from app.services.catalog_service import CatalogService
    from app.services.records_service import RecordsService
    from app.ui.records.client_window import ClientWindow

    records = RecordsService.open(records_url)
    win = ClientWindow(records, CatalogService.open(mini_catalog))
    qtbot.addWidget(win)
    win.resize(1300, 850)
    win.show()
    qtbot.waitExposed(win)
    win.map.fit()
    client = win.presenter.new_client("Ada Test")
    win._refresh_clients(select=client.id)
    win.presenter.new_visit("Therapist T")
    yield win
    win.presenter.save_now()
    records.close()


def _pos(win, x: float, y: float):
    return win.map.mapFromScene(QPointF(x, y))


def drag(win, points: list[tuple[float, float]]) -> None:
    viewport = win.map.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _pos(win, *points[0]))
    for p in points[1:]:
        QTest.mouseMove(viewport, _pos(win, *p))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _pos(win, *points[-1]))


def test_brush_paints_ranks_live_and_one_drag_is_one_undo_step(client_window) -> None:
    win = client_window
    win.intensity_spin.setValue(7)
    drag(win, [(120, 80), (140, 90), (160, 100), (180, 110)])  # over the client's right temple (anterior)
    marks = win.presenter.visit.pain.marks("anterior")
    assert len(marks) == 1 and marks[0].intensity == 7 and marks[0].geometry.area > 500
    assert win.pain_layer.count() == 1
    assert win.candidates.labels()[0].startswith("1. Upper trapezius TrP1")
    assert win.presenter.undo_stack.count() == 1  # the drag's segments merged into one command
    win.undo_action.trigger()
    assert win.presenter.visit.pain.is_empty() and win.candidates.labels() == []
    win.redo_action.trigger()
    assert len(win.presenter.visit.pain.marks("anterior")) == 1


def test_painting_is_clipped_to_the_body_outline(client_window) -> None:
    win = client_window
    win.size_spin.setValue(40)
    drag(win, [(90, 300), (95, 300)])  # straddles the outline's left edge at x = 100
    shape = win.presenter.visit.pain.painted("anterior")
    assert shape.bounds[0] >= 100 - 1e-6


def test_eraser_and_polygon(client_window) -> None:
    win = client_window
    win.tool_actions["polygon"].trigger()
    viewport = win.map.viewport()
    for x, y in ((110, 600), (190, 600), (190, 700), (110, 700)):
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _pos(win, x, y))
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _pos(win, 110, 700))
    painted = win.presenter.visit.pain.painted("anterior")
    assert abs(painted.area - 80 * 100) < 200
    win.tool_actions["eraser"].trigger()
    win.size_spin.setValue(40)
    drag(win, [(150, 650), (151, 651)])
    assert win.presenter.visit.pain.painted("anterior").area < painted.area - 800


def test_autosave_and_reopen_find_the_visit_intact(client_window, mini_catalog: Path, records_url: str, qtbot) -> None:
    win = client_window
    drag(win, [(120, 80), (160, 100)])
    win.form.complaint.setText("")
    QTest.keyClicks(win.form.complaint, "Temple headache")
    qtbot.waitUntil(lambda: win.status.text().startswith("Saved"), timeout=3000)
    visit_id = win.presenter.visit.id
    pain_before = win.presenter.visit.pain
    win.close()
    win.presenter.records.close()

    from app.services.catalog_service import CatalogService
    from app.services.records_service import RecordsService
    from app.ui.records.client_window import ClientWindow

    records = RecordsService.open(records_url)
    try:
        again = ClientWindow(records, CatalogService.open(mini_catalog))
        qtbot.addWidget(again)
        again.clients.setCurrentRow(0)
        assert again.presenter.visit.id == visit_id
        assert again.presenter.visit.chief_complaint == "Temple headache"
        assert again.presenter.visit.pain == pain_before
        assert again.form.complaint.text() == "Temple headache"
    finally:
        records.close()
    win.presenter.records = RecordsService.open(records_url)  # let the fixture's teardown save harmlessly


def test_field_edits_are_undoable(client_window) -> None:
    win = client_window
    QTest.keyClicks(win.form.therapist, "X")
    assert win.presenter.visit.therapist == "Therapist TX"
    win.undo_action.trigger()
    assert win.presenter.visit.therapist == "Therapist T" and win.form.therapist.text() == "Therapist T"


def test_metrics_follow_the_painting_once_it_pauses(client_window, qtbot) -> None:
    win = client_window
    published = []
    win.presenter.sig_metrics.connect(published.append)
    drag(win, [(120, 80), (140, 90), (160, 100), (180, 110)])
    assert published == []  # not recomputed per brush segment: painting stays fluid
    qtbot.waitUntil(lambda: len(published) == 1, timeout=3000)
    html = win.metrics.text.toPlainText()
    assert "Pain extent" in html and "Widespread Pain Index" in html
    assert "Skin areas involved:</b> 0" not in win.metrics.text.toHtml()


def test_change_since_the_last_visit_is_overlaid(client_window, qtbot) -> None:
    win = client_window
    drag(win, [(120, 600), (180, 600)])  # first visit: pain on the forearm band
    win.presenter.save_now()
    win.presenter.new_visit("Therapist T")
    drag(win, [(120, 80), (160, 100)])  # second visit: pain at the temple instead
    win.compare_action.setChecked(True)
    # The metrics of the freshly opened (empty) visit come first; wait for the painted ones.
    qtbot.waitUntil(lambda: win.last_metrics is not None and (win.last_metrics.change or {}).get("anterior")
                    is not None and win.last_metrics.change["anterior"].gained_mm2 > 0, timeout=3000)
    change = win.last_metrics.change["anterior"]
    assert change.gained_mm2 > 500 and change.lost_mm2 > 500
    assert win.pain_layer.count() == 1 + 2  # the painted mark, plus gained and lost overlays
    assert "Since" in win.metrics.text.toPlainText()
