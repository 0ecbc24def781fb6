"""The visit's written record: date, therapist, chief complaint, SOAP notes, red flags, the
fibromyalgia Symptom Severity Scale (2016 criteria) and the neuro screen."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QScrollArea,
    QVBoxLayout, QWidget,
)

from app.domain.records import RED_FLAGS, SOAP_FIELDS, SSS_ITEMS, SymptomSeverity, Visit
from app.ui.records.neuro_screen_panel import NeuroScreenPanel

if TYPE_CHECKING:
    from collections.abc import Mapping

SEVERITY_LEVELS = ("0 — no problem", "1 — slight or mild, intermittent", "2 — moderate, often present",
                   "3 — severe: pervasive, continuous, life-disturbing")


class _WindowUndo(QObject):
    """Leave Ctrl+Z / redo to the window's undo stack: a text box's own undo would change the
    field behind the stack's back (two undo histories, the window's one then out of step)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()  # not claimed by the text box: the window's Undo/Redo shortcut fires
            return True
        return False


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
        self.date.setDisplayFormat("yyyy-MM-dd")  # as in the visit list; typed year, month, day in order
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
        layout.addWidget(self._build_sss())
        # The neuro screen (~150 drop-downs, ~6.5 MB of widgets) is built when the Visit tab is
        # first shown: a person who paints and reads the candidates never pays for it.
        self._neuro: NeuroScreenPanel | None = None
        self._neuro_screen: Mapping[str, Any] = {}  # the open visit's, shown once the section exists
        self._neuro_slot = QVBoxLayout()
        layout.addLayout(self._neuro_slot)
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
        self._window_undo = _WindowUndo(self)
        for edit in (self.therapist, self.complaint, self.notes, *self.soap.values()):
            edit.installEventFilter(self._window_undo)
        self.sss_box.toggled.connect(lambda _on: self._emit_sss())
        for widget in self.sss.values():
            (widget.currentIndexChanged if isinstance(widget, QComboBox) else widget.toggled).connect(
                lambda _v: self._emit_sss())

    @property
    def neuro(self) -> NeuroScreenPanel:
        """The neuro screen section, built (showing the open visit's screen) the first time it is needed."""
        if self._neuro is None:
            panel = NeuroScreenPanel(self)
            panel.load(self._neuro_screen)
            panel.sig_edited.connect(self._emit)
            panel.note.installEventFilter(self._window_undo)
            self._neuro_slot.addWidget(panel)
            self._neuro = panel
        return self._neuro

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.neuro  # noqa: B018 - built before it is first seen
        super().showEvent(event)

    def _build_sss(self) -> QGroupBox:
        """Checkable: unticked means the scale was not asked at this visit."""
        self.sss_box = QGroupBox("Symptom Severity Scale asked (2016 fibromyalgia criteria)", self)
        self.sss_box.setCheckable(True)
        self.sss_box.setChecked(False)
        form = QFormLayout(self.sss_box)
        self.sss: dict[str, QComboBox | QCheckBox] = {}
        for name, (question, highest) in SSS_ITEMS.items():
            if highest == 3:
                combo = QComboBox(self)
                combo.addItems(list(SEVERITY_LEVELS))
                self.sss[name] = combo
                form.addRow(question, combo)
            else:
                box = QCheckBox(question, self)
                self.sss[name] = box
                form.addRow("", box)
        self.sss_score = QLabel(self)
        form.addRow("SSS score", self.sss_score)
        return self.sss_box

    def symptom_severity(self) -> SymptomSeverity | None:
        if not self.sss_box.isChecked():
            return None
        return SymptomSeverity(**{name: (w.currentIndex() if isinstance(w, QComboBox) else int(w.isChecked()))
                                  for name, w in self.sss.items()})

    def _emit_sss(self) -> None:
        value = self.symptom_severity()
        self.sss_score.setText(f"{value.score}/12" if value is not None else "not asked")
        self._emit("symptom_severity", value)

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
            sss = visit.symptom_severity
            self.sss_box.setChecked(sss is not None)
            for name, widget in self.sss.items():
                value = getattr(sss, name) if sss is not None else 0
                if isinstance(widget, QComboBox):
                    widget.setCurrentIndex(value)
                else:
                    widget.setChecked(bool(value))
            self.sss_score.setText(f"{sss.score}/12" if sss is not None else "not asked")
            self._neuro_screen = visit.neuro_screen
            if self._neuro is not None:
                self._neuro.load(visit.neuro_screen)
        finally:
            self._loading = False
