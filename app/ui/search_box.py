"""Search field with a result list driven from the keyboard (Up/Down, Enter, Escape)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

if TYPE_CHECKING:  # annotations only: rapidfuzz loads with the first search, not at start-up
    from app.domain.search import SearchHit

_ROLE_HIT = Qt.ItemDataRole.UserRole


class SearchBox(QWidget):
    sig_query_changed = Signal(str)
    """The text changed; the owner answers with show_results()."""
    sig_chosen = Signal(str, str)
    """A result was chosen: kind ('muscle' | 'condition'), id."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Search muscles, conditions, symptoms…  (Ctrl+F)")
        self.edit.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setVisible(False)
        self.results.setMaximumHeight(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.results)
        self.edit.textChanged.connect(self.sig_query_changed)
        self.edit.installEventFilter(self)
        self.results.itemActivated.connect(self._choose)
        self.results.itemClicked.connect(self._choose)

    def show_results(self, hits: list[SearchHit]) -> None:
        self.results.clear()
        for hit in hits:
            kind = "symptom →" if hit.kind == "symptom" else hit.kind
            text = f"{hit.title}   ({kind}{' ' + hit.detail if hit.detail else ''})"
            item = QListWidgetItem(text)
            target_kind = "condition" if hit.kind == "condition" else "muscle"
            item.setData(_ROLE_HIT, (target_kind, hit.target_id))
            self.results.addItem(item)
        self.results.setVisible(bool(hits))
        if hits:
            self.results.setCurrentRow(0)

    def _choose(self, item: QListWidgetItem) -> None:
        kind, target = item.data(_ROLE_HIT)
        self.results.setVisible(False)
        self.sig_chosen.emit(kind, target)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.edit and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.results.currentItem() is not None:
                self._choose(self.results.currentItem())
                return True
            if key == Qt.Key.Key_Escape:
                self.results.setVisible(False)
                return True
        return super().eventFilter(obj, event)
