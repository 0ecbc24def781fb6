"""Find a client by name: a search field above the client list (typo tolerant, best first).

The field holds no state of its own; the records service does the matching.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from app.domain.records import Client


class ClientSearchField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Search clients by name…")
        self.setClearButtonEnabled(True)


class ClientSearch(QObject):
    sig_results = Signal()
    """The query changed: show ``clients()`` again."""

    def __init__(self, field: ClientSearchField, records, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.field, self.records = field, records
        field.textChanged.connect(lambda _text: self.sig_results.emit())

    def clients(self) -> list[Client]:
        """The clients to list: the matches for the typed name, or everyone."""
        query = self.field.text()
        return self.records.search_clients(query) if query.strip() else self.records.clients()
