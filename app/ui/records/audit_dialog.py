"""The client's audit trail (what happened, when, by whom) and every amended visit's signed
original, side by side with what it says now."""

from __future__ import annotations

import json
from html import escape

from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QTabWidget, QTextBrowser,
    QVBoxLayout, QWidget,
)

from app.domain.records import SOAP_FIELDS, AuditEvent, Visit

ACTION_WORDS = {
    "created": "created", "changed": "changed", "signed": "signed", "amended": "amended", "exported": "exported",
    "imported": "imported", "erased": "erased", "deleted": "deleted (kept here)", "restored": "restored",
    "conflict": "save refused (someone else saved first; this version kept)",
}


def event_detail(event: AuditEvent) -> str:
    """One readable line; a deleted or refused visit's JSON becomes its date and chief complaint."""
    if event.action in ("deleted", "conflict") and event.detail.startswith("{"):
        try:
            kept = json.loads(event.detail)
            return f"visit of {kept.get('date')} — {kept.get('chief_complaint') or 'no complaint noted'}"
        except ValueError:
            pass
    return event.detail


CHANGED = " <span style='color:#b00020'>(changed)</span>"


def _visit_text(title: str, document: dict, before: dict | None = None) -> str:
    """The visit's date, complaint, SOAP and notes; with ``before``, fields that differ are marked."""
    def mark(changed: bool) -> str:
        return CHANGED if before is not None and changed else ""

    soap, old_soap = document.get("soap", {}), (before or {}).get("soap", {})
    rows = "".join(f"<p><b>{name.capitalize()}:</b>{mark(soap.get(name) != old_soap.get(name))} "
                   f"{escape(soap.get(name, '')).replace(chr(10), '<br>')}</p>" for name in SOAP_FIELDS)
    old = before or {}
    return (f"<h4>{escape(title)}</h4><p><b>Date:</b>{mark(document.get('date') != old.get('date'))} "
            f"{escape(str(document.get('date')))} · <b>Chief complaint:</b>"
            f"{mark(document.get('chief_complaint') != old.get('chief_complaint'))} "
            f"{escape(document.get('chief_complaint') or '')}</p>{rows}"
            f"<p><b>Notes:</b>{mark(document.get('notes') != old.get('notes'))} "
            f"{escape(document.get('notes') or '')}</p>")


def amendments_html(visits: list[Visit]) -> str:
    parts = []
    for visit in visits:
        for n, amendment in enumerate(visit.amendments, 1):
            parts.append(f"<h3>Visit of {visit.date:%Y-%m-%d} — amendment {n}</h3>"
                         f"<p><b>By</b> {escape(amendment.author)} <b>on</b> {amendment.at:%Y-%m-%d %H:%M} UTC. "
                         f"<b>Reason:</b> {escape(amendment.reason)}</p>"
                         + _visit_text("As signed before this amendment (original)", amendment.original))
        if visit.amendments:
            current = {"date": visit.date.isoformat(), "chief_complaint": visit.chief_complaint,
                       "soap": visit.soap, "notes": visit.notes}
            parts.append(_visit_text(f"Now ({'signed' if visit.signed else 'not signed again yet'})", current,
                                     visit.amendments[-1].original))
    return "".join(parts) or "<p>No visit of this client has been amended.</p>"


class AuditDialog(QDialog):
    def __init__(self, client_name: str, events: list[AuditEvent], visits: list[Visit],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Audit trail — {client_name}")
        self.resize(820, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{escape(client_name)}</b>: everything recorded about these records, "
                                "oldest first (times in UTC).", self))
        self.tabs = QTabWidget(self)
        self.table = QTableWidget(len(events), 4, self)
        self.table.setHorizontalHeaderLabels(["When (UTC)", "What", "Who", "Details"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, event in enumerate(events):
            cells = (f"{event.at:%Y-%m-%d %H:%M}", ACTION_WORDS.get(event.action, event.action), event.actor,
                     event_detail(event))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.amendments = QTextBrowser(self)
        self.amendments.setHtml(amendments_html(visits))
        self.tabs.addTab(self.table, f"Events ({len(events)})")
        self.tabs.addTab(self.amendments, f"Amendments ({sum(len(v.amendments) for v in visits)})")
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
