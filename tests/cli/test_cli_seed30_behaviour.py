"""What a cli sample of catalog_commands, backup, main, report and reference (seed 30) found unchecked:
a condition's red flags in JSON, a catalog built where TPX_CATALOG_DB points when no --out is given,
the reason a review sheet could not be written, and the program's name in its help."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest



def test_condition_json_carries_its_red_flags(run_cli) -> None:
    code, out, _ = run_cli("condition", "abdominal_pain_myofascial", "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"id", "name", "description", "red_flags", "differentials", "muscles", "source"}
    assert any("rigid abdomen" in flag for flag in data["red_flags"])


def test_build_catalog_without_out_writes_the_catalog_the_app_reads(
        run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.mini_catalog import write_atlas, write_sources

    write_atlas(tmp_path / "assets")
    write_sources(tmp_path / "catalog")
    target = tmp_path / "review" / "trigger_points.db"
    target.parent.mkdir()
    monkeypatch.setenv("TPX_CATALOG_DB", str(target))  # a review build: the app and the CLI read it from here
    code, out, err = run_cli("build-catalog", "--sources", str(tmp_path / "catalog"), "--assets", str(tmp_path / "assets"))
    assert (code, err) == (0, "") and out.startswith(f"wrote {target}: 2 muscles, ") and target.is_file()
    code, out, _ = run_cli("muscles", "--json")
    assert code == 0 and {m["id"] for m in json.loads(out)} == {"supinator", "trapezius"}


def test_a_review_sheet_the_disk_cannot_take_says_why(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.ui.chart_export as chart_export

    def full_disk(*_args, **_kwargs) -> None:  # the sheet is ~140 pages (~40 s): the disk fills while writing
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(chart_export, "write_pdf", full_disk)
    out = tmp_path / "sheet.pdf"
    code, stdout, err = run_cli("review-sheet", "--out", str(out))
    assert (code, stdout) == (1, "")
    assert err == f"tpx: error: could not write {out}: No space left on device\n"


def test_the_help_names_the_program(run_cli, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as leaving:  # argparse prints the help and leaves
        run_cli("--help")
    assert leaving.value.code == 0 and "\n\nTrigger Point Explorer\n" in capsys.readouterr().out
