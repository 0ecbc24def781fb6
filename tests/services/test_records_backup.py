"""Backups and restoring them: `tpx backup`, `tpx restore`, automatic rotating backups on close,
on SQLite and PostgreSQL, including restoring into an empty database."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import box

from app.cli.main import main
from app.services.records_backup import BackupSettings, automatic_backup, automatic_backups
from app.domain.records import SymptomSeverity
from app.services.records_service import RecordsService
from tests.storage.conftest import pg_url, records_url  # noqa: F401 - the two-backend fixtures
from tests.storage.records_samples import fill_visit, sample_client


def _chart(service: RecordsService, name: str = "Ann Example") -> int:
    """A client with two visits, one signed and amended, symptom severity, a deleted visit."""
    service.actor = "Dana"
    client = service.save_client(sample_client(name))
    first = fill_visit(service.new_visit(client.id, date(2026, 3, 1), "Dana"))
    first.symptom_severity = SymptomSeverity(2, 2, 1, 1, 0, 0)
    service.save_visit(first)
    service.sign_visit(first, "Dana")
    service.amend_visit(first, "Dana", "wrong side noted for the trapezius band")
    first.soap = dict(first.soap, objective="taut band L upper trapezius")
    service.save_visit(first)
    service.sign_visit(first, "Dana")
    second = fill_visit(service.new_visit(client.id, date(2026, 3, 8), "Dana"))
    second.pain = second.pain.paint("anterior", box(5, 5, 25, 40), 4, "burning")
    service.save_visit(second)
    service.delete_visit(service.new_visit(client.id, date(2026, 3, 9)).id)
    return client.id


def _everything(service: RecordsService) -> list[dict]:
    """The records in comparable form (ids and export times aside)."""
    document = service.export_records()
    for client in document["clients"]:
        client.pop("id")
        for visit in client["visits"]:
            visit.pop("id")
        for event in client["audit"]:
            event.pop("visit_id")
    return document["clients"]


def test_backup_while_a_window_writes_then_restore_into_an_empty_database(records_url: str, tmp_path: Path) -> None:
    with RecordsService.open(records_url) as window:
        _chart(window)
        out = tmp_path / ("backup.db" if records_url.startswith("sqlite") else "backup.json")
        assert main(["backup", "--out", str(out), "--database", records_url]) == 0  # the window stays open
        window.save_client(sample_client("Added after the backup"))
        before = [c for c in _everything(window) if c["name"] == "Ann Example"]
    if records_url.startswith("sqlite"):
        with sqlite3.connect(out) as conn:  # a self-contained, checked SQLite file
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    else:
        assert json.loads(out.read_text())["format"] == "tpx-records"
    empty = f"sqlite:///{tmp_path / 'new-machine' / 'records.db'}"
    assert main(["restore", str(out), "--database", empty]) == 0
    with RecordsService.open(empty) as restored:
        after = _everything(restored)
        (client,) = after
        visits = restored.visits(restored.clients()[0].id)
    assert client["name"] == "Ann Example"
    assert client["visits"] == before[0]["visits"]  # SOAP, pain, signatures, amendments, severity
    assert [e["action"] for e in client["audit"]][:-1] == [e["action"] for e in before[0]["audit"]]
    assert client["audit"][-1]["action"] == "restored"
    assert visits[0].signed and visits[0].amendments[0].reason == "wrong side noted for the trapezius band"
    assert visits[0].amendments[0].original["soap"]["objective"] == "taut band R upper trapezius"


def test_restore_replaces_the_same_clients_and_keeps_the_others(db_url: str, tmp_path: Path) -> None:
    out = tmp_path / "backup.db"
    with RecordsService.open(db_url) as service:
        client_id = _chart(service)
        assert main(["backup", "--out", str(out), "--database", db_url]) == 0
        service.erase_client(client_id)  # a mistake
        service.save_client(sample_client("Someone new"))
    assert main(["restore", str(out), "--database", db_url]) == 0
    with RecordsService.open(db_url) as service:
        assert sorted(c.name for c in service.clients()) == ["Ann Example", "Someone new"]


def test_automatic_backups_rotate_and_leave_other_files_alone(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "my-notes.txt").write_text("mine")
    settings = BackupSettings(folder, keep=3)
    with RecordsService.open(db_url) as service:
        for n in range(5):
            service.save_client(sample_client(f"Client {n}"))
            automatic_backup(service, settings)
    kept = automatic_backups(folder)
    assert len(kept) == 3 and (folder / "my-notes.txt").read_text() == "mine"
    newest = f"sqlite:///{tmp_path / 'check.db'}"
    assert main(["restore", str(kept[0]), "--database", newest]) == 0
    with RecordsService.open(newest) as service:
        assert len(service.clients()) == 5  # the newest backup has all five


def test_closing_the_window_makes_the_automatic_backup(db_url: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TPX_BACKUP_DIR", str(tmp_path / "auto"))
    monkeypatch.setenv("TPX_BACKUP_KEEP", "2")
    for n in range(3):
        service = RecordsService.open(db_url)
        service.save_client(sample_client(f"Client {n}"))
        assert service.close(backup=True) is not None
    assert len(automatic_backups(tmp_path / "auto")) == 2
    newest = automatic_backups(tmp_path / "auto")[0]
    service = RecordsService.open(db_url)
    assert service.close(backup=True) is None  # nothing changed since the newest backup
    assert automatic_backups(tmp_path / "auto")[0] == newest
    monkeypatch.delenv("TPX_BACKUP_DIR")  # default: beside the database
    service = RecordsService.open(db_url)
    service.save_client(sample_client("One more"))
    assert service.close(backup=True).parent == tmp_path / "user" / "backups"
    monkeypatch.setenv("TPX_BACKUP_KEEP", "0")  # turned off
    service = RecordsService.open(db_url)
    assert service.close(backup=True) is None


def test_a_damaged_database_has_a_way_out(db_url: str, db_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "backup.db"
    with RecordsService.open(db_url) as service:
        _chart(service)
    assert main(["backup", "--out", str(out), "--database", db_url]) == 0
    damaged = db_path.read_bytes()[:5000]
    db_path.write_bytes(damaged)
    capsys.readouterr()
    assert main(["restore", str(out), "--database", db_url]) == 1
    err = capsys.readouterr().err
    assert "--move-aside" in err and db_path.read_bytes() == damaged  # untouched until asked
    assert main(["restore", str(out), "--database", db_url, "--move-aside"]) == 0
    (aside,) = db_path.parent.glob("records.db.unusable-*")
    assert aside.read_bytes() == damaged
    with RecordsService.open(db_url) as service:
        assert [c.name for c in service.clients()] == ["Ann Example"]


def test_a_backup_that_is_not_one_is_refused(db_url: str, tmp_path: Path, capsys) -> None:
    bogus = tmp_path / "holiday.jpg"
    bogus.write_bytes(b"\xff\xd8\xff\xe0 not records")
    assert main(["restore", str(bogus), "--database", db_url]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    with RecordsService.open(db_url) as service:
        assert service.counts()["clients"] == 0


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "user" / "records.db"


@pytest.fixture()
def db_url(db_path: Path, tmp_path: Path, monkeypatch) -> str:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("TPX_DATABASE_URL", raising=False)
    return f"sqlite:///{db_path}"
