from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main


@pytest.fixture()
def cli(mini_catalog: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    monkeypatch.setenv("TPX_CATALOG_DB", str(mini_catalog))
    monkeypatch.setenv("TPX_ASSETS_DIR", str(mini_catalog.parent / "assets"))

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_candidates_by_area_json_contract(cli) -> None:
    code, out, err = cli("candidates", "--area", "temple", "--json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert rows[0]["muscle_id"] == "trapezius" and rows[0]["zone"] == "essential"
    assert set(rows[0]) >= {"muscle", "muscle_id", "trigger_point", "zone", "score", "why"}
    assert rows == sorted(rows, key=lambda r: -r["score"])


def test_candidates_by_point_and_side(cli) -> None:
    code, out, _ = cli("candidates", "--view", "posterior", "--at", "250,100", "--json")
    assert code == 0 and json.loads(out)[0]["trigger_point"] == "Upper trapezius TrP1"
    code, out, _ = cli("candidates", "--area", "temple", "--side", "left", "--json")
    assert {r["side"] for r in json.loads(out)} == {"left"}


def test_listing_commands(cli) -> None:
    areas = json.loads(cli("areas", "--json")[1])
    assert {"id", "name", "side", "views"} == set(areas[0])
    muscles = json.loads(cli("muscles", "--json")[1])
    assert {"id": "trapezius", "name": "Trapezius", "region": "neck"} in muscles
    shown = json.loads(cli("show", "trapezius", "--json")[1])
    assert shown["trigger_points"][0]["essential"]["skin_areas"] == ["posterior_neck", "temple"]
    assert shown["sources"] and shown["links"][0]["condition_id"] == "tension_type_headache"
    condition = json.loads(cli("condition", "tension_type_headache", "--json")[1])
    assert condition["muscles"][0] == {"muscle": "Trapezius", "muscle_id": "trapezius", "relation": "refers",
                                       "trigger_points": ["trapezius_trp1"], "note": "Refers to the temple."}
    assert json.loads(cli("conditions", "--json")[1])[0]["id"] == "tension_type_headache"


@pytest.mark.parametrize("args, message", [
    (("show", "nope"), "unknown muscle id 'nope'"),
    (("condition", "nope"), "unknown condition id"),
    (("candidates", "--area", "nope"), "unknown skin area"),
    (("candidates", "--view", "anterior", "--at", "1;2"), "--at takes X,Y"),
    (("candidates",), "give either --area"),
    (("chart", "trapezius", "--out", "x.gif"), "must end in .png"),
])
def test_bad_input_is_one_line_error(cli, args, message) -> None:
    code, out, err = cli(*args)
    assert code != 0 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_chart_writes_png_svg_pdf(cli, tmp_path: Path) -> None:
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")):
        out = tmp_path / f"chart{suffix}"
        code, _, err = cli("chart", "trapezius", "--out", str(out))
        assert code == 0, err
        assert out.read_bytes().startswith(magic)


def test_argparse_errors_and_module_entry_point_have_no_traceback() -> None:
    result = subprocess.run([sys.executable, "-m", "app", "candidates", "--side", "middle"],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "invalid choice" in result.stderr
