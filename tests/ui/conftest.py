from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def _cycles_collected_on_the_ui_thread(qapp):
    """As the app's create_application does: the cycle collector never runs on a worker thread (a
    window's Qt objects freed there could deadlock with the UI thread: app/ui/main_thread_gc.py)."""
    import gc

    from app.ui.main_thread_gc import collect_on_the_ui_thread

    collector = collect_on_the_ui_thread(qapp)
    yield collector
    gc.enable()  # the worker's later tests, if any, are not UI tests


@pytest.fixture(autouse=True)
def _private_settings_and_records(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """UI tests never touch the user's settings (theme) nor their client database."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    monkeypatch.setenv("TPX_DATABASE_URL", f"sqlite:///{folder / 'records.db'}")


@pytest.fixture()
def window(mini_catalog: Path, monkeypatch: pytest.MonkeyPatch, qtbot):
    monkeypatch.setenv("TPX_ASSETS_DIR", str(mini_catalog.parent / "assets"))
    from app.services.catalog_service import CatalogService
    from app.ui.main_window import MainWindow

    win = MainWindow(CatalogService.open(mini_catalog))
    qtbot.addWidget(win)
    win.resize(1100, 800)
    win.show()
    qtbot.waitExposed(win)
    win.body_map.fit()
    yield win
    if win.records is not None:
        if win.client_window is not None:
            win.client_window.close()
        win.records.close()


@pytest.fixture(scope="module")
def shipped_service():
    """The shipped catalog (data/trigger_points.db), read-only and shared by a module's tests."""
    from app.services.catalog_service import CatalogService

    return CatalogService.open()


@pytest.fixture()
def real_window(shipped_service, qtbot):
    """The explorer window on the shipped catalog and atlas."""
    from app.ui.main_window import MainWindow

    window = MainWindow(shipped_service)
    qtbot.addWidget(window)
    window.resize(1300, 900)
    window.show()
    qtbot.waitExposed(window)
    return window
