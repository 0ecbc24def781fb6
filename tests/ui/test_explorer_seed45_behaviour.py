"""Explorer behaviour a person relies on that a mutation sample of the UI controller (seed 45) found
untested, on the shipped catalog in the real window: the prompt of *Where does it hurt?* and a
pinned view kept by the quiz."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.explorer import PAIN_PROMPT


def test_where_does_it_hurt_greets_with_its_prompt_each_time(real_window, qtbot) -> None:
    qtbot.keyClick(real_window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert real_window.candidates.heading.text() == PAIN_PROMPT
    qtbot.keyClick(real_window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(real_window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert real_window.candidates.heading.text() == PAIN_PROMPT


def test_the_quiz_keeps_a_pinned_view(real_window, qtbot) -> None:
    qtbot.keyClick(real_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # posterior
    qtbot.keyClick(real_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # keep this view
    real_window.controller.show_pattern_only("infraspinatus_trp1")  # what the quiz asks (best seen from the front)
    assert real_window.controller.view == "posterior"
    qtbot.keyClick(real_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # unpinned: it turns
    real_window.controller.show_pattern_only("infraspinatus_trp1")
    assert real_window.controller.view == "anterior"
