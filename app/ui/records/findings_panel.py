"""What the therapist found and did: palpated trigger points and treatment given."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QGroupBox, QHBoxLayout, QLineEdit, QListWidget, QPushButton, QVBoxLayout, QWidget,
)

from app.domain.records import TRP_STATUSES, PalpatedTrP, TreatmentGiven


class FindingsPanel(QWidget):
    sig_findings = Signal(list)
    """The user changed the list of palpated trigger points (new list)."""
    sig_treatments = Signal(list)
    """The user changed the list of treatments (new list)."""

    def __init__(self, trigger_points: list[tuple[str, str, str]], techniques: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        """trigger_points: (trp id, muscle id, label); techniques: (id, name)."""
        super().__init__(parent)
        self._findings: list[PalpatedTrP] = []
        self._treatments: list[TreatmentGiven] = []
        self._trps = {t[0]: t for t in trigger_points}
        layout = QVBoxLayout(self)
        box = QGroupBox("Palpated trigger points", self)
        b = QVBoxLayout(box)
        self.findings_list = QListWidget(self)
        row = QHBoxLayout()
        self.trp_combo = QComboBox(self)
        self.trp_combo.setEditable(True)
        for trp_id, _m, label in sorted(trigger_points, key=lambda t: t[2]):
            self.trp_combo.addItem(label, trp_id)
        self.side_combo = QComboBox(self)
        self.side_combo.addItems(["right", "left", "midline"])
        self.status_combo = QComboBox(self)
        self.status_combo.addItems(list(TRP_STATUSES))
        add = QPushButton("Add", self)
        remove = QPushButton("Remove", self)
        for w in (self.trp_combo, self.side_combo, self.status_combo, add, remove):
            row.addWidget(w)
        b.addWidget(self.findings_list)
        b.addLayout(row)
        layout.addWidget(box)
        tbox = QGroupBox("Treatment given", self)
        t = QVBoxLayout(tbox)
        self.treatment_list = QListWidget(self)
        trow = QHBoxLayout()
        self.technique_combo = QComboBox(self)
        for tid, name in techniques:
            self.technique_combo.addItem(name, tid)
        self.minutes = QDoubleSpinBox(self)
        self.minutes.setRange(0, 180)
        self.minutes.setSuffix(" min")
        self.response = QLineEdit(self)
        self.response.setPlaceholderText("Response (e.g. pain 6→3, ROM improved)")
        tadd = QPushButton("Add", self)
        tremove = QPushButton("Remove", self)
        for w in (self.technique_combo, self.minutes, self.response, tadd, tremove):
            trow.addWidget(w)
        t.addWidget(self.treatment_list)
        t.addLayout(trow)
        layout.addWidget(tbox)
        add.clicked.connect(self._add_finding)
        remove.clicked.connect(lambda: self._remove(self.findings_list, self._findings, self.sig_findings))
        tadd.clicked.connect(self._add_treatment)
        tremove.clicked.connect(lambda: self._remove(self.treatment_list, self._treatments, self.sig_treatments))

    def load(self, findings: list[PalpatedTrP], treatments: list[TreatmentGiven], enabled: bool) -> None:
        self._findings, self._treatments = list(findings), list(treatments)
        self.findings_list.clear()
        for f in findings:
            label = self._trps.get(f.trigger_point_id, (None, None, f.muscle_id))[2]
            self.findings_list.addItem(f"{label} — client's {f.side}, {f.status}")
        self.treatment_list.clear()
        for tr in treatments:
            self.treatment_list.addItem(f"{tr.technique.replace('_', ' ')} — {tr.duration_min:g} min — {tr.response}")
        self.setEnabled(enabled)

    def _add_finding(self) -> None:
        trp_id = self.trp_combo.currentData()
        if trp_id not in self._trps:
            return
        finding = PalpatedTrP(self._trps[trp_id][1], trp_id, self.side_combo.currentText(),
                              self.status_combo.currentText())
        self.sig_findings.emit([*self._findings, finding])

    def _add_treatment(self) -> None:
        treatment = TreatmentGiven(self.technique_combo.currentData() or "ischemic_compression", None, None,
                                   float(self.minutes.value()), self.response.text().strip())
        self.sig_treatments.emit([*self._treatments, treatment])

    @staticmethod
    def _remove(widget: QListWidget, items: list, signal) -> None:
        row = widget.currentRow()
        if 0 <= row < len(items):
            signal.emit(items[:row] + items[row + 1:])
