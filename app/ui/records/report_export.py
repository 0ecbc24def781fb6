"""The client window's "Visit report (PDF)…": ask where (and the clinic's name, remembered),
write the report of the visit as shown, atomically and readable by the user only (0600)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from app.storage.atomic_files import FileSaveError, atomic_path
from app.ui.records.report import write_report
from app.ui.save_location import remember_folder, suggested_path

CLINIC_KEY = "report/clinic_name"


def _check_pdf(path: Path) -> None:
    """A whole PDF: its header, and the end-of-file marker a cut-short file lacks."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise ValueError("the report came out incomplete")


def export_report(parent: QWidget, presenter, catalog) -> str | None:
    """Returns the path written, or None (cancelled or failed, said in plain words)."""
    visit, client = presenter.visit, presenter.client
    if visit is None or client is None:
        return None
    if not presenter.save_now():
        QMessageBox.warning(parent, "Visit not saved", "The latest edits are not saved yet "
                            f"({presenter.save_error}). The report shows the visit as it is in this window.")
    settings = QSettings()
    clinic, ok = QInputDialog.getText(parent, "Visit report", "Clinic name for the report's heading:",
                                      text=str(settings.value(CLINIC_KEY, "") or ""))
    if not ok:
        return None
    settings.setValue(CLINIC_KEY, clinic.strip())
    path, _ = QFileDialog.getSaveFileName(parent, "Save visit report",
                                          suggested_path(f"visit-{visit.date}-{visit.id}.pdf"),
                                          "PDF (*.pdf)")
    if not path:
        return None
    remember_folder(path)
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    try:
        with atomic_path(path, mode=0o600, check=_check_pdf) as temp:
            write_report(temp, catalog, client, visit, presenter.other_visits(), clinic.strip())
    except FileSaveError as exc:
        QMessageBox.warning(parent, "Report not written", f"The report was not written: {exc}")
        return None
    except Exception as exc:  # noqa: BLE001 - never a silent failure: the user is told, nothing replaced
        QMessageBox.warning(parent, "Report not written",
                            f"The report could not be made ({type(exc).__name__}: {exc}); no file was written.")
        return None
    return path
