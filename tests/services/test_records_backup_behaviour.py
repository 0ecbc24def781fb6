"""Where automatic backups go and how many are kept, as a clinic sets them with TPX_BACKUP_DIR and
TPX_BACKUP_KEEP; what kind of backup a database gets; and that a bad or foreign file is never
taken for a backup."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.services.records_backup import (
    DEFAULT_KEEP, BackupSettings, automatic_backup, automatic_backups, backup, backup_kind, restore,
)
from app.services.records_service import RecordsService
from app.storage.user_errors import FileSaveError, UserDatabaseError
from tests.storage.records_samples import sample_client


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.delenv("TPX_BACKUP_DIR", raising=False)
    monkeypatch.delenv("TPX_BACKUP_KEEP", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path


def test_default_settings_keep_ten_beside_the_database_or_in_the_user_data_folder(clean_environment: Path) -> None:
    database = clean_environment / "clinic" / "records.db"
    assert BackupSettings.from_environment(database) == BackupSettings(clean_environment / "clinic" / "backups", 10)
    assert DEFAULT_KEEP == 10
    assert BackupSettings.from_environment(None) == BackupSettings(clean_environment / "data-home" / "tpx" / "backups", 10)


@pytest.mark.parametrize(
    ("raw", "keep"),
    [("3", 3), (" 25 ", 25), ("0", 0), ("-4", 0), ("", 10), ("   ", 10), ("ten", 10), ("2.5", 10)],
)
def test_the_number_kept_comes_from_tpx_backup_keep(
    clean_environment: Path, monkeypatch: pytest.MonkeyPatch, raw: str, keep: int
) -> None:
    monkeypatch.setenv("TPX_BACKUP_KEEP", raw)
    assert BackupSettings.from_environment(clean_environment / "records.db").keep == keep


def test_the_folder_comes_from_tpx_backup_dir_with_home_expanded(
    clean_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TPX_BACKUP_DIR", "  ~/clinic-backups  ")
    settings = BackupSettings.from_environment(clean_environment / "records.db")
    assert settings.folder == clean_environment / "home" / "clinic-backups"
    monkeypatch.setenv("TPX_BACKUP_DIR", "   ")  # blank: the default
    assert BackupSettings.from_environment(clean_environment / "x" / "records.db").folder == clean_environment / "x" / "backups"


def test_a_sqlite_database_backs_up_as_a_database_unless_json_is_asked_for(tmp_path: Path) -> None:
    with RecordsService.open(f"sqlite:///{tmp_path / 'records.db'}") as service:
        assert backup_kind(service) == "db"
        assert backup_kind(service, tmp_path / "b.db") == "db"
        assert backup_kind(service, tmp_path / "b.JSON") == "json"
        assert backup_kind(service, tmp_path / "b.bak") == "db"
    with RecordsService.open("sqlite:///:memory:") as memory:
        assert backup_kind(memory) == "json"


def test_the_backup_counts_the_clients_and_a_json_backup_is_the_records_format(tmp_path: Path) -> None:
    with RecordsService.open(f"sqlite:///{tmp_path / 'records.db'}") as service:
        for name in ("Ann Example", "Bob Other", "Zoë Ångström"):
            service.save_client(sample_client(name))
        path, clients = backup(service, tmp_path / "copy.json")
        assert (path, clients) == (tmp_path / "copy.json", 3)
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["format"] == "tpx-records" and text.endswith("}\n") and "Zoë Ångström" in text
    assert sorted(c["name"] for c in document["clients"]) == ["Ann Example", "Bob Other", "Zoë Ångström"]
    assert oct(os.stat(path).st_mode & 0o777) == oct(0o600)


def test_an_in_memory_database_gets_no_automatic_backup(tmp_path: Path) -> None:
    with RecordsService.open("sqlite:///:memory:") as service:
        service.save_client(sample_client())
        assert automatic_backup(service, BackupSettings(tmp_path / "auto", 5)) is None
    assert not (tmp_path / "auto").exists()


def test_two_automatic_backups_in_the_same_second_both_kept_newest_first(tmp_path: Path) -> None:
    folder = tmp_path / "auto"
    settings = BackupSettings(folder, 5)
    with RecordsService.open(f"sqlite:///{tmp_path / 'records.db'}") as service:
        service.save_client(sample_client("One"))
        first = automatic_backup(service, settings)
        service.save_client(sample_client("Two"))
        second = automatic_backup(service, settings)
        service.save_client(sample_client("Three"))
        third = automatic_backup(service, settings)
    assert first is not None and second is not None and third is not None
    assert len({first, second, third}) == 3 and all(p.suffix == ".db" for p in (first, second, third))
    listed = automatic_backups(folder)
    assert listed == sorted([first, second, third], key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
    assert listed[0] == third
    assert oct((folder).stat().st_mode & 0o777) == oct(0o700)
    # the fingerprint file and anything else in the folder is not a backup
    (folder / "records-2026-notes.db").write_text("mine")
    (folder / "sub").mkdir()
    assert automatic_backups(folder) == listed
    assert automatic_backups(tmp_path / "nowhere") == []


def test_restoring_a_file_that_is_not_a_backup_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'records.db'}"
    with RecordsService.open(url) as service:
        service.save_client(sample_client("Ann Example"))
        with pytest.raises(UserDatabaseError, match="nothing-here"):
            restore(service, tmp_path / "nothing-here.db")
        (tmp_path / "notes.json").write_text('{"format": "something-else"}')
        from app.services.records_io import RecordsImportError

        with pytest.raises(RecordsImportError, match=r'^not a tpx-records document \("format" must be "tpx-records"\)$'):
            restore(service, tmp_path / "notes.json")
        assert [c.name for c in service.clients()] == ["Ann Example"]
    with pytest.raises(FileSaveError):
        with RecordsService.open(url) as service:
            backup(service, "   ")


def test_two_windows_saving_the_same_visit_keep_both_versions(tmp_path: Path) -> None:
    """Dana and Eli edit one visit; Eli saves second and is refused, but loses nothing: his version
    is in the audit trail as a conflict, the database keeps Dana's."""
    from datetime import date

    from app.services.records_service import ConflictError

    url = f"sqlite:///{tmp_path / 'records.db'}"
    with RecordsService.open(url) as dana, RecordsService.open(url) as eli:
        eli.actor = "Eli"
        client = dana.save_client(sample_client())
        visit_id = dana.new_visit(client.id, date(2026, 4, 1), "Dana").id
        hers, his = dana.visit(visit_id), eli.visit(visit_id)
        hers.notes = "Dana's note"
        dana.save_visit(hers)
        his.notes = "Eli's note — ünïcode"
        with pytest.raises(ConflictError) as caught:
            eli.save_visit(his)
        assert str(caught.value).endswith(
            " — both versions are kept: yours in the window and in the audit trail, theirs in the database")
        assert caught.value.mine.notes == "Eli's note — ünïcode" and caught.value.theirs.notes == "Dana's note"
        assert caught.value.theirs.id == visit_id and caught.value.theirs.client_id == client.id
        assert dana.visit(visit_id).notes == "Dana's note"
        conflict = [e for e in eli.audit(client.id) if e.action == "conflict"]
        assert [(e.actor, e.visit_id) for e in conflict] == [("Eli", visit_id)]
        assert json.loads(conflict[0].detail)["notes"] == "Eli's note — ünïcode"


def test_a_backup_of_a_database_damaged_while_open_is_refused_and_the_old_backup_kept(tmp_path: Path) -> None:
    """The disk goes bad under an open window: the backup's copy fails SQLite's own check, so it
    never replaces the last good backup, and the person is told why in one line."""
    import sqlite3
    from datetime import date

    path = tmp_path / "records.db"
    good = tmp_path / "backup.db"
    with RecordsService.open(f"sqlite:///{path}") as service:
        client = service.save_client(sample_client())
        for day in range(1, 4):
            service.new_visit(client.id, date(2026, 3, day), "Dana")
    with RecordsService.open(f"sqlite:///{path}") as service:  # opened again: it passed SQLite's check
        backup(service, good)
        before = good.read_bytes()
        with sqlite3.connect(path) as db:
            page = db.execute("PRAGMA page_size").fetchone()[0]
            root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'visits'").fetchone()[0]
        db.close()
        data = bytearray(path.read_bytes())
        assert data[(root - 1) * page] == 13  # a table leaf: its first cell now points into its own header
        data[(root - 1) * page + 8:(root - 1) * page + 10] = b"\x00\x02"
        path.write_bytes(bytes(data))
        with pytest.raises(FileSaveError) as caught:
            backup(service, good)
    assert str(caught.value) == (f"could not write {good}: the copy did not pass SQLite's check; "
                                 "nothing was changed (any earlier file is kept)")
    assert good.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("backup")] == ["backup.db"]  # no partial copy


def test_restoring_a_backup_with_damaged_visits_names_the_first_three_and_changes_nothing(tmp_path: Path) -> None:
    import sqlite3
    from datetime import date

    saved = tmp_path / "saved.db"
    with RecordsService.open(f"sqlite:///{saved}") as service:
        client = service.save_client(sample_client("Bob Other"))
        visits = [service.new_visit(client.id, date(2026, 5, day), "Dana").id for day in range(1, 6)]
    with sqlite3.connect(saved) as db:  # four visits damaged in the backup file
        db.executemany("UPDATE visits SET red_flags = '{not json' WHERE id = ?", [(v,) for v in visits[:4]])
    db.close()
    kept = saved.read_bytes()
    with RecordsService.open(f"sqlite:///{tmp_path / 'records.db'}") as service:
        service.save_client(sample_client("Ann Example"))
        with pytest.raises(UserDatabaseError) as caught:
            restore(service, saved)
        named = "; ".join(f"visit {v} cannot be read" for v in sorted(visits[:4])[:3])
        assert str(caught.value) == f"the backup {saved} has unreadable records ({named})"
        assert [c.name for c in service.clients()] == ["Ann Example"]
    assert saved.read_bytes() == kept


def test_closing_says_which_backup_it_wrote_and_none_when_not_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TPX_BACKUP_DIR", str(tmp_path / "auto"))
    monkeypatch.setenv("TPX_BACKUP_KEEP", "3")
    url = f"sqlite:///{tmp_path / 'records.db'}"
    service = RecordsService.open(url)
    service.save_client(sample_client())
    assert service.close() is None and not (tmp_path / "auto").exists()
    service = RecordsService.open(url)
    written = service.close(backup=True)
    assert written is not None and automatic_backups(tmp_path / "auto") == [written]
