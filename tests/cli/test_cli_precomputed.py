"""A catalog compiled before the precomputed overlap tables existed still answers `tpx show` and
`tpx candidates --area`, and answers the same (from geometry, more slowly)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.services.catalog_facts import CatalogFacts


def test_a_catalog_compiled_without_the_precomputed_tables_answers_the_same(mini_catalog: Path, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch,
                                                                             run_cli) -> None:
    monkeypatch.setenv("TPX_CATALOG_DB", str(mini_catalog))
    asked = [("show", "trapezius", "--json"), ("candidates", "--area", "temple", "--json"),
             ("candidates", "--area", "temple", "--side", "left", "--limit", "1")]
    answers = [run_cli(*args) for args in asked]
    old = tmp_path / "old.db"
    shutil.copy(mini_catalog, old)
    with sqlite3.connect(old) as db:
        db.execute("DROP TABLE zone_skin_areas")
        db.execute("DROP TABLE area_zone_overlaps")
    monkeypatch.setenv("TPX_CATALOG_DB", str(old))
    assert not CatalogFacts.open(old).precomputed
    assert [run_cli(*args) for args in asked] == answers
    assert all(code == 0 and out for code, out, _err in answers)
