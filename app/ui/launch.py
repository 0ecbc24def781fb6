"""Start the desktop application."""

from __future__ import annotations

import os
import sys


def create_application():
    # numpy's BLAS thread pool would start threads at import that compete with the start-up for
    # the cores; the app does no large linear algebra (set before anything imports numpy).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    # Qt's raster engine hands any large fill, blend or scale to its own thread pool and waits on a
    # latch: every repaint of the map, its legend and the thumbnails woke pool threads and, when the
    # other core was busy, waited for them to be scheduled (py-spy: ~23 % of a muscle click's wall
    # time in QRasterPaintEngine::fill, ~18 % in QLatch waits).  Painting here is a few blits and
    # paths; done on the UI thread it never waits.  Qt's own switch, read when the pool is created.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    from app.ui.process_memory import stop_source_caching, tune_allocator

    tune_allocator()  # before Qt or the warm-up start threads
    from PySide6.QtWidgets import QApplication

    stop_source_caching()  # before the catalog and records stacks are imported

    app = QApplication.instance() or QApplication(sys.argv)
    from app.ui.main_thread_gc import collect_on_the_ui_thread

    collect_on_the_ui_thread(app)  # never on a worker: see app/ui/main_thread_gc.py
    app.setApplicationName("Trigger Point Explorer")
    app.setOrganizationName("tpx")
    # Fusion draws with the palette, which Qt keeps in step with the system's light/dark scheme.
    app.setStyle("Fusion")
    return app


def run_window() -> int:
    app = create_application()
    from PySide6.QtWidgets import QMessageBox

    from app.services.catalog_service import CatalogService, CatalogUnavailable
    from app.ui.main_window import MainWindow

    try:
        service = CatalogService.open()
    except CatalogUnavailable as exc:
        QMessageBox.critical(None, "Trigger Point Explorer", f"The catalog cannot be opened.\n\n{exc}")
        return 1
    window = MainWindow(service)
    window.show()
    return app.exec()
