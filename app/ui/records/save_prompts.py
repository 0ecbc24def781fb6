"""What the client window asks when edits could not be saved: on close, and on a conflict.

Plain words, and never a silent loss: closing with unsaved edits offers to try again, to export
the visit as it stands in the window to a file of the user's choosing (importable later with
``tpx import``), or to discard them knowingly.
"""

from __future__ import annotations

import json
from enum import Enum

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.domain.records import Client, Visit
from app.storage.atomic_files import FileSaveError, atomic_path
from app.storage.records_document import FORMAT, VERSION
from app.storage.records_rows import client_document
from app.ui.save_location import remember_folder, suggested_path


class CloseChoice(Enum):
    SAVED = "saved"  # nothing left unsaved: close
    EXPORTED = "exported"  # the edits are in a file the user chose: close
    DISCARD = "discard"  # the user chose to lose them: close
    STAY = "stay"  # keep the window open


def export_unsaved(parent: QWidget, client: Client, visit: Visit) -> str | None:
    """Ask where, then write the visit as it is in the window (a tpx-records file); the path or None."""
    path, _ = QFileDialog.getSaveFileName(parent, "Export the unsaved visit",
                                          suggested_path(f"unsaved-visit-{visit.date}.json"),
                                          "tpx records (*.json)")
    if not path:
        return None
    remember_folder(path)
    document = {"format": FORMAT, "version": VERSION, "clients": [client_document(client, [visit])]}
    try:
        with atomic_path(path, mode=0o600) as temp:
            temp.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    except FileSaveError as exc:
        QMessageBox.warning(parent, "Export failed", f"The visit was not exported: {exc}")
        return None
    return path


def ask_before_closing(parent: QWidget, presenter) -> CloseChoice:
    """Try to save; while that fails, ask the user what to do with the edits."""
    while not presenter.save_now():
        box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved edits",
                          "This visit's latest edits could not be saved.\n\n"
                          f"{presenter.save_error or ''}\n\n"
                          "Try saving again, export the visit to a file you choose (import it later "
                          "with tpx import), or discard the edits?", parent=parent)
        retry = box.addButton("Try again", QMessageBox.ButtonRole.AcceptRole)
        export = box.addButton("Export elsewhere…", QMessageBox.ButtonRole.ActionRole)
        discard = box.addButton("Discard edits", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(retry)
        box.exec()
        clicked = box.clickedButton()
        if clicked is retry:
            continue
        if clicked is export:
            if presenter.client is not None and export_unsaved(parent, presenter.client, presenter.visit):
                return CloseChoice.EXPORTED
            continue
        if clicked is discard:
            return CloseChoice.DISCARD
        return CloseChoice.STAY
    return CloseChoice.SAVED


def settle_conflict(parent: QWidget, presenter, error) -> None:
    """Someone else saved the visit first: show both and let the user choose; nothing is overwritten."""
    theirs = getattr(error, "theirs", None)
    if not isinstance(theirs, Visit):
        theirs = presenter.records.visit(presenter.visit.id)
    box = QMessageBox(QMessageBox.Icon.Warning, "Someone else saved this visit",
                      "While you were editing, this visit was saved from another window or by another "
                      "therapist. Nothing was overwritten: their version is in the database and yours is "
                      "still here in this window.\n\n"
                      f"Theirs: therapist “{theirs.therapist}”, complaint “{theirs.chief_complaint}”, "
                      f"{len(theirs.pain.all_marks())} painted mark(s).\n"
                      f"Yours: therapist “{presenter.visit.therapist}”, complaint “{presenter.visit.chief_complaint}”, "
                      f"{len(presenter.visit.pain.all_marks())} painted mark(s).\n\n"
                      "Save yours as a separate visit of the same date (both are kept; delete one later "
                      "if you wish), or open theirs (yours is kept in the client's audit trail)?", parent=parent)
    mine = box.addButton("Save mine as a separate visit", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Open theirs", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(mine)
    box.exec()
    if box.clickedButton() is mine:
        presenter.keep_mine_as_copy(theirs)
    else:
        presenter.take_theirs(theirs)
