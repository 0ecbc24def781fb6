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
    monkeypatch.setenv("TPX_DATABASE_URL", "postgresql://tpx@db/clinic")
    assert resolve_url() == "postgresql://tpx@db/clinic"
    assert resolve_url("sqlite:////x/y.db") == "sqlite:////x/y.db"  # the explicit URL wins over the variable
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


def test_two_instances_both_write_and_see_each_other(db_url: str) -> None:
    with RecordsService.open(db_url) as first, RecordsService.open(db_url) as second:
        assert not first.read_only and not second.read_only
        first.save_client(sample_client("Ann"))
        second.save_client(sample_client("Bob"))
        assert {c.name for c in first.clients()} == {c.name for c in second.clients()} == {"Ann", "Bob"}


def test_every_write_connection_is_synchronous_full(db_url: str) -> None:
    with RecordsService.open(db_url) as service:
        service.save_client(sample_client())
        with service._db.engine.connect() as conn:  # a fresh pool connection too
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_read_only_file_opens_read_only_and_is_neither_chmodded_nor_written(db_path: Path, db_url: str) -> None:
    with RecordsService.open(db_url) as service:
        service.save_client(sample_client())
    os.chmod(db_path, 0o400)
    before = db_path.read_bytes()
    with RecordsService.open(db_url) as service:
        assert service.read_only and "read-only" in service.read_only_reason
        assert [c.name for c in service.clients()] == ["Ann Example"]
        with pytest.raises(ReadOnlyError, match="read-only"):
            service.save_client(sample_client("Bob"))
    assert _mode(db_path) == 0o400 and db_path.read_bytes() == before


def test_a_new_database_appears_complete_or_not_at_all(db_path: Path, db_url: str, monkeypatch) -> None:
    from app.storage import user_database

    def fail(*_args, **_kwargs):
        raise UserDatabaseError("disk full during the first migration")

    monkeypatch.setattr(user_database, "upgrade_to_head", fail)
    with pytest.raises(UserDatabaseError, match="disk full"):
        RecordsService.open(db_url)
    assert not db_path.exists() and [p.name for p in db_path.parent.iterdir()] == ["records.db.lock"]
    monkeypatch.undo()
    with RecordsService.open(db_url) as service:  # and the next start simply creates it
        assert service.save_client(sample_client()).id == 1


@pytest.mark.parametrize("content, message", [
    (b"", "empty \\(0 bytes\\)"), (b"hello, this is not a database at all" * 10, "not a SQLite database"),
    (b"SQLite format 3\x00" + b"\x00" * 20, "truncated"),
])
def test_garbage_files_raise_a_clear_error_and_stay_unchanged(db_path: Path, db_url: str, content: bytes,
                                                              message: str) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)  # an empty file may be a database someone's copy emptied
    with pytest.raises(UserDatabaseError, match=message) as excinfo:
        RecordsService.open(db_url)
    assert db_path.read_bytes() == content
    assert "\n" not in str(excinfo.value) and ("restore" in str(excinfo.value) or "check the path" in str(excinfo.value))


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
        conn.execute("UPDATE alembic_version SET version_num = '9999' WHERE version_num = '0002'")
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


def _wal_frames(wal: bytes, page_size: int) -> list[tuple[int, bytes]]:
    """(page number, page bytes) of every frame in a SQLite write-ahead log."""
    frames, offset = [], 32
    while offset + 24 + page_size <= len(wal):
        page_number = int.from_bytes(wal[offset:offset + 4], "big")
        frames.append((page_number, wal[offset + 24:offset + 24 + page_size]))
        offset += 24 + page_size
    return frames


def test_a_crash_during_a_wal_checkpoint_loses_nothing(db_path: Path, db_url: str, tmp_path: Path) -> None:
    """The state a kill (or full disk) mid-checkpoint leaves: the database file's first page
    already says it is longer than it is; the newest pages are still only in the -wal file.
    SQLite reads it completely, so tpx must open it — not send the user to an old backup."""
    import shutil
    import sqlite3

    with RecordsService.open(db_url) as service:
        for i in range(20):
            service.save_client(sample_client(f"Checkpointed {i}"))
    live = sqlite3.connect(db_path)
    live.execute("PRAGMA wal_autocheckpoint = 0")
    with live:
        for i in range(200):  # recent work: lives only in the log until a checkpoint
            live.execute("INSERT INTO clients (uid, name, contact, notes, consent_given, created_at, version) "
                         "VALUES (?, ?, '', ?, 0, '2026-12-04 08:00:00', 1)",
                         (f"00000000-0000-4000-8000-{i:012d}", f"Recent {i}", "x" * 400))
    crashed = tmp_path / "crashed" / "records.db"
    crashed.parent.mkdir()
    shutil.copy(db_path, crashed)  # copied while the writer still has the log open, as at a kill
    shutil.copy(db_path.with_name("records.db-wal"), crashed.with_name("records.db-wal"))
    live.close()
    page_size = int.from_bytes(crashed.read_bytes()[16:18], "big")
    frames = _wal_frames(crashed.with_name("records.db-wal").read_bytes(), page_size)
    newest_first_page = [page for number, page in frames if number == 1][-1]
    with crashed.open("r+b") as handle:  # the checkpoint got as far as writing page 1
        handle.write(newest_first_page)
    header = crashed.read_bytes()[:100]
    assert crashed.stat().st_size < int.from_bytes(header[28:32], "big") * page_size  # looks truncated
    with RecordsService.open(f"sqlite:///{crashed}") as service:
        names = {c.name for c in service.clients()}
        with service._db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert len(names) == 220 and "Recent 199" in names


def test_another_programs_sqlite_file_with_an_alembic_table_is_left_alone(db_path: Path, db_url: str) -> None:
    import sqlite3

    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as conn:  # e.g. a booking app that also uses Alembic
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('0001')")
        conn.execute("CREATE TABLE clients (id INTEGER PRIMARY KEY, full_name TEXT)")
        conn.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY)")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(UserDatabaseError, match="not a tpx records database"):
        RecordsService.open(db_url)
    assert db_path.read_bytes() == before


def test_a_database_from_an_older_tpx_is_still_opened(db_path: Path, db_url: str) -> None:
    """Databases made before tpx stamped its application id are recognised by their schema."""
    import sqlite3

    with RecordsService.open(db_url) as service:
        service.save_client(sample_client())
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA application_id = 0")
    conn.close()
    with RecordsService.open(db_url) as service:
        assert [c.name for c in service.clients()] == ["Ann Example"]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == int.from_bytes(b"TPXr", "big")
    conn.close()


def test_a_connection_keeps_a_small_page_cache_after_reading_a_long_history(tmp_path: Path) -> None:
    """SQLite's default 2 MB page cache, filled by the open's quick_check and a long history's read,
    stayed with each pooled connection for the session: counted with SQLite's own allocator figure."""
    import ctypes
    import ctypes.util

    library = ctypes.util.find_library("sqlite3")  # the one Python's sqlite3 module is linked with here
    if library is None:
        pytest.skip("no shared SQLite library to ask")
    memory_used = ctypes.CDLL(library).sqlite3_memory_used
    memory_used.restype = ctypes.c_int64
    url = f"sqlite:///{tmp_path / 'records.db'}"
    with RecordsService.open(url) as records:
        client = records.save_client(sample_client())
        for day in range(1, 29):
            visit = records.new_visit(client.id, date(2026, 2, day))
            visit.notes = f"visit {day}: " + "x" * 120_000  # ~3.4 MB of pages in all
            records.save_visit(visit)
    base = memory_used()
    with RecordsService.open(url) as records:
        assert len(records.visits(client.id)) == 28
        held = memory_used() - base
    assert held < 1_000_000  # 2.2 MB with SQLite's default cache
