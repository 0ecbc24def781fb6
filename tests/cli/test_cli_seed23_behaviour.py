"""What `tpx` does that a fresh mutation sample (seed 23) found unchecked: the records database a
person names with --database, the JSON they read, the exit status of a refused chart, the words
when the catalog is missing, the muscles a root supplies, and every file of an unusable database
kept when it is moved aside."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from app.services.records_service import RecordsService
from tests.storage.records_samples import fill_visit, sample_client


def _seed(url: str, name: str) -> None:
    with RecordsService.open(url) as service:
        client = service.save_client(sample_client(name))
        service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, 1))))


def test_clients_lists_the_database_named_on_the_command_line_as_indented_json(
        run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    usual, named = f"sqlite:///{tmp_path / 'usual.db'}", f"sqlite:///{tmp_path / 'named.db'}"
    _seed(usual, "Ann Usual")
    _seed(named, "Bob Named")
    monkeypatch.setenv("TPX_DATABASE_URL", usual)
    code, out, err = run_cli("clients", "--database", named, "--json")
    assert code == 0 and err == ""
    (row,) = json.loads(out)
    assert (row["name"], row["visits"]) == ("Bob Named", 1)
    assert out == json.dumps(json.loads(out), indent=2) + "\n"  # one key a line, as the other commands print


def test_a_chart_to_a_file_type_it_cannot_write_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    code, out, err = run_cli("chart", "trapezius", "--out", str(tmp_path / "chart.txt"))
    assert (code, out) == (2, "")
    assert err == "tpx: error: --out must end in .png, .svg or .pdf, got 'chart.txt'\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [("root", "C5"), ("nerves", "--area", "buttock")])
def test_nerve_commands_without_a_catalog_say_so_in_one_line(
        run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]) -> None:
    missing = tmp_path / "no-catalog.db"
    monkeypatch.setenv("TPX_CATALOG_DB", str(missing))
    code, out, err = run_cli(*command)
    assert (code, out) == (1, "")
    assert err == f"tpx: error: catalog database not found: {missing} (run `tpx build-catalog`)\n"


def test_a_root_table_lists_the_muscles_it_supplies(run_cli) -> None:
    _, card_json, _ = run_cli("root", "C5", "--json")
    muscles = json.loads(card_json)["muscles"]
    assert len(muscles) >= 3  # C5 supplies deltoid, biceps, rhomboids ... in the catalog
    code, out, _ = run_cli("root", "C5")
    rows = {line[:21].strip(): line[21:].strip() for line in out.splitlines()}
    shown = rows["Muscles it supplies"]  # the table cuts a long line at the terminal's width
    assert code == 0 and shown.startswith(f"{muscles[0]}, {muscles[1]}") and ", ".join(muscles).startswith(shown)


def test_moving_an_unusable_database_aside_keeps_all_three_of_its_files(
        run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = f"sqlite:///{tmp_path / 'good.db'}"
    _seed(good, "Ann Example")
    copy = tmp_path / "copy.db"
    assert run_cli("backup", "--out", str(copy), "--database", good)[0] == 0
    monkeypatch.setenv("TPX_DATABASE_URL", f"sqlite:///{tmp_path / 'records.db'}")
    parts = {suffix: f"damaged {suffix or 'main'} file ".encode() * 200 for suffix in ("", "-wal", "-shm")}
    for suffix, data in parts.items():
        (tmp_path / f"records.db{suffix}").write_bytes(data)

    code, _, err = run_cli("restore", str(copy), "--move-aside")
    assert code == 0, err
    (aside,) = [p for p in tmp_path.iterdir() if re.fullmatch(r"records\.db\.unusable-\d{8}-\d{6}", p.name)]
    for suffix, data in parts.items():
        assert Path(f"{aside}{suffix}").read_bytes() == data, suffix
    with RecordsService.open(f"sqlite:///{tmp_path / 'records.db'}") as restored:
        assert [c.name for c in restored.clients()] == ["Ann Example"]
