"""Quiz tab: the map shows a referral pattern; the student picks the muscle."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class QuizPanel(QWidget):
    sig_answered = Signal(str)
    """The student chose this muscle id."""
    sig_next = Signal()
    """The student wants the next question."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = QLabel("Which muscle's trigger point refers pain in this pattern?\n"
                             "(✕ marks the trigger point, solid red the essential zone, stippled the spillover.)")
        self.prompt.setWordWrap(True)
        self.buttons = [QPushButton(self) for _ in range(4)]
        self.feedback = QLabel(self)
        self.feedback.setWordWrap(True)
        self.score = QLabel(self)
        self.next_button = QPushButton("Next question", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        for button in self.buttons:
            layout.addWidget(button)
            button.clicked.connect(lambda _c=False, b=button: self.sig_answered.emit(b.property("muscle_id")))
        layout.addWidget(self.feedback)
        layout.addWidget(self.score)
        layout.addWidget(self.next_button)
        layout.addStretch(1)
        self.next_button.clicked.connect(self.sig_next)

    def ask(self, choices: list[tuple[str, str]], score_text: str) -> None:
        """choices: (muscle id, name)."""
        for button, (muscle_id, name) in zip(self.buttons, choices):
            button.setText(name)
            button.setProperty("muscle_id", muscle_id)
            button.setEnabled(True)
            button.setVisible(True)
        for button in self.buttons[len(choices):]:
            button.setVisible(False)
        self.feedback.setText("")
        self.score.setText(score_text)

    def reveal(self, right: bool, answer_text: str, score_text: str) -> None:
        for button in self.buttons:
            button.setEnabled(False)
        self.feedback.setText(("Correct! " if right else "Not quite. ") + answer_text)
        self.score.setText(score_text)
