"""Background work yields to input (app/ui/input_gate.py): a worker's pause point holds it while
the UI thread answers a click, and lets it go once the event loop sleeps again.  The UI thread's
own pause points never wait (it would wait on itself).  Real input through QTest; nothing timed."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel

from app.ui import input_gate
from app.ui.input_gate import InputGate


@pytest.fixture()
def gate(qtbot, monkeypatch):
    # A click counts as answered when the loop sleeps, not by the clock, in these tests.
    monkeypatch.setattr(input_gate, "ANSWERED_AFTER_S", 60.0)
    monkeypatch.setattr(input_gate, "MAX_PAUSE_S", 60.0)
    gate = InputGate()
    gate.watch(QApplication.instance())
    yield gate
    gate.stop()


def test_a_worker_waits_while_a_click_is_answered_and_goes_on_when_the_loop_sleeps(gate, qtbot) -> None:
    label = QLabel("map")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    qtbot.wait(20)  # the loop has slept: nothing is being answered
    assert not gate.answering_input
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert gate.answering_input  # the click went through the application: the gate saw it
    went_on = threading.Event()
    worker = threading.Thread(target=lambda: (gate.pause(), went_on.set()))
    worker.start()
    assert not went_on.wait(0.3)  # held at its pause point: the event loop has not slept since the click
    qtbot.waitUntil(went_on.is_set, timeout=5000)  # qtbot.waitUntil runs the loop, which sleeps
    worker.join(5)
    assert gate.pauses == 1


def test_the_ui_threads_own_pause_point_never_waits(gate, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(input_gate, "MAX_PAUSE_S", 0.5)  # were it to wait, not for long
    label = QLabel("map")
    qtbot.addWidget(label)
    label.show()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert gate.answering_input
    gate.pause()  # e.g. a cache the warm-up has not reached, built by a click: it must not wait on itself
    assert gate.pauses == 0


def test_once_stopped_the_gate_sees_no_input(gate, qtbot) -> None:
    gate.stop()
    label = QLabel("map")
    qtbot.addWidget(label)
    label.show()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert not gate.answering_input
