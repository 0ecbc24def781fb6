"""Test-wide settings: no display, no user data outside a temporary folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the person's own folders: preferences (the therapist's name), the
    client database, backups and caches go to a fresh temporary home.  Without this, signing a
    visit in a UI test wrote its made-up therapist into the developer's real preferences.json,
    and the app then offered that name on the next real visit.  (platformdirs follows XDG_* here.)"""
    home = tmp_path_factory.mktemp("user-folders")
    for kind in ("CONFIG", "DATA", "CACHE", "STATE"):
        monkeypatch.setenv(f"XDG_{kind}_HOME", str(home / kind.lower()))
    return home


@pytest.fixture(scope="session")
def qapp():
    """The QApplication the app itself makes (``create_application``: Qt's GUI thread pool off, the
    allocator tuned, cycles collected on the UI thread, the Fusion style), not pytest-qt's default:
    the UI tests run the Qt the user runs.  Qt's own arguments are not taken from pytest's."""
    import sys

    from app.ui.launch import create_application

    argv, sys.argv = sys.argv, sys.argv[:1]
    try:
        return create_application()
    finally:
        sys.argv = argv


@pytest.fixture(scope="session")
def mini_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A compiled tiny catalog (tests/support/mini_catalog.py); returns the DB path."""
    from app.catalog.compile import compile_catalog
    from tests.support.mini_catalog import write_atlas, write_sources

    root = tmp_path_factory.mktemp("mini")
    write_atlas(root / "assets")
    write_sources(root / "catalog")
    compile_catalog(root / "catalog", root / "assets", root / "trigger_points.db")
    return root / "trigger_points.db"


@pytest.fixture()
def mini_service(mini_catalog: Path):
    from app.services.catalog_service import CatalogService

    return CatalogService.open(mini_catalog)
