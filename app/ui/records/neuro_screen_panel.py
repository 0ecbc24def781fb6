"""The visit form's "Neuro screen" section: light touch and pinprick at the ISNCSCI key points,
key-muscle strength, reflexes and provocation tests, per side, and a note.

Every choice starts at "—" (not tested) and only what the therapist picks is recorded.  The
section reports each change as ``("neuro_screen.<item>", value)``; the presenter makes it an undo
step and the autosave stores it with the visit.  Above the checklist, the screen's red flags and
the roots its findings fit are shown as the report will show them.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget,
)

from app.domain import neuro_screen as ns

NOT_TESTED = "—"
TRUNK_ROOTS = tuple(f"T{i}" for i in range(2, 13))  # rarely screened by a therapist: folded away


class ChoiceBox(QComboBox):
    """A combo that lets the wheel scroll the form: 150 of them under the pointer would otherwise
    change whichever the wheel passed over."""

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        event.ignore()


class SlrAngle(QSpinBox):
    """Degrees at which the straight-leg raise brought on the symptoms; the lowest value is "—"."""

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        event.ignore()


def _side_header(grid: QGridLayout, row: int, titles: list[str]) -> None:
    for column, title in enumerate(titles):
        label = QLabel(f"<b>{escape(title)}</b>")
        grid.addWidget(label, row, column)


class NeuroScreenPanel(QGroupBox):
    sig_edited = Signal(str, object)
    """The user changed an item: 'neuro_screen.<test>.<site>.<side>' (or slr_angle.<side>, note), new value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Neuro screen (record only what you tested)", parent)
        self.setObjectName("neuro_screen")
        self.choices: dict[str, ChoiceBox] = {}
        self._trunk_rows: list[QWidget] = []
        self._loading = False
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(self._sensation())
        layout.addWidget(self._table("Key muscles (0–5)", "strength",
                                     [(root, f"{root} {muscle}") for root, muscle in ns.KEY_MUSCLES.items()]))
        layout.addWidget(self._table("Reflexes", "reflex",
                                     [(rid, f"{name.capitalize()} ({root})") for rid, (name, root) in ns.REFLEXES.items()]))
        layout.addWidget(self._provocation())
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText("Neuro screen note (what reproduced the symptoms, how it felt…)")
        self.note.setMaximumHeight(60)
        layout.addWidget(self.note)
        self.note.textChanged.connect(lambda: self._emit("note", self.note.toPlainText()))
        self._show_summary(ns.empty_neuro_screen())

    # Building -------------------------------------------------------------------------------
    def _choice(self, test: str, site: str, side: str) -> ChoiceBox:
        name = ns.key(test, site, side)
        box = ChoiceBox(self)
        box.setObjectName(name)
        box.addItem(NOT_TESTED, None)
        for value in ns.TESTS[test][1]:
            box.addItem(str(value), value)
        box.setToolTip(f"{ns.TEST_TITLES[test]}, {site}, client's {side}")
        box.currentIndexChanged.connect(lambda _i, n=name, b=box: self._emit(n, b.currentData()))
        self.choices[name] = box
        return box

    def _sensation(self) -> QGroupBox:
        box = QGroupBox("Sensation at the key points (client's sides)", self)
        outer = QVBoxLayout(box)
        self.trunk_toggle = QCheckBox("Show the trunk key points T2–T12", box)
        outer.addWidget(self.trunk_toggle)
        grid = QGridLayout()
        outer.addLayout(grid)
        _side_header(grid, 0, ["Root", "Touch L", "Touch R", "Pinprick L", "Pinprick R"])
        for row, root in enumerate(ns.SENSORY_ROOTS, 1):
            cells: list[QWidget] = [QLabel(root, box)]
            cells += [self._choice(test, root, side) for test in ("light_touch", "pinprick") for side in ns.SIDES]
            for column, cell in enumerate(cells):
                grid.addWidget(cell, row, column)
            if root in TRUNK_ROOTS:
                self._trunk_rows += cells
        self.trunk_toggle.toggled.connect(self._show_trunk)
        self._show_trunk(False)
        return box

    def _table(self, title: str, test: str, rows: list[tuple[str, str]]) -> QGroupBox:
        box = QGroupBox(title, self)
        grid = QGridLayout(box)
        _side_header(grid, 0, ["", "Client's left", "Client's right"])
        for row, (site, label) in enumerate(rows, 1):
            grid.addWidget(QLabel(label, box), row, 0)
            for column, side in enumerate(ns.SIDES, 1):
                grid.addWidget(self._choice(test, site, side), row, column)
        return box

    def _provocation(self) -> QGroupBox:
        box = self._table("Provocation tests", "provocation",
                          [(tid, name) for tid, (name, _why, _roots) in ns.PROVOCATION_TESTS.items()])
        row = QHBoxLayout()
        row.addWidget(QLabel("Straight-leg raise angle:", box))
        self.slr_angles: dict[str, SlrAngle] = {}
        for side in ns.SIDES:
            spin = SlrAngle(box)
            spin.setObjectName(ns.slr_key(side))
            spin.setRange(-1, ns.SLR_MAX_DEGREES)
            spin.setSpecialValueText(NOT_TESTED)  # shown at -1: no angle recorded
            spin.setSuffix("°")
            spin.setValue(-1)
            spin.setKeyboardTracking(False)  # typing "45" is one edit (45), not two (4, then 45)
            spin.valueChanged.connect(lambda v, s=side: self._emit(ns.slr_key(s), None if v < 0 else v))
            row.addWidget(QLabel(side.capitalize(), box))
            row.addWidget(spin)
            self.slr_angles[side] = spin
        row.addStretch(1)
        grid = box.layout()
        assert isinstance(grid, QGridLayout)
        grid.addLayout(row, grid.rowCount(), 0, 1, 3)
        return box

    def _show_trunk(self, on: bool) -> None:
        for widget in self._trunk_rows:
            widget.setVisible(on)

    # Showing ------------------------------------------------------------------------------------
    def _emit(self, name: str, value: Any) -> None:
        if not self._loading:
            self.sig_edited.emit(f"neuro_screen.{name}", value)

    def load(self, screen: Mapping[str, Any]) -> None:
        """Show ``screen`` (every item; None: not tested) without reporting edits."""
        self._loading = True
        try:
            for name, box in self.choices.items():
                index = max(0, box.findData(screen.get(name))) if screen.get(name) is not None else 0
                if box.currentIndex() != index:
                    box.setCurrentIndex(index)
            for side, spin in self.slr_angles.items():
                angle = screen.get(ns.slr_key(side))
                spin.setValue(-1 if angle is None else angle)
            note = screen.get("note") or ""
            if self.note.toPlainText() != note:
                self.note.setPlainText(note)
            if any(screen.get(ns.key(t, r, s)) is not None for t in ("light_touch", "pinprick")
                   for r in TRUNK_ROOTS for s in ns.SIDES):
                self.trunk_toggle.setChecked(True)  # never hide a recorded finding
            self._show_summary(screen)
        finally:
            self._loading = False

    def _show_summary(self, screen: Mapping[str, Any]) -> None:
        summary = ns.summarize(screen)
        if summary.empty:
            self.summary.setText("<i>Nothing tested yet.</i>")
            return
        parts = [f"<p style='color:#b00020'><b>RED FLAG:</b> {escape(flag, quote=False)}</p>" for flag in summary.red_flags]
        parts += [f"<p><b>{escape(fit, quote=False)}</b></p>" for fit in summary.fits]
        parts.append(f"<p>{len(summary.abnormal)} abnormal, {len(summary.normal)} normal finding(s) recorded.</p>")
        self.summary.setText("".join(parts))
