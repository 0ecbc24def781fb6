"""File menu commands of the explorer: charts, the review sheet, printing, records import/export.

Each asks for a file with the standard dialog, reports the outcome in one line, and never
leaves a half-written file: exports go to a temporary file renamed into place.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QGraphicsView, QMessageBox, QWidget

from app.services.catalog_service import CatalogService
from app.ui.chart_export import ExportCancelled, export_chart, write_pdf
from app.ui.progress import ProgressRun
from app.ui.save_location import remember_folder, suggested_path


def export_chart_dialog(parent: QWidget, service: CatalogService, muscle_id: str) -> Path | None:
    name = service.muscle(muscle_id).name
    path, _ = QFileDialog.getSaveFileName(parent, f"Export the {name} chart", suggested_path(f"{muscle_id}.pdf"),
                                          "PDF (*.pdf);;PNG image (*.png);;SVG drawing (*.svg)")
    if not path:
        return None
    remember_folder(path)
    out = Path(path)
    if out.suffix.lower() not in (".pdf", ".png", ".svg"):
        out = out.with_suffix(".pdf")
    try:
        export_chart(service, muscle_id, out)
    except OSError as exc:
        QMessageBox.warning(parent, "Export chart", f"The chart was not written: {exc}")
        return None
    return out


def export_review_sheet(parent: QWidget, service: CatalogService) -> ProgressRun | None:
    """Every muscle's chart in one PDF, drawn off the UI thread behind a cancellable progress dialog."""
    path, _ = QFileDialog.getSaveFileName(parent, "Export the review sheet", suggested_path("review-sheet.pdf"),
                                          "PDF (*.pdf)")
    if not path:
        return None
    remember_folder(path)
    out = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
    ids = [m.id for m in sorted(service.muscles(), key=lambda m: (m.region, m.name))]
    run = ProgressRun(parent, "Drawing the review sheet…", lambda report: write_pdf(service, ids, out, report))

    def finished(ok: bool, message: str) -> None:
        if ok:
            parent.statusBar().showMessage(f"Wrote {out}: {len(ids)} pages", 8000)
        elif run.cancelled.is_set():
            parent.statusBar().showMessage(f"Review sheet stopped; {out.name} was not written.", 8000)
        else:
            QMessageBox.warning(parent, "Review sheet", f"The review sheet was not written: {message}")

    run.sig_finished.connect(finished)
    return run


def print_map(parent: QWidget, view: QGraphicsView) -> bool:
    """Print what the map shows (the current view, pattern and labels), fitted to the page."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    painter = QPainter()
    if not painter.begin(printer):
        QMessageBox.warning(parent, "Print", "The printer could not be opened; nothing was printed.")
        return False
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.render(painter)
    painter.end()
    return True


def write_json_atomically(path: Path, data: dict[str, Any]) -> None:
    """The export appears complete or not at all, readable by its owner only (mkstemp is 0600)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_records_dialog(parent: QWidget, records) -> Path | None:
    """All clients and visits to a tpx-records JSON file."""
    from app.services.records_service import UserDatabaseError

    path, _ = QFileDialog.getSaveFileName(parent, "Export client records", suggested_path("tpx-records.json"),
                                          "JSON (*.json)")
    if not path:
        return None
    remember_folder(path)
    out = Path(path)
    try:
        data = records.export_records()
        write_json_atomically(out, data)
    except (OSError, UserDatabaseError) as exc:
        QMessageBox.warning(parent, "Export records", f"Nothing was exported: {exc}")
        return None
    visits = sum(len(c["visits"]) for c in data["clients"])
    parent.statusBar().showMessage(f"Exported {len(data['clients'])} client(s), {visits} visit(s) to {out}", 8000)
    return out


def import_records_dialog(parent: QWidget, records) -> str | None:
    """Add the clients of a tpx-records JSON file; a bad file changes nothing and says why in one line."""
    from app.services.records_io import load_file, validate_document
    from app.services.records_service import RecordsImportError, UserDatabaseError

    path, _ = QFileDialog.getOpenFileName(parent, "Import client records", "", "JSON (*.json)")
    if not path:
        return None
    try:
        data = load_file(Path(path))
        validate_document(data)
        report = records.import_records(data)
    except (RecordsImportError, UserDatabaseError) as exc:
        QMessageBox.warning(parent, "Import records", f"Nothing was imported: {exc}")
        return None
    summary = report.summary()
    parent.statusBar().showMessage(f"Imported from {Path(path).name}: {summary}", 8000)
    return summary


__all__ = ["ExportCancelled", "export_chart_dialog", "export_records_dialog", "export_review_sheet",
           "import_records_dialog", "print_map"]
