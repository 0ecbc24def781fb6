"""Running the tests never touches the person's own preferences, client database or backups."""

from __future__ import annotations

from pathlib import Path

import platformdirs


def test_the_apps_own_folders_point_into_the_tests_temporary_home(_private_user_folders: Path) -> None:
    from app.services.preferences import preferences_path
    from app.storage.user_database import default_database_path

    for path in (preferences_path(), default_database_path(),
                 platformdirs.user_data_path("tpx", appauthor=False) / "backups"):
        assert _private_user_folders in path.parents, path
        assert Path.home() / ".config" not in path.parents and Path.home() / ".local" not in path.parents
