"""`tpx study decks | score | export-anki`: JSON contracts and one-line errors."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import shapely
from shapely.geometry import LineString, box

from app.services.catalog_service import CatalogService


@pytest.fixture()
def cli(cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("TPX_DATABASE_URL", f"sqlite:///{tmp_path / 'records.db'}")
    return cli


def _pain_file(tmp_path: Path, marks: list[tuple[str, object]], name: str = "pain.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps([{"view": v, "geometry": g.wkt, "intensity": 5, "quality": "aching"}
                                for v, g in marks]))
    return str(path)


def _essential(mini_catalog: Path, trp: str, view: str, side: str):
    zones = CatalogService.open(mini_catalog).zones_for([trp])
    return shapely.union_all([z.geometry for z in zones if z.kind == "essential" and z.view == view and z.side == side])


def test_decks_json(cli) -> None:
    code, out, err = cli("study", "decks", "--json")
    decks = {d["id"]: d for d in json.loads(out)}
    assert code == 0 and err == ""
    assert decks["all"]["cards"] == 7 and decks["region:neck"]["name"] == "Neck"
    assert set(decks["all"]) == {"id", "name", "kind", "cards", "description"}


def test_score_the_zone_itself_near_one_and_far_away_near_zero(cli, mini_catalog, tmp_path) -> None:
    zone = _essential(mini_catalog, "supinator_trp1", "posterior", "left")
    code, out, _ = cli("study", "score", "--trp", "supinator_trp1", "--pain",
                       _pain_file(tmp_path, [("posterior", zone)]), "--json")
    result = json.loads(out)
    assert code == 0 and result["score"] > 0.99 and result["iou"] > 0.99 and result["grade"] == "Easy"
    assert set(result) == {"trp", "score", "iou", "grade", "side", "feedback", "hit_mm2", "miss_mm2",
                           "spillover_mm2", "extra_mm2"}
    assert result["trp"] == "supinator_trp1" and result["side"] == "left"  # painted on the client's left
    assert result["hit_mm2"] > 0 and result["miss_mm2"] == result["extra_mm2"] == 0
    stroke = LineString([(110, 180), (150, 200), (190, 230)]).buffer(8)  # brushed over the neck
    code, out, _ = cli("study", "score", "--trp", "supinator_trp1", "--pain",
                       _pain_file(tmp_path, [("anterior", stroke)], "far.json"), "--json")
    far = json.loads(out)
    assert code == 0 and far["score"] < 0.01 and far["iou"] == 0 and far["extra_mm2"] > 0
    code, out, _ = cli("study", "score", "--trp", "supinator_trp1", "--pain", _pain_file(tmp_path, [("posterior", zone)]))
    assert out.startswith("score 1.00 (Easy)")


@pytest.mark.parametrize(("args", "content", "message"), [
    (("--trp", "deltoid_trp1"), None, "unknown trigger point id 'deltoid_trp1'"),
    (("--trp", "supinator_trp1"), "{not json", "pain.json"),
    (("--trp", "supinator_trp1"), "[]", "no marks"),
    (("--trp", "supinator_trp1"), json.dumps([{"view": "dorsal", "geometry": "POINT (1 1)", "intensity": 5,
                                               "quality": "aching"}]), "pain.json"),
])
def test_score_errors_are_one_line(cli, tmp_path, args, content, message) -> None:
    pain = tmp_path / "pain.json"
    pain.write_text(content if content is not None else json.dumps(
        [{"view": "anterior", "geometry": box(100, 100, 120, 120).wkt, "intensity": 5, "quality": "aching"}]))
    code, out, err = cli("study", "score", *args, "--pain", str(pain), "--json")
    assert code == 1 and out == "" and message in err and err.count("\n") == 1


def test_export_anki_writes_the_package(cli, tmp_path) -> None:
    out = tmp_path / "neck.apkg"
    code, _out, err = cli("study", "export-anki", "--deck", "region:neck", "--out", str(out))
    assert code == 0 and "3 notes" in err
    with zipfile.ZipFile(out) as package:
        assert "collection.anki2" in package.namelist()
    code, _out, err = cli("study", "export-anki", "--deck", "region:moon", "--out", str(tmp_path / "x.apkg"))
    assert code == 1 and "unknown deck 'region:moon'" in err and not (tmp_path / "x.apkg").exists()
    code, _out, err = cli("study", "export-anki", "--deck", "all", "--out", str(tmp_path / "nope" / "x.apkg"))
    assert code == 1 and err.count("\n") == 1
