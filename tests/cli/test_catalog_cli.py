from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest



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
    (("candidates", "--area", "temple:middle"), "the side must be left or right"),
    (("candidates", "--area", ":left"), "--area takes AREA or AREA:SIDE"),
    (("candidates", "--area", "temple", "--area", "nope:left"), "unknown skin area 'nope' on the left side"),
    (("candidates", "--area", "temple", "--pain", "x.json"), "give either --area"),
    (("candidates", "--area", "temple", "--limit", "0"), "--limit must be at least 1"),
    (("candidates", "--pain", "/nonexistent/pain.json"), "No such file"),
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


def _mini_area(slug: str, side: str, view: str):
    from app.services.catalog_service import CatalogService
    from app.paths import catalog_db_path

    service = CatalogService.open(catalog_db_path())
    return next(a.geometry for a in service.skin_areas if (a.slug, a.side, a.view) == (slug, side, view))


def test_several_areas_rank_their_union_as_painting_them_would(cli, tmp_path: Path) -> None:
    code, out, err = cli("candidates", "--area", "temple", "--area", "lateral_epicondyle", "--side", "right",
                         "--json")
    assert code == 0 and err == ""
    by_area = json.loads(out)
    assert {(r["trigger_point_id"], r["side"]) for r in by_area} == {("trapezius_trp1", "right"),
                                                                     ("supinator_trp1", "right")}
    # Both essential zones explain half the pain (temple; epicondyle).  Prevalence multiplies the fit
    # (docs/ranking.md), so the very common trapezius TrP1 leads the common supinator TrP, whose
    # neater fit (its whole zone hurts) no longer outweighs the prior.
    assert [r["trigger_point_id"] for r in by_area] == ["trapezius_trp1", "supinator_trp1"]
    marks = [{"view": view, "geometry": _mini_area(slug, "right", view).wkt, "intensity": 5, "quality": "aching"}
             for slug in ("temple", "lateral_epicondyle") for view in ("anterior", "posterior")]
    pain = tmp_path / "pain.json"
    pain.write_text(json.dumps(marks))
    code, out, err = cli("candidates", "--pain", str(pain), "--json")
    assert code == 0 and err == ""
    painted = json.loads(out)
    # Ranked the same; the reasons name what was given: the clicked areas, or the painted view.
    assert [{k: v for k, v in r.items() if k != "why"} for r in painted] == \
        [{k: v for k, v in r.items() if k != "why"} for r in by_area]
    assert all("of the client's right temple and lateral epicondyle lies" in r["why"] for r in by_area)
    assert all(" view" in r["why"] and "temple" not in r["why"] for r in painted)
    alone = json.loads(cli("candidates", "--area", "temple", "--json")[1])
    assert [r["trigger_point_id"] for r in alone] == ["trapezius_trp1", "supinator_trp1"]
    assert all("of the client's right temple lies in its" in r["why"] and " view" not in r["why"] for r in alone)


def test_each_area_takes_its_own_side_and_rows_name_it(cli) -> None:
    code, out, _ = cli("candidates", "--area", "temple:left", "--area", "posterior_neck", "--side", "right", "--json")
    rows = json.loads(out)
    assert code == 0
    assert {(r["trigger_point_id"], r["side"]) for r in rows} >= {("trapezius_trp1", "left"),
                                                                  ("trapezius_trp1", "right")}
    assert ("supinator_trp1", "right") not in {(r["trigger_point_id"], r["side"]) for r in rows}
    code, out, _ = cli("candidates", "--area", "temple:left", "--area", "posterior_neck")
    lines = [line for line in out.splitlines() if "Upper trapezius TrP1" in line]
    assert len(lines) == 2 and any("client's left" in line for line in lines) \
        and any("client's right" in line for line in lines)


def test_limit_is_exact(cli) -> None:
    rows = json.loads(cli("candidates", "--area", "temple", "--limit", "1", "--json")[1])
    assert [r["trigger_point_id"] for r in rows] == ["trapezius_trp1"]


@pytest.mark.parametrize("content, message", [
    ("not json", "not JSON"),
    ('{"view": "anterior"}', "a pain map is a JSON list of marks"),
    ("[]", "has no marks"),
    ('[{"view": "side", "geometry": "POLYGON ((0 0, 1 0, 1 1, 0 0))", "intensity": 3, "quality": "aching"}]',
     "mark [0].view"),
    ('[{"view": "anterior", "geometry": "POINT (1 1)", "intensity": 3, "quality": "aching"}]',
     "Polygon or MultiPolygon"),
    ('[{"view": "anterior", "geometry": "POLYGON ((0 0, 9 0, 9 9, 0 0))", "intensity": 11, "quality": "aching"}]',
     "mark [0].intensity"),
    ('[{"view": "anterior", "geometry": "POLYGON ((0 0, 9 0, 9 9, 0 0))", "intensity": 3, "quality": "sore"}]',
     "mark [0].quality"),
    ('[{"view": "anterior", "geometry": "POLYGON ((0 0, 90 0, 90 90, 0 0))", "intensity": 3, "quality": "aching"},'
     ' {"view": "anterior", "geometry": "POLYGON ((0 0, 90 0, 90 90, 0 0))", "intensity": 5, "quality": "aching"}]',
     "marks [0] and [1] overlap on the anterior view"),
])
def test_a_bad_pain_file_is_one_line_error(cli, tmp_path: Path, content: str, message: str) -> None:
    pain = tmp_path / "pain.json"
    pain.write_text(content)
    code, out, err = cli("candidates", "--pain", str(pain), "--json")
    assert code == 1 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_review_sheet_shows_progress_on_a_terminal_only(cli, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "sheet.pdf"
    code, stdout, err = cli("review-sheet", "--out", str(out))
    assert code == 0 and err == "" and stdout == f"wrote {out}: 2 pages\n"  # piped: quiet
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    code, stdout, err = cli("review-sheet", "--out", str(out))
    assert code == 0 and "page 1/2: " in err and "page 2/2: " in err and err.endswith("2 pages drawn\n")
    code, stdout, err = cli("review-sheet", "--out", str(out), "--json")
    assert code == 0 and err == "" and json.loads(stdout) == {"out": str(out), "pages": 2}
    from pypdf import PdfReader

    assert len(PdfReader(out).pages) == 2


def test_a_stopped_review_sheet_keeps_the_old_file_and_leaves_no_part(mini_service, tmp_path: Path) -> None:
    from app.ui.chart_export import ExportCancelled, write_pdf

    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"the previous sheet")
    heard = []
    with pytest.raises(ExportCancelled):
        write_pdf(mini_service, ["supinator", "trapezius"], out, lambda done, total, name: heard.append(done) or done < 1)
    assert heard == [0, 1]
    assert out.read_bytes() == b"the previous sheet"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]
