"""The right-hand panel of the study window: the question, the ways to answer it, the feedback.

It only shows what it is given and reports what the student did; the window decides."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

RIGHT_STYLE = "QPushButton { background: #2e9d4f; color: white; font-weight: 600; }"
WRONG_STYLE = "QPushButton { background: #c62828; color: white; }"


class QuestionPanel(QWidget):
    sig_choice = Signal(str)
    """The student picked this option (a muscle id)."""
    sig_typed = Signal(str)
    """The student typed this answer and pressed Enter or Answer."""
    sig_check = Signal()
    """Check the painting, the click or the ticked muscles."""
    sig_next = Signal()
    """Go to the next card."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_label = QLabel(self)
        self.kind_label.setStyleSheet("color: palette(mid); font-weight: 600;")
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet("font-size: 15px;")
        self.buttons = [QPushButton(self) for _ in range(4)]
        self.typed = QLineEdit(self)
        self.typed.setPlaceholderText("…or type the muscle's name and press Enter")
        self.typed_button = QPushButton("Answer", self)
        typed_row = QHBoxLayout()
        typed_row.addWidget(self.typed, 1)
        typed_row.addWidget(self.typed_button)
        self.options = QListWidget(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.check_button = QPushButton("Check answer (Ctrl+Return)", self)
        self.feedback = QLabel(self)
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.RichText)
        self.feedback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.next_button = QPushButton("Next card (Ctrl+N)", self)
        self.session = QLabel(self)
        self.session.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.kind_label)
        layout.addWidget(self.prompt)
        for button in self.buttons:
            layout.addWidget(button)
            button.clicked.connect(lambda _c=False, b=button: self.sig_choice.emit(b.property("choice_id")))
        layout.addLayout(typed_row)
        layout.addWidget(self.options, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.check_button)
        layout.addWidget(self.feedback)
        layout.addWidget(self.next_button)
        layout.addStretch(0)
        layout.addWidget(self.session)
        self.typed.returnPressed.connect(lambda: self.sig_typed.emit(self.typed.text()))
        self.typed_button.clicked.connect(lambda: self.sig_typed.emit(self.typed.text()))
        self.check_button.clicked.connect(self.sig_check)
        self.next_button.clicked.connect(self.sig_next)
        self.show_idle("Choose a deck and press Study (or Exam).")

    def _hide_all(self) -> None:
        for widget in (*self.buttons, self.typed, self.typed_button, self.options, self.check_button, self.next_button):
            widget.setVisible(False)
        self.feedback.setText("")
        self.hint.setText("")

    def show_idle(self, text: str, kind: str = "") -> None:
        self._hide_all()
        self.kind_label.setText(kind)
        self.prompt.setText(text)

    def ask_choice(self, kind: str, prompt: str, choices: list[tuple[str, str]], typed: bool = True) -> None:
        self._hide_all()
        self.kind_label.setText(kind)
        self.prompt.setText(prompt)
        for button, (choice_id, name) in zip(self.buttons, choices):
            button.setText(name)
            button.setProperty("choice_id", choice_id)
            button.setStyleSheet("")
            button.setEnabled(True)
            button.setVisible(True)
        self.typed.clear()
        self.typed.setEnabled(True)
        self.typed.setVisible(typed)
        self.typed_button.setEnabled(True)
        self.typed_button.setVisible(typed)
        if typed:
            self.typed.setFocus()

    def ask_options(self, kind: str, prompt: str, options: list[tuple[str, str]]) -> None:
        """Tick several (condition cards)."""
        self._hide_all()
        self.kind_label.setText(kind)
        self.prompt.setText(prompt)
        self.options.clear()
        for option_id, name in options:
            item = QListWidgetItem(name, self.options)
            item.setData(Qt.ItemDataRole.UserRole, option_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.options.setVisible(True)
        self.options.setCurrentRow(0)
        self.options.setFocus()  # arrows move, Space ticks, Ctrl+Return checks
        self.check_button.setVisible(True)
        self.check_button.setEnabled(True)

    def ask_on_map(self, kind: str, prompt: str, hint: str) -> None:
        """Paint or click on the map, then Check."""
        self._hide_all()
        self.kind_label.setText(kind)
        self.prompt.setText(prompt)
        self.hint.setText(hint)
        self.check_button.setVisible(True)
        self.check_button.setEnabled(True)

    def ticked(self) -> list[str]:
        return [self.options.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.options.count())
                if self.options.item(i).checkState() == Qt.CheckState.Checked]

    def option_item(self, option_id: str) -> QListWidgetItem | None:
        for i in range(self.options.count()):
            if self.options.item(i).data(Qt.ItemDataRole.UserRole) == option_id:
                return self.options.item(i)
        return None

    def reveal(self, html: str, right_choice: str | None = None, wrong_choice: str | None = None,
               key: set[str] | None = None, next_text: str = "Next card (Ctrl+N)") -> None:
        """Show the judgement; lock the answer widgets; mark the right (and a wrong) choice."""
        for button in self.buttons:
            button.setEnabled(False)
            choice = button.property("choice_id")
            button.setStyleSheet(RIGHT_STYLE if choice == right_choice else WRONG_STYLE if choice == wrong_choice else "")
        self.typed.setEnabled(False)
        self.typed_button.setEnabled(False)
        self.check_button.setEnabled(False)
        if key is not None:
            for i in range(self.options.count()):
                item = self.options.item(i)
                option = item.data(Qt.ItemDataRole.UserRole)
                ticked = item.checkState() == Qt.CheckState.Checked
                mark = "✓ key" if option in key and ticked else "✗ key, missed" if option in key else \
                    "✗ not key" if ticked else ""
                item.setText(f"{item.text().split('   —')[0]}   — {mark}" if mark else item.text())
                if mark:
                    item.setForeground(QColor("#2e7d32") if mark.startswith("✓") else QColor("#c62828"))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.feedback.setText(html)
        self.next_button.setText(next_text)
        self.next_button.setVisible(True)
        self.next_button.setEnabled(True)
        self.next_button.setFocus()
