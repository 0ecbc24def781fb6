from __future__ import annotations

from pathlib import Path

import pytest


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
    return win
