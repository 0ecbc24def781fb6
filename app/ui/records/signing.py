"""Visit charting actions on the client screen: sign (finalise) a visit, amend a signed one
(name, reason; the original is kept and shown), delete a visit (kept in the audit trail),
start a visit from the previous one's SOAP, and open the client's audit trail.

``ChartingBar`` is the row of buttons and the signature line; ``ChartingController`` does the
work through the records service and the visit presenter.  The therapist's name is asked
once (prefilled from the last time, app/services/preferences.py) and remembered.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QGridLayout, QInputDialog, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.domain.records import Visit
from app.services.preferences import remember_therapist, remembered_therapist
from app.services.records_service import ConflictError, UserDatabaseError
from app.ui.records.audit_dialog import AuditDialog


def signature_line(visit: Visit | None) -> str:
    """What the bar says about the open visit's signature and amendments (plain text)."""
    if visit is None:
        return ""
    amended = ""
    if visit.amendments:
        last = visit.amendments[-1]
        amended = (f" Amended {len(visit.amendments)}× — last by {last.author} on {last.at:%Y-%m-%d %H:%M} UTC: "
                   f"“{last.reason}” (original kept: Audit trail…).")
    if visit.signed:
        return f"Signed by {visit.signed_by} on {visit.signed_at:%Y-%m-%d %H:%M} UTC.{amended}"
    if visit.amendments:
        return f"Being amended — not signed again yet.{amended}"
    return "Draft — not signed."


class ChartingBar(QWidget):
    """The open visit's signature line and the visit-level charting buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.signature = QLabel(self)
        self.signature.setWordWrap(True)
        layout.addWidget(self.signature)
        grid = QGridLayout()
        self.from_previous_button = QPushButton("New visit from last SOAP", self)
        self.from_previous_button.setToolTip("A new visit today starting with the previous visit's SOAP notes")
        self.sign_button = QPushButton("Sign visit…", self)
        self.sign_button.setToolTip("Finalise the visit; later changes need an amendment with a reason")
        self.amend_button = QPushButton("Amend…", self)
        self.amend_button.setToolTip("Change a signed visit: your name and a reason are recorded; "
                                     "the signed original is kept")
        self.delete_button = QPushButton("Delete visit…", self)
        self.audit_button = QPushButton("Audit trail…", self)
        for index, button in enumerate((self.from_previous_button, self.sign_button, self.amend_button,
                                        self.delete_button, self.audit_button)):
            grid.addWidget(button, index // 2, index % 2)
        layout.addLayout(grid)

    def show_state(self, visit: Visit | None, has_client: bool, has_visits: bool, writable: bool) -> None:
        self.signature.setText(signature_line(visit))
        signed = visit is not None and visit.signed
        self.signature.setStyleSheet("color: #1b5e20; font-weight: bold;" if signed else "")
        self.from_previous_button.setEnabled(writable and has_client and has_visits)
        self.sign_button.setEnabled(writable and visit is not None and not signed)
        self.amend_button.setEnabled(writable and signed)
        self.delete_button.setEnabled(writable and visit is not None)
        self.audit_button.setEnabled(has_client)


class ChartingController(QObject):
    sig_fields_locked = Signal()
    """The open visit was signed or reopened: reload the form (editable or not)."""
    sig_status = Signal(str)
    """A plain-words line for the status bar."""

    def __init__(self, bar: ChartingBar, presenter, parent: QWidget) -> None:
        super().__init__(parent)
        self.bar, self.presenter, self.window = bar, presenter, parent
        bar.sign_button.clicked.connect(self.sign)
        bar.amend_button.clicked.connect(self.amend)
        bar.delete_button.clicked.connect(self.delete)
        bar.audit_button.clicked.connect(self.show_audit)
        bar.from_previous_button.clicked.connect(self.new_from_previous)
        presenter.sig_visit_opened.connect(self.refresh)
        presenter.sig_visits_changed.connect(self.refresh)
        self.audit_dialog: AuditDialog | None = None
        if remembered_therapist():  # the audit trail names the therapist, not the computer's login
            self.records.actor = remembered_therapist()
        self.refresh()

    @property
    def records(self):
        return self.presenter.records

    def refresh(self) -> None:
        p = self.presenter
        self.bar.show_state(p.visit, p.client is not None, bool(p.visits), not self.records.read_only)

    def ask_therapist(self, title: str) -> str | None:
        """The therapist's name (prefilled with the remembered one), remembered; None if cancelled."""
        name, ok = QInputDialog.getText(self.window, title, "Your name (therapist):", text=remembered_therapist())
        if not ok or not name.strip():
            return None
        remember_therapist(name.strip())
        self.records.actor = name.strip()
        return name.strip()

    def _fail(self, what: str, exc: Exception) -> None:
        QMessageBox.warning(self.window, what, f"{what}: {exc}")
        self.sig_status.emit(f"{what}: {exc}")

    def sign(self) -> None:
        visit = self.presenter.visit
        if visit is None or visit.signed:
            return
        if not self.presenter.save_now():
            self._fail("Not signed", Exception("the latest edits are not saved yet"))
            return
        name = self.ask_therapist("Sign visit")
        if name is None:
            return
        visit = self.presenter.visit
        answer = QMessageBox.question(self.window, "Sign visit",
                                      f"Sign the visit of {visit.date:%Y-%m-%d} as {name}?\n\nAfter signing, "
                                      "any change is an amendment with your name and a reason; the signed "
                                      "version is kept.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.records.sign_visit(visit, name)  # updates the open visit in place
        except (ConflictError, UserDatabaseError, ValueError) as exc:
            self._fail("Not signed", exc)
            return
        self.presenter.undo_stack.clear()  # the signed version is final: no undo back past it
        self.presenter.sig_visits_changed.emit()  # the visit list marks it signed
        self.sig_status.emit(f"Signed by {name}. To change this visit, use Amend… (your name and a reason "
                             "are recorded; the signed version is kept).")
        self.sig_fields_locked.emit()
        self.refresh()

    def amend(self) -> None:
        visit = self.presenter.visit
        if visit is None or not visit.signed:
            return
        name = self.ask_therapist("Amend a signed visit")
        if name is None:
            return
        reason, ok = QInputDialog.getText(self.window, "Amend a signed visit",
                                          "Reason for the amendment (kept with the visit):")
        if not ok or not reason.strip():
            self.sig_status.emit("Not amended: an amendment needs a reason.")
            return
        try:
            self.records.amend_visit(visit, name, reason.strip())
        except (ConflictError, UserDatabaseError, ValueError) as exc:
            self._fail("Not amended", exc)
            return
        self.presenter.sig_visits_changed.emit()
        self.sig_status.emit("Amending: edit the visit, then sign it again. The signed original is kept.")
        self.sig_fields_locked.emit()
        self.refresh()

    def delete(self) -> None:
        p = self.presenter
        visit, client = p.visit, p.client
        if visit is None or client is None:
            return
        answer = QMessageBox.question(self.window, "Delete visit",
                                      f"Delete the visit of {visit.date:%Y-%m-%d}? It disappears from the list; "
                                      "its last state is kept in the client's audit trail.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            p.save_now()
            self.records.delete_visit(visit.id)
        except (ConflictError, UserDatabaseError) as exc:
            self._fail("Not deleted", exc)
            return
        p.open_client(client.id)  # the list without it; the latest remaining visit opens
        self.sig_status.emit(f"Deleted the visit of {visit.date:%Y-%m-%d} (kept in the audit trail).")

    def new_from_previous(self) -> None:
        p = self.presenter
        if p.client is None or not p.save_now():
            return
        try:
            visit = self.records.visit_from_previous(p.client.id, date.today(), remembered_therapist())
        except (UserDatabaseError, ValueError) as exc:
            self._fail("No new visit", exc)
            return
        p.open_client(p.client.id)
        p.open_visit(visit.id)
        self.sig_status.emit("New visit started from the previous visit's SOAP notes.")

    def show_audit(self) -> AuditDialog | None:
        p = self.presenter
        if p.client is None:
            return None
        p.save_now()
        self.audit_dialog = AuditDialog(p.client.name, self.records.audit(p.client.id), p.visits, self.window)
        self.audit_dialog.show()
        return self.audit_dialog
