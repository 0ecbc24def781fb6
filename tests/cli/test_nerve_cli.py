"""`tpx nerves` and `tpx root` as a therapist types them, on the shipped catalog: JSON best first
with kind/id/name/score/why; bad input of every kind is one line on stderr and a non-zero exit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from app.services.nerve_service import NerveService
from tests.services.test_nerve_service import brush_strokes


@pytest.fixture()
def cli(run_cli):
    return run_cli  # the shipped catalog: nerves are compiled into it


def test_areas_rank_the_lateral_femoral_cutaneous_nerve_first_for_the_outer_thigh(cli) -> None:
    code, out, err = cli("nerves", "--area", "lateral_thigh", "--side", "left", "--json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert rows[0]["kind"] == "nerve" and rows[0]["id"] == "lateral_femoral_cutaneous"
    assert set(rows[0]) == {"kind", "id", "name", "side", "score", "why"} and rows[0]["side"] == "left"
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert "of the pain lies in the lateral femoral cutaneous nerve territory" in rows[0]["why"]


def test_pain_file_with_tingling_thumb_and_forearm_fits_c6(cli, tmp_path: Path) -> None:
    service = NerveService.open()
    lm = service.catalog.landmarks["anterior"]
    stroke = brush_strokes([lm["lateral_epicondyle.right"], lm["radial_styloid.right"], lm["first_mcp.right"]], 5)
    pain = tmp_path / "pain.json"
    pain.write_text(json.dumps([{"view": "anterior", "geometry": shapely.to_wkt(stroke, rounding_precision=2),
                                 "intensity": 6, "quality": "tingling"}]))
    code, out, err = cli("nerves", "--pain", str(pain), "--json", "--limit", "3")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 3
    assert "C6" in [r["id"] for r in rows] and rows[0]["kind"] in {"root", "nerve"}
    assert "tingling" in rows[0]["why"]


def test_root_card_json(cli) -> None:
    code, out, _ = cli("root", "L5", "--json")
    card = json.loads(out)
    assert code == 0 and card["id"] == "L5" and card["key_muscle"]["muscles"] == ["extensor_hallucis_longus"]
    assert "tibialis_anterior" in card["muscles"] and "third metatarsophalangeal" in card["key_sensory_point"]["text"]
    assert card["source"]["ref"] == "lee_2008" and card["key_points_source"]["ref"] == "isncsci_2019"


@pytest.mark.parametrize(("args", "message"), [
    (("root", "C9"), "unknown root 'C9'"),
    (("nerves", "--area", "elbowz"), "unknown skin area 'elbowz' on the right side"),
    (("nerves", "--area", "heel:up"), "the side must be left or right, got 'up'"),
    (("nerves",), "give either --area"),
    (("nerves", "--area", "heel", "--pain", "x.json"), "give either --area"),
    (("nerves", "--area", "heel", "--limit", "0"), "--limit must be at least 1"),
    (("nerves", "--pain", "/nonexistent/pain.json"), "pain.json"),
])
def test_bad_input_is_one_line_and_fails(cli, args: tuple[str, ...], message: str) -> None:
    code, out, err = cli(*args)
    assert code != 0 and out == ""
    assert message in err and err.count("\n") == 1, err


@pytest.mark.parametrize("content", ["{not json", "{}", "[]", '[{"view": "top", "geometry": "POINT (1 1)", '
                                     '"intensity": 3, "quality": "aching"}]',
                                     '[{"view": "anterior", "geometry": "POLYGON ((0 0, 9 0, 9 9, 0 0))", '
                                     '"intensity": 30, "quality": "aching"}]'])
def test_bad_pain_files_are_one_line_and_fail(cli, tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    code, out, err = cli("nerves", "--pain", str(path), "--json")
    assert code != 0 and out == "" and err.startswith("tpx: error:") and err.count("\n") == 1, err
