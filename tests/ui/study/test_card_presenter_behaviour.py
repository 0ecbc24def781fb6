"""The study card presenter as a student meets it: the score's colour, what an unanswered Check or an
empty typed answer says, the locate click marked before it is judged, the right and the wrong
button marked after, and the judged answer zoomed into view.

Mini catalog (tests/support/mini_catalog.py): supinator TrP at the lateral epicondyle, trapezius TrP1
between C7 and the acromion; tension-type headache's key muscles trapezius and supinator.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.ui.study.question_panel import RIGHT_STYLE, WRONG_STYLE
from tests.ui.study.conftest import start_deck, viewport_point

GREEN, ORANGE, RED = "#2e7d32", "#ef6c00", "#c62828"


def _check(win) -> None:
    QTest.mouseClick(win.panel.check_button, Qt.MouseButton.LeftButton)


def test_a_right_name_is_green_and_marked_a_wrong_one_red_beside_the_right_one(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["name:supinator_trp1", "name:trapezius_trp1"])
    answer = win.service.catalog.trigger_point(win.presenter.question.card.target).muscle_id
    wrong = "supinator" if answer == "trapezius" else "trapezius"
    button = {b.property("choice_id"): b for b in win.panel.buttons if b.isVisible()}
    QTest.mouseClick(button[wrong], Qt.MouseButton.LeftButton)
    assert win.presenter.outcome.score == 0.0
    assert f"color:{RED}" in win.panel.feedback.text() and "Score 0%" in win.panel.feedback.text()
    assert button[answer].styleSheet() == RIGHT_STYLE and button[wrong].styleSheet() == WRONG_STYLE
    assert not button[answer].isEnabled()  # judged: the buttons are locked ...
    win.presenter.answer_choice(answer)  # ... and an answer that still comes (a queued click) changes nothing
    assert win.presenter.outcome.score == 0.0
    QTest.mouseClick(win.panel.next_button, Qt.MouseButton.LeftButton)
    answer = win.service.catalog.trigger_point(win.presenter.question.card.target).muscle_id
    button = {b.property("choice_id"): b for b in win.panel.buttons if b.isVisible()}
    QTest.mouseClick(button[answer], Qt.MouseButton.LeftButton)
    assert f"color:{GREEN}" in win.panel.feedback.text() and "Score 100%" in win.panel.feedback.text()
    assert button[answer].styleSheet() == RIGHT_STYLE
    assert all(b.styleSheet() == "" for c, b in button.items() if c != answer)


def test_a_condition_checked_with_nothing_ticked_is_red_and_shows_the_key_muscle(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["condition:tension_type_headache"])
    _check(win)
    assert win.presenter.outcome.score == 0.0 and f"color:{RED}" in win.panel.feedback.text()
    assert win.map.legend.texts() == ["Trapezius"]  # the key muscle's zones, named
    assert not win.map.essential_path().isEmpty()


def test_an_empty_typed_name_asks_for_one_and_judges_nothing(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["name:supinator_trp1"])
    QTest.keyClicks(win.panel.typed, "   ")
    QTest.keyClick(win.panel.typed, Qt.Key.Key_Return)
    assert win.presenter.outcome is None
    assert win.panel.feedback.text() == "Type a muscle's name first (or pick one of the buttons)."


def test_a_locate_card_asks_for_a_click_marks_it_then_zooms_onto_the_answer(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["locate:supinator_trp1"])
    _check(win)
    assert win.presenter.outcome is None
    assert win.panel.feedback.text() == "Click on the map where the trigger point lies first."
    view = win.presenter.view
    x, y, _side = win.service.study.patterns["supinator_trp1"].placements[view][0]
    QTest.mouseClick(win.map.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     viewport_point(win, x + 30, y + 40))
    clicked = win.presenter.click
    assert clicked[0] == view and clicked[1:] == pytest.approx((x + 30, y + 40), abs=1)
    assert win.map.legend.texts() == ["Your click"]
    asked_at = win.map.transform().m11()
    _check(win)
    assert 0 < win.presenter.outcome.score < 1 and "mm from the trigger point" in win.panel.feedback.text()
    visible = win.map.mapToScene(win.map.viewport().rect()).boundingRect()
    assert visible.contains(clicked[1], clicked[2]) and visible.contains(x, y)  # the click and the answer, both
    assert win.map.transform().m11() != asked_at  # framed anew around both (the question was zoomed on its region)
    QTest.mouseClick(win.map.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     viewport_point(win, x, y))  # judged: a click now changes nothing
    assert win.presenter.click == clicked


def test_a_click_on_a_name_card_marks_nothing(study_window, qtbot) -> None:
    win = study_window
    start_deck(win, qtbot, ["name:supinator_trp1"])
    QTest.mouseClick(win.map.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     viewport_point(win, 200, 500))
    assert win.presenter.click is None and "Your click" not in win.map.legend.texts()
