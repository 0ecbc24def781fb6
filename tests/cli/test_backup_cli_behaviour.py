"""`tpx backup` and `tpx restore` as a person runs them: exact messages and exit codes, the
backup read back into another database, and a damaged database set aside unchanged."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest

from app.services.records_service import RecordsService
from tests.storage.records_samples import fill_visit, sample_client


@pytest.fixture()
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'records.db'}"
    monkeypatch.setenv("TPX_DATABASE_URL", url)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("TPX_BACKUP_DIR", str(tmp_path / "auto"))
    return url


def _seed(url: str, *names: str) -> None:
    with RecordsService.open(url) as service:
        for day, name in enumerate(names, start=1):
            client = service.save_client(sample_client(name))
            service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, day))))


def _contents(url: str) -> list[tuple[str, list[tuple[date, float, str]]]]:
    """Each client's name with its visits' dates and painted area: what a restore must bring back."""
    with RecordsService.open(url) as service:
        out = []
        for row in service.clients():
            visits = [service.visit(v.id) for v in service.visits(row.id)]
            out.append((row.name, [(v.date, round(sum(m.area for m in v.pain.all_marks()), 3), v.chief_complaint) for v in visits]))
        return sorted(out)


@pytest.mark.parametrize("suffix", [".db", ".json"])
def test_a_backup_restores_into_an_empty_database_with_everything_in_it(
        run_cli, db_url: str, tmp_path: Path, suffix: str) -> None:
    _seed(db_url, "Ann Example", "Zoë Ünïcode <b>")
    out = tmp_path / f"copy{suffix}"
    code, stdout, err = run_cli("backup", "--out", str(out))
    assert (code, stdout, err) == (0, "", f"backed up 2 client(s) to {out}\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("copy")] == [out.name]  # no temp left
    if suffix == ".json":
        assert json.loads(out.read_text(encoding="utf-8"))["format"] == "tpx-records"
    else:
        assert out.read_bytes()[:16] == b"SQLite format 3\x00"

    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    code, stdout, err = run_cli("restore", str(out), "--database", fresh)
    assert (code, stdout) == (0, "")
    assert err == f"restored from {out}: 2 client(s) added, 0 replaced, 2 visit(s) imported\n"
    before = _contents(db_url)
    assert _contents(fresh) == before
    assert [name for name, _ in before] == ["Ann Example", "Zoë Ünïcode <b>"]
    assert all(area > 0 for _, visits in before for _, area, _ in visits)


def test_restoring_over_records_replaces_them_and_says_so(run_cli, db_url: str, tmp_path: Path) -> None:
    _seed(db_url, "Ann Example")
    out = tmp_path / "copy.json"
    assert run_cli("backup", "--out", str(out))[0] == 0
    code, _, err = run_cli("restore", str(out))
    assert code == 0
    assert err == f"restored from {out}: 0 client(s) added, 1 replaced, 1 visit(s) imported\n"
    assert _contents(db_url)[0][0] == "Ann Example" and len(_contents(db_url)) == 1


def test_a_backup_that_cannot_be_written_is_one_line_and_exit_1(run_cli, db_url: str, tmp_path: Path) -> None:
    _seed(db_url, "Ann Example")
    code, out, err = run_cli("backup", "--out", str(tmp_path / "no" / "such" / "copy.db"))
    assert (code, out) == (1, "")
    assert err == f"tpx: error: no such folder: {tmp_path / 'no' / 'such'}\n"
    code, out, err = run_cli("backup", "--out", str(tmp_path))
    assert (code, err) == (1, f"tpx: error: {tmp_path} is a folder; give a file name inside it\n")


def test_restore_of_a_missing_or_foreign_file_is_refused_and_nothing_changes(
        run_cli, db_url: str, tmp_path: Path) -> None:
    _seed(db_url, "Ann Example")
    before = _contents(db_url)
    missing = tmp_path / "gone.json"
    code, out, err = run_cli("restore", str(missing))
    assert (code, out) == (1, "")
    assert err == f"tpx: error: {missing}: No such file or directory\n"
    foreign = tmp_path / "foreign.json"
    foreign.write_text('{"format": "something-else"}', encoding="utf-8")
    code, _, err = run_cli("restore", str(foreign))
    assert code == 1 and err.startswith("tpx: error: ") and err.count("\n") == 1
    assert _contents(db_url) == before


def test_a_damaged_database_is_set_aside_unchanged_only_when_asked(run_cli, db_url: str, tmp_path: Path) -> None:
    good = f"sqlite:///{tmp_path / 'good.db'}"
    _seed(good, "Ann Example")
    out = tmp_path / "copy.db"
    assert run_cli("backup", "--out", str(out), "--database", good)[0] == 0

    damaged = tmp_path / "records.db"
    garbage = b"not a database at all; a disk error wrote this " * 100
    damaged.write_bytes(garbage)
    code, _, err = run_cli("restore", str(out))
    assert code == 1 and err.startswith("tpx: error: ")
    assert err.rstrip("\n").endswith("— if the database itself is unusable, `tpx restore FILE --move-aside` "
                                     "keeps it under a new name and restores into a new one")
    assert damaged.read_bytes() == garbage  # refused: nothing touched

    code, _, err = run_cli("restore", str(out), "--move-aside")
    assert code == 0
    (aside,) = [p for p in tmp_path.iterdir() if p.name.startswith("records.db.unusable-")]
    assert aside.read_bytes() == garbage
    first, second = err.splitlines()
    assert first == f"the unusable database was kept as {aside}"
    assert second == f"restored from {out}: 1 client(s) added, 0 replaced, 1 visit(s) imported"
    assert _contents(db_url) == _contents(good)
