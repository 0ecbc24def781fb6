"""Condition browser: a filterable list; choosing one shows its page in the info panel."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

_ROLE = Qt.ItemDataRole.UserRole


class ConditionsPanel(QWidget):
    sig_chosen = Signal(str)
    """A condition was chosen (id)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter conditions…")
        self.list = QListWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        self.filter.textChanged.connect(self._apply_filter)
        self.list.currentItemChanged.connect(lambda cur, _p: cur is not None and self.sig_chosen.emit(cur.data(_ROLE)))

    def set_conditions(self, items: list[tuple[str, str]]) -> None:
        self.list.clear()
        for condition_id, name in items:
            item = QListWidgetItem(name)
            item.setData(_ROLE, condition_id)
            self.list.addItem(item)

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().lower())
