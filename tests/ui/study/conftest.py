from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest


@pytest.fixture()
def study_window(mini_catalog: Path, monkeypatch: pytest.MonkeyPatch, qtbot, tmp_path: Path):
    monkeypatch.setenv("TPX_ASSETS_DIR", str(mini_catalog.parent / "assets"))
    from app.services.catalog_service import CatalogService
    from app.services.study_service import StudyService
    from app.storage.user_database import open_user_database
    from app.ui.study.study_window import StudyWindow

    service = StudyService(CatalogService.open(mini_catalog), open_user_database(f"sqlite:///{tmp_path / 'records.db'}"),
                           lambda: datetime(2026, 4, 6, 9, 0, tzinfo=timezone.utc))
    win = StudyWindow(service)
    qtbot.addWidget(win)
    win.resize(1300, 860)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.loaded, timeout=10000)
    yield win
    service.close()


def start_deck(win, qtbot, keys: list[str], name: str = "Test deck") -> None:
    """A custom deck of these cards, selected, a profile, and the Study button clicked."""
    if not win.service.profiles():
        win.service.add_profile("Ana")
        win.refresh_profiles()
    deck = win.service.create_deck(name, "", keys)
    win.refresh_decks(select=deck.id)
    QTest.mouseClick(win.study_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.presenter.question is not None)


def viewport_point(win, x: float, y: float) -> QPoint:
    return win.map.mapFromScene(QPointF(x, y))
