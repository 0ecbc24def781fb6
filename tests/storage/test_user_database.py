"""Opening the user database: location, privacy, migrations, the writer lock, bad files."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from app.services.records_service import ReadOnlyError, RecordsService
from app.storage.user_database import default_database_path, open_user_database, resolve_url
from app.storage.user_errors import UserDatabaseError
from app.storage.user_migrations import current_revisions, head_revisions
from tests.storage.records_samples import sample_client


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_url_comes_from_argument_then_environment_then_user_folder(tmp_path: Path, monkeypatch) -> None:
    assert resolve_url("sqlite:////x/y.db") == "sqlite:////x/y.db"
    monkeypatch.setenv("TPX_DATABASE_URL", "postgresql://tpx@db/clinic")
    assert resolve_url() == "postgresql://tpx@db/clinic"
    monkeypatch.delenv("TPX_DATABASE_URL")
    assert default_database_path() == tmp_path / "xdg-data" / "tpx" / "records.db"
    assert resolve_url() == f"sqlite:///{tmp_path / 'xdg-data' / 'tpx' / 'records.db'}"


def test_default_location_is_private_wal_and_migrated(tmp_path: Path) -> None:
    with RecordsService.open() as service:
        service.save_client(sample_client())
        path = default_database_path()
        assert service.location == str(path) and not service.read_only
        assert _mode(path.parent) == 0o700
        for suffix in ("", "-wal", "-shm", ".lock"):
            companion = path.with_name(path.name + suffix)
            assert companion.exists() and _mode(companion) == 0o600, suffix
        with service._db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert current_revisions(service._db.engine) == head_revisions()


def test_loose_permissions_are_tightened_on_open(db_path: Path, db_url: str) -> None:
    RecordsService.open(db_url).close()
    os.chmod(db_path, 0o644)
    RecordsService.open(db_url).close()
    assert _mode(db_path) == 0o600


def test_second_instance_is_read_only_and_sees_the_writer(db_url: str) -> None:
    writer = RecordsService.open(db_url)
    client = writer.save_client(sample_client())
    reader = RecordsService.open(db_url)
    try:
        assert reader.read_only and not writer.read_only
        assert [c.name for c in reader.clients()] == ["Ann Example"]
        with pytest.raises(ReadOnlyError):
            reader.save_client(sample_client("Bob"))
        with pytest.raises(ReadOnlyError):
            reader.new_visit(client.id, date(2026, 1, 1))
        writer.save_client(sample_client("Cy"))
        assert len(reader.clients()) == 2  # a reader sees new commits
    finally:
        reader.close()
        writer.close()
    again = RecordsService.open(db_url)  # the lock went with the writer
    assert not again.read_only
    again.close()


@pytest.mark.parametrize("content", [
    b"", b"hello, this is not a database at all" * 10, b"SQLite format 3\x00" + b"\x00" * 20,
])
def test_garbage_files_raise_a_clear_error_and_stay_unchanged(db_path: Path, db_url: str, content: bytes) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    if not content:
        RecordsService.open(db_url).close()  # an empty file is a new database
        return
    with pytest.raises(UserDatabaseError, match="not a SQLite database|truncated|damaged|cannot be read"):
        RecordsService.open(db_url)
    assert db_path.read_bytes() == content


@pytest.mark.parametrize("keep", [0.5, 0.9, 1024])
def test_truncated_database_raises_and_is_not_overwritten(db_path: Path, db_url: str, keep: float) -> None:
    with RecordsService.open(db_url) as service:
        for i in range(30):
            service.save_client(sample_client(f"Client {i}" + "x" * 500))
    whole = db_path.read_bytes()
    assert len(whole) > 8192
    cut = whole[: int(len(whole) * keep)] if keep < 1 else whole[:keep] + b"\x00" * 100
    db_path.write_bytes(cut)
    with pytest.raises(UserDatabaseError) as excinfo:
        RecordsService.open(db_url)
    assert str(db_path) in str(excinfo.value) and "\n" not in str(excinfo.value)
    assert db_path.read_bytes() == cut


def test_a_foreign_sqlite_database_is_refused(db_path: Path, db_url: str) -> None:
    import sqlite3

    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER)")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(UserDatabaseError, match="not a tpx records database"):
        RecordsService.open(db_url)
    assert db_path.read_bytes() == before


def test_a_newer_schema_is_refused(db_path: Path, db_url: str) -> None:
    RecordsService.open(db_url).close()
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    with pytest.raises(UserDatabaseError, match="newer tpx"):
        RecordsService.open(db_url)


def test_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(UserDatabaseError, match="cannot connect|not a database URL"):
        open_user_database("nosuchdriver://user:secret@localhost/x")
    with pytest.raises(UserDatabaseError) as excinfo:
        open_user_database("postgresql://user:secret@127.0.0.1:1/x")
    assert "secret" not in str(excinfo.value)


def test_in_memory_database_for_throwaway_sessions() -> None:
    with RecordsService.open("sqlite://") as service:
        assert service.location == ":memory:"
        assert service.save_client(sample_client()).id == 1
