"""Left column of the client screen: the client list, the open client's details, their visits."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QVBoxLayout, QWidget,
)

from app.domain.records import Client, Visit

_ROLE = Qt.ItemDataRole.UserRole


UNKNOWN_BIRTH_DATE = QDate(1849, 12, 31)  # records_format accepts births from 1850-01-01


class ClientPanel(QWidget):
    sig_client_chosen = Signal(int)
    """The user picked a client (id)."""
    sig_visit_chosen = Signal(int)
    """The user picked a visit (id)."""
    sig_details_edited = Signal()
    """The user finished editing the client's details (read them with edited_client)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Clients</b>"))
        self.clients = QListWidget(self)
        layout.addWidget(self.clients, 2)
        row = QHBoxLayout()
        self.new_client_button = QPushButton("New client…", self)
        self.erase_client_button = QPushButton("Erase…", self)
        row.addWidget(self.new_client_button)
        row.addWidget(self.erase_client_button)
        layout.addLayout(row)
        details = QFormLayout()
        self.name = QLineEdit(self)
        self.born = QDateEdit(self)
        self.born.setCalendarPopup(True)
        self.born.setDisplayFormat("yyyy-MM-dd")
        # The minimum date stands for "no date of birth" (shown as "unknown"): one day before the
        # earliest birth the records format accepts, so no real date is ever clamped onto it.
        self.born.setMinimumDate(UNKNOWN_BIRTH_DATE)
        self.born.setMaximumDate(QDate.currentDate())
        self.born.setSpecialValueText("unknown")
        self.contact = QLineEdit(self)
        self.consent = QCheckBox("Consent given", self)
        self.notes = QLineEdit(self)
        for label, widget in (("Name", self.name), ("Born", self.born), ("Contact", self.contact),
                              ("", self.consent), ("Notes", self.notes)):
            details.addRow(label, widget)
        layout.addLayout(details)
        layout.addWidget(QLabel("<b>Visits</b>"))
        self.visits = QListWidget(self)
        layout.addWidget(self.visits, 2)
        self.new_visit_button = QPushButton("New visit", self)
        layout.addWidget(self.new_visit_button)
        self._client: Client | None = None
        self.show_client(None, editable=False)  # no client yet: empty, disabled details
        self.clients.currentItemChanged.connect(
            lambda cur, _prev: cur is not None and self.sig_client_chosen.emit(cur.data(_ROLE)))
        self.visits.currentItemChanged.connect(
            lambda cur, _prev: cur is not None and self.sig_visit_chosen.emit(cur.data(_ROLE)))
        for widget in (self.name, self.contact, self.notes):
            widget.editingFinished.connect(self.sig_details_edited)
        self.consent.toggled.connect(lambda _on: self.sig_details_edited.emit())
        self.born.dateChanged.connect(lambda _d: self.sig_details_edited.emit())

    def set_clients(self, clients: list[Client], select: int | None, editable: bool) -> None:
        self.clients.blockSignals(True)
        self.clients.clear()
        for client in clients:
            item = QListWidgetItem(client.name)
            item.setData(_ROLE, client.id)
            self.clients.addItem(item)
            if client.id == select:
                self.clients.setCurrentItem(item)
        self.clients.blockSignals(False)
        for button in (self.new_client_button, self.erase_client_button, self.new_visit_button):
            button.setEnabled(editable)

    def show_client(self, client: Client | None, editable: bool) -> None:
        self._client = client
        widgets = (self.name, self.born, self.contact, self.consent, self.notes)
        for w in widgets:
            w.blockSignals(True)
        self.name.setText(client.name if client else "")
        self.contact.setText(client.contact if client else "")
        self.notes.setText(client.notes if client else "")
        self.consent.setChecked(bool(client and client.consent_given))
        dob = client.date_of_birth if client else None
        self.born.setDate(QDate(dob.year, dob.month, dob.day) if dob else self.born.minimumDate())
        for w in widgets:
            w.blockSignals(False)
            w.setEnabled(client is not None and editable)

    def edited_client(self) -> Client | None:
        """The shown client with the details as typed; None if there is nothing valid to save."""
        client = self._client
        if client is None or not self.name.text().strip():
            return None
        d = self.born.date()
        born = None if d == self.born.minimumDate() else date(d.year(), d.month(), d.day())
        consent = self.consent.isChecked()
        return dataclasses.replace(
            client, name=self.name.text().strip(), contact=self.contact.text(), notes=self.notes.text(),
            date_of_birth=born, consent_given=consent,
            consent_date=(client.consent_date or date.today()) if consent else None)

    def set_visits(self, visits: list[Visit], current: int | None) -> None:
        """Newest first."""
        self.visits.blockSignals(True)
        self.visits.clear()
        # Two visits on one day must not look alike: the later ones are numbered ("2026-12-04 (2)").
        seen: dict[date, int] = {}
        number = {}
        for visit in visits:
            seen[visit.date] = seen.get(visit.date, 0) + 1
            number[visit.id] = seen[visit.date]
        for visit in reversed(visits):
            signed = "✓ " if visit.signed else ""  # signed (finalised); see the charting bar
            day = f"{visit.date:%Y-%m-%d}" + (f" ({number[visit.id]})" if seen[visit.date] > 1 else "")
            item = QListWidgetItem(f"{day}  {signed}{visit.chief_complaint}".strip())
            item.setData(_ROLE, visit.id)
            self.visits.addItem(item)
            if visit.id == current:
                self.visits.setCurrentItem(item)
        self.visits.blockSignals(False)
