"""tpx clients / export / import / erase-client against a database in tmp_path."""

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
    return url


@pytest.fixture()
def cli(db_url: str, run_cli):
    return run_cli  # db_url sets TPX_DATABASE_URL


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
    assert code == 0 and json.loads(out)["visits_imported"] == 1 and out.startswith("{\n  ")
    assert len(json.loads(out)["client_ids"]) == 1
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


# Regressions (issue 11): every one reproduced a traceback, a hang or a wrong exit before its fix.
def test_import_of_a_device_or_a_pipe_is_refused_at_once(cli, db_url: str, tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "records.fifo"
    os.mkfifo(fifo)  # nobody writes: opening it for reading would block forever
    for source in ("/dev/zero", str(fifo), str(tmp_path)):
        code, out, err = cli("import", source)
        assert code == 1 and out == "" and err.count("\n") == 1, source
        assert "not a regular file" in err or "is a folder" in err


@pytest.mark.parametrize("out, message", [
    ("", "no file name"), ("{tmp}", "is a folder"), ("{tmp}/", "is a folder"), ("/dev/null", "not a regular file"),
    ("{tmp}/missing/x.json", "no such folder"), ("/proc/tpx-export.json", "cannot write in /proc"),
])
def test_export_to_an_impossible_place_is_one_line_and_touches_nothing(cli, db_url: str, tmp_path: Path,
                                                                       out: str, message: str) -> None:
    import os
    import stat as stat_module

    _seed(db_url)
    code, stdout, err = cli("export", "--out", out.format(tmp=tmp_path))
    assert code == 1 and stdout == "" and message in err and err.count("\n") == 1
    assert stat_module.S_ISCHR(os.stat("/dev/null").st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("command", [["clients"], ["clients", "--json"]])
def test_names_with_terminal_escape_codes_never_reach_the_terminal_raw(cli, db_url: str, command) -> None:
    _seed(db_url, "Mallory \x1b]0;owned\x07\x1b[2J\x9b31m")
    code, out, err = cli(*command)
    assert code == 0 and err == ""
    assert not any(c in out for c in "\x1b\x07\x9b")
    if "--json" in command:
        assert json.loads(out)[0]["name"] == "Mallory \x1b]0;owned\x07\x1b[2J\x9b31m"  # lossless in JSON
    else:
        assert "Mallory \\x1b]0;owned\\x07" in out


def test_erase_message_escapes_the_name(cli, db_url: str) -> None:
    client_id = _seed(db_url, "Eve \x1b[31mred")
    code, _, err = cli("erase-client", str(client_id), "--yes")
    assert code == 0 and "\x1b" not in err and "Eve \\x1b[31mred" in err


@pytest.mark.parametrize("command", [
    ["export", "--client", "9223372036854775808", "--out", "x.json"],
    ["erase-client", "99999999999999999999999", "--yes"],
    ["report", "--visit", "18446744073709551616", "--out", "x.pdf"],
    ["erase-client", "-3", "--yes"],
])
def test_ids_beyond_what_a_database_holds_are_a_usage_error_not_a_traceback(cli, db_url: str, command) -> None:
    with pytest.raises(SystemExit) as excinfo:
        cli(*command)
    assert excinfo.value.code == 2


def _damage_one_visit(url: str) -> int:
    import sqlite3

    client_id = _seed(url, "Damaged Visit Owner")
    path = url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:  # e.g. another tool wrote a bad date and bad JSON
        visit_id = conn.execute("SELECT max(id) FROM visits").fetchone()[0]
        conn.execute("UPDATE visits SET date = 'not a date', red_flags = '{oops' WHERE id = ?", (visit_id,))
        conn.execute("UPDATE clients SET date_of_birth = '31/02/1980' WHERE id = ?", (client_id,))
    conn.close()
    return visit_id


def test_one_damaged_row_does_not_stop_clients_or_export_all(cli, db_url: str, tmp_path: Path) -> None:
    _seed(db_url, "Healthy Client")
    visit_id = _damage_one_visit(db_url)
    code, out, err = cli("clients")
    assert code == 1 and "Healthy Client" in out and "damaged" in err and "Traceback" not in err
    out_file = tmp_path / "all.json"
    code, _, err = cli("export", "--out", str(out_file))
    assert code == 1 and f"visit {visit_id} cannot be read" in err
    exported = json.loads(out_file.read_text())
    assert [c["name"] for c in exported["clients"]] == ["Healthy Client"]
    assert len(exported["clients"][0]["visits"]) == 1


def test_unknown_trigger_point_ids_flat_geometry_and_red_flag_keys_are_refused(cli, db_url: str, tmp_path: Path,
                                                                               mini_catalog: Path,
                                                                               monkeypatch) -> None:
    monkeypatch.setenv("TPX_CATALOG_DB", str(mini_catalog))
    monkeypatch.setenv("TPX_ASSETS_DIR", str(mini_catalog.parent / "assets"))
    from app.services.catalog_service import CatalogService

    muscle = CatalogService.open(mini_catalog).muscles()[0]
    _seed(db_url)
    base = tmp_path / "base.json"
    assert cli("export", "--out", str(base))[0] == 0
    before = _counts(db_url)

    def attempt(mutate) -> tuple[int, str]:
        data = json.loads(base.read_text())
        visit = data["clients"][0]["visits"][0]
        visit["findings"] = [{"muscle_id": muscle.id, "trigger_point_id": muscle.trigger_points[0].id,
                              "side": "right", "status": "active"}]
        visit["treatments"] = []
        mutate(visit)
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(data))
        code, _, err = cli("import", str(bad))
        return code, err

    assert attempt(lambda v: None)[0] == 0  # the valid baseline imports
    accepted = _counts(db_url)
    cases = [
        (lambda v: v["findings"][0].update(trigger_point_id="trapezius_trp99"), "is not a trigger point of"),
        (lambda v: v["findings"][0].update(muscle_id="no_such_muscle"), "unknown muscle"),
        (lambda v: v["pain"][0].update(geometry="POLYGON Z ((0 0 1, 10 0 1, 10 10 1, 0 0 1))"), "flat"),
        (lambda v: v["red_flags"].update(made_up_flag=True), "red_flags"),
        (lambda v: v.update(symptom_severity={"fatigue": 4, "waking_unrefreshed": 0, "cognitive_symptoms": 0,
                                              "headaches": 0, "lower_abdominal_pain": 0, "depression": 0}),
         "symptom_severity.fatigue"),
    ]
    for mutate, message in cases:
        code, err = attempt(mutate)
        assert code == 1 and message in err and err.count("\n") == 1, message
        assert _counts(db_url) == accepted
    assert accepted["clients"] == before["clients"] + 1
