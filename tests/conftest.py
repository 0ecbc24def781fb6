"""Test-wide settings: no display, no user data outside a temporary folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest


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
