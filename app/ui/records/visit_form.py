"""The visit's written record: date, therapist, chief complaint, SOAP notes, red flags."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QScrollArea, QVBoxLayout,
    QWidget,
)

from app.domain.records import RED_FLAGS, SOAP_FIELDS, Visit


class VisitForm(QScrollArea):
    sig_edited = Signal(str, object)
    """The user changed a field: name (e.g. 'therapist', 'soap.plan', 'red_flags.fever'), new value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        form = QFormLayout()
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.therapist = QLineEdit(self)
        self.complaint = QLineEdit(self)
        form.addRow("Date", self.date)
        form.addRow("Therapist", self.therapist)
        form.addRow("Chief complaint", self.complaint)
        layout.addLayout(form)
        self.soap: dict[str, QPlainTextEdit] = {}
        for name in SOAP_FIELDS:
            edit = QPlainTextEdit(self)
            edit.setPlaceholderText(name.capitalize())
            edit.setMaximumHeight(70)
            self.soap[name] = edit
            layout.addWidget(QLabel(name.capitalize()))
            layout.addWidget(edit)
        flags = QGroupBox("Red flags (any tick: refer to a physician before treating)", self)
        flag_layout = QVBoxLayout(flags)
        self.flags: dict[str, QCheckBox] = {}
        for key, text in RED_FLAGS.items():
            box = QCheckBox(text, self)
            self.flags[key] = box
            flag_layout.addWidget(box)
        layout.addWidget(flags)
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText("Notes")
        self.notes.setMaximumHeight(70)
        layout.addWidget(self.notes)
        layout.addStretch(1)
        self.setWidget(body)
        self._loading = False
        self.date.dateChanged.connect(lambda d: self._emit("date", date(d.year(), d.month(), d.day())))
        self.therapist.textEdited.connect(lambda t: self._emit("therapist", t))
        self.complaint.textEdited.connect(lambda t: self._emit("chief_complaint", t))
        self.notes.textChanged.connect(lambda: self._emit("notes", self.notes.toPlainText()))
        for name, edit in self.soap.items():
            edit.textChanged.connect(lambda n=name, e=edit: self._emit(f"soap.{n}", e.toPlainText()))
        for key, box in self.flags.items():
            box.toggled.connect(lambda on, k=key: self._emit(f"red_flags.{k}", on))

    def _emit(self, name: str, value) -> None:
        if not self._loading:
            self.sig_edited.emit(name, value)

    def load(self, visit: Visit | None, read_only: bool = False) -> None:
        self._loading = True
        try:
            self.setEnabled(visit is not None and not read_only)
            if visit is None:
                return
            self.date.setDate(QDate(visit.date.year, visit.date.month, visit.date.day))
            for widget, text in ((self.therapist, visit.therapist), (self.complaint, visit.chief_complaint)):
                if widget.text() != text:
                    widget.setText(text)
            if self.notes.toPlainText() != visit.notes:
                self.notes.setPlainText(visit.notes)
            for name, edit in self.soap.items():
                if edit.toPlainText() != visit.soap.get(name, ""):
                    edit.setPlainText(visit.soap.get(name, ""))
            for key, box in self.flags.items():
                box.setChecked(bool(visit.red_flags.get(key)))
        finally:
            self._loading = False
