"""What the client window tells a person before and while they paint, and visits on the same day."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.ui.records.client_window import NO_VISIT_PROMPT, PAINT_PROMPT
from tests.support.client_window_driver import (  # noqa: F401 - fixtures
    answers, click, client_window, drag, key, open_window, records_url,
)


def test_before_any_visit_the_heading_says_to_choose_a_client_and_a_visit(
        mini_catalog: Path, records_url: str, monkeypatch, qtbot, answers) -> None:
    monkeypatch.setenv("TPX_ASSETS_DIR", str(mini_catalog.parent / "assets"))
    win = open_window(mini_catalog, records_url, qtbot)
    assert win.candidates.heading.text() == NO_VISIT_PROMPT  # painting now would be refused
    win.presenter.records.close()


def test_with_nothing_painted_the_heading_says_to_paint_not_that_nothing_refers_pain(client_window) -> None:
    win = client_window  # New client… opened a first visit, nothing painted
    assert win.candidates.heading.text() == PAINT_PROMPT
    drag(win, [(120, 80), (140, 90), (160, 100), (180, 110)])
    assert win.candidates.heading.text().endswith("candidate trigger points for the painted pain (best first)")
    key(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo: nothing painted again
    assert win.presenter.visit.pain.is_empty()
    assert win.candidates.heading.text() == PAINT_PROMPT


def test_two_visits_on_one_day_can_be_told_apart_in_the_list(client_window) -> None:
    win = client_window
    click(win.left.new_visit_button)  # a second visit today
    labels = [win.left.visits.item(i).text() for i in range(win.left.visits.count())]
    assert len(labels) == 2 and len(set(labels)) == 2, labels
    assert labels[0].endswith("(2)") and labels[1].endswith("(1)")  # newest first
