"""Painting in the client window through real mouse drags, clicks and tool keys; undo through
real typing and Ctrl+Z; closing straight after an edit keeps it."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from shapely.geometry import Polygon

from tests.support.client_window_driver import (  # noqa: F401 - fixtures
    answers, click, click_map, client_window, drag, key, open_window, records_url, wait_for_metrics,
)


def test_brush_paints_ranks_live_and_one_drag_is_one_undo_step(client_window) -> None:
    win = client_window
    win.intensity_spin.setValue(7)
    drag(win, [(120, 80), (140, 90), (160, 100), (180, 110)])  # over the client's right temple (anterior)
    marks = win.presenter.visit.pain.marks("anterior")
    assert len(marks) == 1 and marks[0].intensity == 7 and marks[0].geometry.area > 500
    assert win.pain_layer.count() == 1
    assert win.candidates.labels()[0].startswith("1. Upper trapezius TrP1")
    assert win.presenter.undo_stack.count() == 1  # the drag's segments merged into one command
    key(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.presenter.visit.pain.is_empty() and win.candidates.labels() == []
    QTest.keySequence(win.map.viewport(), win.redo_action.shortcut())  # the platform's Redo keys
    assert len(win.presenter.visit.pain.marks("anterior")) == 1


def test_painting_is_clipped_to_the_body_outline(client_window) -> None:
    win = client_window
    win.size_spin.setValue(40)
    drag(win, [(90, 300), (95, 300)])  # straddles the outline's left edge at x = 100
    assert win.presenter.visit.pain.painted("anterior").bounds[0] >= 100 - 1e-6


BOW_TIE = [(120, 600), (280, 760), (280, 600), (120, 760)]  # two triangles crossing at (200, 680)


def test_a_self_crossing_polygon_keeps_both_lobes(client_window) -> None:
    win = client_window
    key(win, Qt.Key.Key_P)
    assert win.tool_actions["polygon"].isChecked()
    for x, y in BOW_TIE:
        click_map(win, x, y)
    click_map(win, *BOW_TIE[0])  # a click on the first corner closes the shape
    painted = win.presenter.visit.pain.painted("anterior")
    expected = shapely.make_valid(Polygon(BOW_TIE)).area  # two triangles, 160 mm base × 80 mm high each
    assert expected == pytest.approx(12800)  # buffer(0) kept one lobe: 6,400
    assert painted.area == pytest.approx(expected, rel=0.01)
    assert painted.contains(shapely.Point(160, 680)) and painted.contains(shapely.Point(240, 680))  # both lobes


def test_tool_keys_eraser_and_pan(client_window) -> None:
    win = client_window
    win.size_spin.setValue(40)
    drag(win, [(130, 620), (170, 640), (230, 650), (270, 700)])
    painted = win.presenter.visit.pain.painted("anterior").area
    key(win, Qt.Key.Key_E)
    assert win.tool_actions["eraser"].isChecked()
    drag(win, [(170, 640), (172, 641)])
    erased = win.presenter.visit.pain.painted("anterior").area
    assert painted - 1300 < erased < painted - 800  # a 40 mm dab is 1,257 mm²
    key(win, Qt.Key.Key_H)
    assert win.tool_actions["pan"].isChecked()
    steps = win.presenter.undo_stack.count()
    drag(win, [(200, 300), (230, 330), (260, 360)])
    assert win.presenter.visit.pain.painted("anterior").area == erased and win.presenter.undo_stack.count() == steps
    key(win, Qt.Key.Key_B)
    assert win.tool_actions["brush"].isChecked()
    drag(win, [(200, 300), (230, 330)])
    assert win.presenter.visit.pain.painted("anterior").area > erased + 1000


def test_typing_a_word_is_one_undo_step_and_ctrl_z_undoes_it(client_window) -> None:
    win = client_window
    win.tabs.setCurrentWidget(win.form)
    win.form.complaint.setFocus()
    QTest.keyClicks(win.form.complaint, "Temple headache")
    assert win.presenter.visit.chief_complaint == "Temple headache"
    assert win.presenter.undo_stack.count() == 1
    QTest.keyClick(win.form.complaint, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.presenter.visit.chief_complaint == "" and win.form.complaint.text() == ""
    QTest.keyClicks(win.form.soap["plan"], "Stretch")
    QTest.keyClick(win.form.soap["plan"], Qt.Key.Key_Return)
    QTest.keyClicks(win.form.soap["plan"], "daily")
    assert win.presenter.visit.soap["plan"] == "Stretch\ndaily" and win.presenter.undo_stack.count() == 1


def test_closing_straight_after_an_edit_keeps_it(client_window, mini_catalog: Path, records_url: str, qtbot) -> None:
    win = client_window
    drag(win, [(120, 80), (160, 100)])
    QTest.keyClicks(win.form.complaint, "Temple headache")
    pain_before, visit_id = win.presenter.visit.pain, win.presenter.visit.id
    win.close()  # no wait for the autosave timer
    win.presenter.records.close()

    again = open_window(mini_catalog, records_url, qtbot)
    try:
        again.clients.setCurrentRow(0)
        assert again.presenter.visit.id == visit_id
        assert again.presenter.visit.chief_complaint == "Temple headache" == again.form.complaint.text()
        assert again.presenter.visit.pain == pain_before
    finally:
        again.presenter.metrics_runner.wait()
        again.presenter.records.close()


def test_metrics_follow_the_painting_once_it_pauses(client_window, qtbot) -> None:
    win = client_window
    wait_for_metrics(win, qtbot)
    assert "Skin areas involved: 0" in win.metrics.text.toPlainText()
    drag(win, [(120, 80), (140, 90), (160, 100), (180, 110)])
    metrics = wait_for_metrics(win, qtbot, lambda m: m.areas)
    text = win.metrics.text.toPlainText()
    assert [(a.slug, a.side) for a in metrics.areas] == [("temple", "right")]
    assert "Skin areas involved: 1 — temple (right)" in text
    assert f"Pain extent: {metrics.total.percent:.1f}% of the body surface" in text
    assert "Widespread Pain Index: 0/19" in text and "Fibromyalgia (2016 criteria): WPI 0/19" in text
