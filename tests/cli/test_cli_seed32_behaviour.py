"""What the final cli sample (seed 32) found unchecked: a command run from a shell that never set
OPENBLAS_NUM_THREADS, a wrong side as a usage error, build-atlas without its extra, restore into the
database named with --database, the nerve commands' indented JSON, the clients' JSON keys, and each
command's own --help naming what it does."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from app.cli.main import build_parser
from app.cli.reference import _subcommands
from app.services.records_service import RecordsService
from tests.storage.records_samples import fill_visit, sample_client


def _seed(url: str, name: str) -> None:
    with RecordsService.open(url) as service:
        client = service.save_client(sample_client(name))
        service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, 1))))


def test_a_command_runs_in_a_shell_without_openblas_settings(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    code, out, err = run_cli("areas", "--json")
    assert (code, err) == (0, "") and json.loads(out)
    import os

    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"


def test_an_area_with_a_side_that_does_not_exist_is_a_usage_error(run_cli) -> None:
    code, out, err = run_cli("nerves", "--area", "buttock:middle")
    assert (code, out) == (2, "")
    assert err == "tpx: error: --area buttock:middle: the side must be left or right, got 'middle'\n"


def test_build_atlas_without_its_extra_says_what_to_install(run_cli, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "app.atlas_builder.build", None)  # as when the extra is not installed
    code, out, err = run_cli("build-atlas", "--meshes", str(tmp_path))
    assert (code, out) == (1, "")
    assert err.startswith("tpx: error: build-atlas needs the 'atlas' extra (numpy, rasterio, scipy): ")


def test_restore_moving_aside_the_database_named_with_database(run_cli, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    good = f"sqlite:///{tmp_path / 'good.db'}"
    _seed(good, "Ann Example")
    copy = tmp_path / "copy.db"
    assert run_cli("backup", "--out", str(copy), "--database", good)[0] == 0
    usual = f"sqlite:///{tmp_path / 'usual.db'}"
    _seed(usual, "Usual Client")
    monkeypatch.setenv("TPX_DATABASE_URL", usual)
    named = tmp_path / "named.db"
    named.write_bytes(b"not a database at all " * 200)
    code, _, err = run_cli("restore", str(copy), "--move-aside", "--database", f"sqlite:///{named}")
    assert code == 0, err
    with RecordsService.open(f"sqlite:///{named}") as restored:
        assert [c.name for c in restored.clients()] == ["Ann Example"]
    with RecordsService.open(usual) as untouched:
        assert [c.name for c in untouched.clients()] == ["Usual Client"]


@pytest.mark.parametrize("command", [("root", "C5", "--json"), ("nerves", "--area", "buttock", "--json")])
def test_nerve_commands_print_indented_json(run_cli, command: tuple[str, ...]) -> None:
    code, out, _ = run_cli(*command)
    assert code == 0 and out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"


def test_clients_json_has_each_clients_fields(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'records.db'}"
    _seed(url, "Ann Example")
    monkeypatch.setenv("TPX_DATABASE_URL", url)
    code, out, _ = run_cli("clients", "--json")
    (row,) = json.loads(out)
    assert code == 0 and set(row) == {"id", "uid", "name", "date_of_birth", "consent_given", "visits"}
    with RecordsService.open(url) as service:
        assert row["uid"] == service.clients()[0].uid


def test_each_commands_help_opens_with_what_it_does(run_cli, capsys: pytest.CaptureFixture) -> None:
    for name, purpose, _sub in _subcommands(build_parser()):
        with pytest.raises(SystemExit):
            run_cli(name, "--help")
        text = capsys.readouterr().out
        assert f"\n\n{purpose}\n" in text, name
