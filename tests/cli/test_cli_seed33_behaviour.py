"""What the last cli sample (seed 33) found unchecked: `tpx` started from a shell (sys.argv), a reader
that goes away mid-output (`tpx … | head`), the program's name in its usage, a catalog command without a
catalog, `--view` without `--at`, and the row names of a root's table."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from app.cli.main import main


def test_tpx_reads_its_command_line_from_the_shell(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(sys, "argv", ["tpx", "areas", "--json"])
    assert main() == 0
    assert capsys.readouterr().out.startswith("[")


class _ReaderGone:
    """stdout of `tpx muscles | head -1` once head has exited: every write is a broken pipe."""

    def write(self, _text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_that_goes_away_ends_the_command_quietly(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdout", _ReaderGone())
    code = main(["muscles"])
    quiet = sys.stdout
    try:
        assert code == 0  # like other Unix tools: no traceback, no error status for `| head`
        assert quiet.name == os.devnull and quiet.writable()  # the rest of the output goes nowhere
    finally:
        quiet.close()
    assert capsys.readouterr().err == ""


def test_the_usage_names_the_program_as_it_is_typed(run_cli, capsys) -> None:
    with pytest.raises(SystemExit):
        run_cli("--help")
    assert capsys.readouterr().out.startswith("usage: tpx ")


@pytest.mark.parametrize("command", [("show", "trapezius"), ("chart", "trapezius", "--out", "trapezius.png")])
def test_a_catalog_command_without_a_catalog_says_so(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     command: tuple[str, ...]) -> None:
    missing = tmp_path / "no-catalog.db"
    monkeypatch.setenv("TPX_CATALOG_DB", str(missing))
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(*command)
    assert (code, out) == (1, "")
    assert err == f"tpx: error: catalog database not found: {missing} (run `tpx build-catalog`)\n"


def test_candidates_at_a_view_without_a_point_is_a_usage_error(run_cli) -> None:
    code, out, err = run_cli("candidates", "--view", "posterior")
    assert (code, out, err) == (2, "", "tpx: error: --view needs --at X,Y\n")


def test_a_root_table_names_its_rows(run_cli) -> None:
    code, out, _ = run_cli("root", "C5")
    assert code == 0 and [line[:21].strip() for line in out.splitlines()] == [
        "Root", "Key sensory point", "Key muscle", "Reflex", "Muscles it supplies", "Entrapment sites", "Note"]
