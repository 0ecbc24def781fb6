"""Every records test gets its own database under tmp_path; the real user folder is never used."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("TPX_DATABASE_URL", raising=False)


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "user" / "records.db"


@pytest.fixture()
def db_url(db_path: Path) -> str:
    return f"sqlite:///{db_path}"
