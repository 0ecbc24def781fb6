"""What `tpx` prints, exactly as a person (or a script reading --json) sees it: tables in aligned
columns, JSON indented by two, numbers rounded as documented, and the study commands that need no
records database working without one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from app.services.catalog_service import CatalogService


def test_search_lists_its_hits_as_a_table_and_as_json(cli) -> None:
    code, out, err = cli("search", "supinat", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == [{"kind": "muscle", "id": "supinator", "title": "Supinator", "detail": "", "score": 0.9}]
    assert out.startswith('[\n  {\n    "kind": "muscle",\n')
    assert cli("search", "supinat") == (0, "muscle  Supinator  \n", "")


def test_the_study_decks_table_is_aligned_and_its_json_indented(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TPX_DATABASE_URL", f"sqlite:///{tmp_path / 'records.db'}")
    code, out, _ = cli("study", "decks")
    lines = out.splitlines()
    assert code == 0 and lines[:2] == ["all                              Everything             7",
                                       "region:neck                      Neck                   3"]
    assert len({line.index(line.split()[1]) for line in lines}) == 1  # the names start in one column
    code, out, _ = cli("study", "decks", "--json")
    assert code == 0 and out.startswith('[\n  {\n    "id": "all",\n')


def test_tpx_study_alone_asks_for_a_command(cli, capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli("study")
    assert stopped.value.code == 2
    assert "the following arguments are required: study_command" in capsys.readouterr().err


def test_scoring_a_drawing_needs_no_records_database_and_rounds_as_documented(cli, mini_catalog: Path,
                                                                            tmp_path: Path, monkeypatch) -> None:
    broken = tmp_path / "records.db"
    broken.write_bytes(b"not a database at all " * 40)  # opening it would fail: score must not open it
    monkeypatch.setenv("TPX_DATABASE_URL", f"sqlite:///{broken}")
    zones = CatalogService.open(mini_catalog).zones_for(["supinator_trp1"])
    zone = shapely.union_all([z.geometry for z in zones if (z.kind, z.view, z.side) == ("essential", "posterior", "left")])
    drawn = shapely.affinity.translate(zone, 3.3, 1.7)  # a little off: every area is a fraction
    pain = tmp_path / "pain.json"
    pain.write_text(json.dumps([{"view": "posterior", "geometry": drawn.wkt, "intensity": 5, "quality": "aching"}]))
    code, out, err = cli("study", "score", "--trp", "supinator_trp1", "--pain", str(pain), "--json")
    assert (code, err) == (0, "") and out.startswith('{\n  "trp": "supinator_trp1",\n') and "\\u" not in out
    result = json.loads(out)
    for key, places in (("score", 4), ("iou", 4), ("hit_mm2", 1), ("miss_mm2", 1), ("extra_mm2", 1),
                        ("spillover_mm2", 1)):
        assert isinstance(result[key], float) and round(result[key], places) == result[key], key
    assert 0 < result["score"] < 1 and 0 < result["iou"] < 1
    assert result["hit_mm2"] > 10 * result["miss_mm2"] > 0 and result["extra_mm2"] > 0
    assert broken.read_bytes() == b"not a database at all " * 40


def test_version_names_the_program_and_its_version(run_cli, capsys) -> None:
    from app import __version__

    with pytest.raises(SystemExit) as stopped:
        run_cli("--version")
    assert stopped.value.code == 0 and capsys.readouterr().out == f"tpx {__version__}\n"
