"""`tpx candidates --pain FILE.json` refusing a bad pain map: exit 1, nothing on stdout, and one
line on stderr naming the file, the mark and what is wrong with it (app/cli/pain_file.py).
Also `tpx build-atlas`'s own argument checks, which run before any heavy import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SQUARE = "POLYGON((0 0,10 0,10 10,0 10,0 0))"
NEXT_SQUARE = "POLYGON((10 0,20 0,20 10,10 10,10 0))"
OVERLAPPING = "POLYGON((5 5,15 5,15 15,5 15,5 5))"


def _mark(view: str = "anterior", geometry: str = SQUARE, intensity: int = 5, quality: str = "aching") -> dict:
    return {"view": view, "geometry": geometry, "intensity": intensity, "quality": quality}


CASES = [
    ({"view": "anterior"},
     'a pain map is a JSON list of marks ({"view", "geometry", "intensity", "quality"}), got dict'),
    ([], "the pain map has no marks"),
    ([_mark(intensity=11)], "mark [0].intensity: Input should be less than or equal to 10"),
    ([_mark(), _mark("posterior", intensity=-1)], "mark [1].intensity: Input should be greater than or equal to 0"),
    ([_mark(intensity=11, quality="achy")],
     "mark [0].intensity: Input should be less than or equal to 10 (and 1 more problem(s))"),
    ([_mark(view="front")],
     "mark [0].view: Input should be 'anterior', 'posterior', 'right_lateral', 'left_lateral' or 'plantar'"),
    ([_mark(geometry="POLYGON((0 0,10 0")], "mark [0].geometry: unreadable geometry (GEOSException)"),
    ([_mark(), _mark("posterior"), _mark(geometry=OVERLAPPING)],
     "marks [0] and [2] overlap on the anterior view (marks must be disjoint, as in a visit's pain map)"),
    ([_mark(), _mark("posterior"), _mark(geometry=NEXT_SQUARE), _mark("posterior", OVERLAPPING)],
     "marks [1] and [3] overlap on the posterior view (marks must be disjoint, as in a visit's pain map)"),
]


@pytest.mark.parametrize(("data", "problem"), CASES)
def test_a_bad_pain_map_is_refused_in_one_line(cli, tmp_path: Path, data, problem: str) -> None:
    pain = tmp_path / "pain.json"
    pain.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = cli("candidates", "--pain", str(pain), "--json")
    assert (code, out) == (1, "")
    assert err == f"tpx: error: {pain}: {problem}\n"


def test_a_file_that_is_not_json_is_refused(cli, tmp_path: Path) -> None:
    pain = tmp_path / "pain.json"
    pain.write_text("{not json", encoding="utf-8")
    code, out, err = cli("candidates", "--pain", str(pain))
    assert (code, out) == (1, "")
    assert err == (f"tpx: error: {pain}: not JSON (Expecting property name enclosed in double quotes "
                   "at line 1 column 2)\n")


def test_marks_that_only_touch_are_one_pain_map(cli, tmp_path: Path) -> None:
    """Neighbouring brush strokes share an edge; that is not an overlap."""
    pain = tmp_path / "pain.json"
    pain.write_text(json.dumps([_mark(), _mark(geometry=NEXT_SQUARE, intensity=0, quality="burning")]))
    code, out, err = cli("candidates", "--pain", str(pain), "--json")
    assert (code, err) == (0, "")
    assert isinstance(json.loads(out), list)


def test_build_atlas_checks_its_arguments_first(run_cli, tmp_path: Path) -> None:
    missing = tmp_path / "no-meshes"
    assert run_cli("build-atlas", "--meshes", str(missing)) == (1, "", f"tpx: error: mesh folder not found: {missing}\n")
    for bad in ("0.04", "10.5"):
        assert run_cli("build-atlas", "--meshes", str(tmp_path), "--mm-per-px", bad) == (
            1, "", "tpx: error: --mm-per-px must lie between 0.05 and 10\n")


def test_build_atlas_refuses_an_unknown_view_as_a_usage_error(run_cli, tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as usage:
        run_cli("build-atlas", "--meshes", str(tmp_path), "--views", "front")
    assert usage.value.code == 2
    assert capsys.readouterr().err.startswith("tpx: error: argument --views: invalid choice: 'front'")


def test_build_atlas_passes_the_users_choices_to_the_builder_and_reports_what_it_wrote(
        run_cli, tmp_path: Path, monkeypatch) -> None:
    """The builder itself needs the anatomy dataset (tests/atlas_builder); here only what the
    command hands it and prints: the views, the resolution, the output and preview folders."""
    from app.atlas_builder import build, preview
    from app.atlas_builder.scene import SceneError

    calls = []

    def fake_build(meshes, out, *, views=None, mm_per_px=None):
        calls.append((meshes, out, views, mm_per_px))
        if views == ["plantar"]:
            raise SceneError("manifest.json lists no plantar meshes")
        return build.BuildReport(files=[out / "anterior_skin.svg", out / "posterior_skin.svg"],
                                 region_counts={"posterior/deep": 7, "anterior/skin": 12}, seconds=41.6,
                                 notes=["3 muscles without a mesh"])

    monkeypatch.setattr(build, "build_atlas", fake_build)
    rendered = []

    def fake_render_all(assets: Path, out: Path) -> list[Path]:  # the real one globs and joins Paths
        rendered.append((assets, out))
        return [out / (svg.stem + ".png") for svg in sorted(assets.glob("*.svg"))] + [out / "anterior_skin.png"]

    monkeypatch.setattr(preview, "render_all", fake_render_all)
    out, pictures = tmp_path / "svgs", tmp_path / "png"
    code, stdout, err = run_cli("build-atlas", "--meshes", str(tmp_path), "--out", str(out), "--views", "anterior",
                                "posterior", "--mm-per-px", "0.5", "--preview", str(pictures))
    assert (code, err) == (0, "")
    assert calls == [(tmp_path, out, ["anterior", "posterior"], 0.5)] and rendered == [(out, pictures)]
    assert stdout.splitlines() == ["anterior/skin: 12 regions", "posterior/deep: 7 regions",
                                   "note: 3 muscles without a mesh", f"wrote 2 SVG files to {out} in 42 s",
                                   f"preview: {pictures / 'anterior_skin.png'}"]
    assert run_cli("build-atlas", "--meshes", str(tmp_path), "--views", "plantar") == (
        1, "", "tpx: error: manifest.json lists no plantar meshes\n")
