"""Where the shipped files live.  Everything is relative to the checkout/installation root."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS_DIR = ROOT / "assets" / "body_svgs"
CATALOG_SOURCES_DIR = ROOT / "data" / "catalog"
ATLAS_DATA_DIR = ROOT / "data" / "atlas"


def catalog_db_path() -> Path:
    """The shipped catalog; `TPX_CATALOG_DB` points elsewhere (tests, review builds)."""
    override = os.environ.get("TPX_CATALOG_DB")
    return Path(override) if override else ROOT / "data" / "trigger_points.db"


def assets_dir() -> Path:
    """The atlas SVGs; `TPX_ASSETS_DIR` points elsewhere (tests with a small atlas)."""
    override = os.environ.get("TPX_ASSETS_DIR")
    return Path(override) if override else ASSETS_DIR
