"""tpx clients / export / import / erase-client against a database in tmp_path."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest

from app.cli.main import main
from app.services.records_service import RecordsService
from tests.storage.records_samples import fill_visit, sample_client


@pytest.fixture()
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'records.db'}"
    monkeypatch.setenv("TPX_DATABASE_URL", url)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return url


@pytest.fixture()
def cli(db_url: str, capsys: pytest.CaptureFixture):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _seed(url: str, name: str = "Ann Example") -> int:
    with RecordsService.open(url) as service:
        client = service.save_client(sample_client(name))
        service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, 1))))
        return client.id


def _counts(url: str) -> dict[str, int]:
    with RecordsService.open(url) as service:
        return service.counts()


def test_clients_json_lists_clients(cli, db_url: str) -> None:
    _seed(db_url)
    code, out, err = cli("clients", "--json")
    assert code == 0 and err == ""
    (row,) = json.loads(out)
    assert (row["name"], row["visits"], row["consent_given"]) == ("Ann Example", 1, True)


def test_export_then_import_elsewhere(cli, db_url: str, tmp_path: Path) -> None:
    client_id = _seed(db_url)
    _seed(db_url, "Bob Other")
    out_file = tmp_path / "ann.json"
    code, _, err = cli("export", "--client", str(client_id), "--out", str(out_file))
    assert code == 0 and "1 client(s), 1 visit(s)" in err
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600  # health data: owner only
    data = json.loads(out_file.read_text())
    assert data["format"] == "tpx-records" and [c["name"] for c in data["clients"]] == ["Ann Example"]
    other = f"sqlite:///{tmp_path / 'other.db'}"
    code, out, err = cli("import", str(out_file), "--database", other, "--json")
    assert code == 0 and json.loads(out)["visits_imported"] == 1
    assert _counts(other)["clients"] == 1 and _counts(db_url)["clients"] == 2


@pytest.mark.parametrize("content", [
    b"", b"{not json", b"\xff\xfe garbage", b"[1, 2]", b'{"format": "tpx-records", "version": 1}',
    b'{"format": "tpx-records", "version": 1, "clients": [{"name": ""}]}', b"NaN", b"[" * 100000,
])
def test_bad_import_file_is_one_line_nonzero_and_changes_nothing(cli, db_url: str, tmp_path: Path,
                                                                 content: bytes) -> None:
    _seed(db_url)
    before = _counts(db_url)
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, out, err = cli("import", str(bad))
    assert code != 0 and out == ""
    assert err.startswith("tpx: error: ") and err.count("\n") == 1
    assert _counts(db_url) == before


def test_import_of_a_missing_file(cli, tmp_path: Path) -> None:
    code, _, err = cli("import", str(tmp_path / "nope.json"))
    assert code == 1 and "No such file" in err


def test_export_unknown_client_and_bad_folder(cli, db_url: str, tmp_path: Path) -> None:
    code, _, err = cli("export", "--client", "99", "--out", str(tmp_path / "x.json"))
    assert code == 1 and "unknown client id 99" in err and not (tmp_path / "x.json").exists()
    code, _, err = cli("export", "--out", str(tmp_path / "no" / "such" / "x.json"))
    assert code == 1 and "no such folder" in err


def test_import_replace_policy(cli, db_url: str, tmp_path: Path) -> None:
    _seed(db_url)
    export = tmp_path / "all.json"
    assert cli("export", "--out", str(export))[0] == 0
    assert cli("import", str(export))[0] == 0
    assert _counts(db_url)["clients"] == 2  # default: a copy with new ids
    code, _, err = cli("import", str(export), "--replace")
    assert code == 0 and "0 client(s) added, 1 replaced" in err
    assert _counts(db_url)["clients"] == 2


def test_erase_client_needs_confirmation(cli, db_url: str) -> None:
    client_id = _seed(db_url)
    code, _, err = cli("erase-client", str(client_id))
    assert code == 1 and "--yes" in err and _counts(db_url)["clients"] == 1
    code, _, err = cli("erase-client", str(client_id), "--yes")
    assert code == 0 and set(_counts(db_url).values()) == {0}


def test_a_damaged_database_is_one_line(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"garbage" * 100)
    monkeypatch.setenv("TPX_DATABASE_URL", f"sqlite:///{broken}")
    code, _, err = cli("clients")
    assert code == 1 and "not a SQLite database" in err and err.count("\n") == 1
    assert broken.read_bytes() == b"garbage" * 100
