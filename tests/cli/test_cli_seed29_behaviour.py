"""What `tpx` prints that a cli sample of the weakest modules (seed 29) found unchecked, on the
shipped catalog: the JSON keys of a trigger point and of an import, the nerves table a person reads,
a root's key muscle, a failed Anki export's reason, and scores' areas to 0.1 mm²."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import shapely

from app.services.catalog_service import CatalogService
from app.services.records_service import RecordsService
from tests.storage.records_samples import fill_visit, sample_client

TRIGGER_POINT_KEYS = {"id", "label", "part", "prevalence", "location", "refers", "provenance", "placements",
                      "essential", "spillover", "symptoms", "perpetuating", "associated", "entrapment",
                      "differential", "treatment", "source"}


@pytest.fixture()
def records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'records.db'}"
    monkeypatch.setenv("TPX_DATABASE_URL", url)
    return url


def test_show_json_gives_each_trigger_point_its_keys_and_perpetuating_factors(run_cli) -> None:
    code, out, _ = run_cli("show", "trapezius", "--json")
    trps = json.loads(out)["trigger_points"]
    assert code == 0 and all(set(t) == TRIGGER_POINT_KEYS for t in trps)
    first = trps[0]["perpetuating"]
    assert first[0]["factor"] == "postural_distortion" and first[0]["note"].startswith("Forward head posture")
    assert all(set(p) == {"factor", "note"} for t in trps for p in t["perpetuating"])


def test_nerves_as_a_table_shows_score_kind_id_side_and_why_best_first(run_cli) -> None:
    _, as_json, _ = run_cli("nerves", "--area", "buttock", "--json")
    fits = json.loads(as_json)
    code, out, _ = run_cli("nerves", "--area", "buttock")
    lines = out.splitlines()
    assert code == 0 and len(lines) == len(fits) >= 3
    for line, fit in zip(lines, fits):
        assert line.split()[:3] == [f"{fit['score']:.3f}", fit["kind"], fit["id"]]
        assert f"  client's {fit['side']}  {fit['why'][:30]}" in line


def test_a_root_table_names_its_key_muscle(run_cli) -> None:
    _, card_json, _ = run_cli("root", "C5", "--json")
    code, out, _ = run_cli("root", "C5")
    rows = {line[:21].strip(): line[21:].strip() for line in out.splitlines()}
    assert code == 0 and rows["Key muscle"] == json.loads(card_json)["key_muscle"]["text"]
    assert rows["Key muscle"] == "Elbow flexors (biceps, brachialis)"


def test_import_json_reports_what_was_added_and_replaced(run_cli, records: str, tmp_path: Path) -> None:
    with RecordsService.open(records) as service:
        client = service.save_client(sample_client("Ann Example"))
        service.save_visit(fill_visit(service.new_visit(client.id, date(2026, 4, 1))))
        document = service.export_records()
    path = tmp_path / "ann.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out, _ = run_cli("import", str(path), "--replace", "--json")
    report = json.loads(out)
    assert code == 0 and set(report) == {"clients_added", "clients_replaced", "visits_imported", "client_ids"}
    assert (report["clients_added"], report["clients_replaced"], report["visits_imported"]) == (0, 1, 1)


def test_an_anki_export_into_a_missing_folder_names_the_folder(run_cli, records: str, tmp_path: Path) -> None:
    code, out, err = run_cli("study", "export-anki", "--deck", "region:neck", "--out", str(tmp_path / "nope" / "x.apkg"))
    assert (code, out) == (1, "")
    assert err == f"tpx: error: no such folder: {tmp_path / 'nope'}\n"


def test_a_study_score_gives_its_areas_to_a_tenth_of_a_square_millimetre(run_cli, records: str, tmp_path: Path) -> None:
    zones = CatalogService.open().zones_for(["trapezius_trp1"])
    essential = shapely.union_all([z.geometry for z in zones if z.kind == "essential" and z.view == "posterior"
                                   and z.side == "right"])
    brushed = essential.buffer(23.7).difference(essential.centroid.buffer(9.1))  # over the zone and beyond
    pain = tmp_path / "pain.json"
    pain.write_text(json.dumps([{"view": "posterior", "geometry": brushed.wkt, "intensity": 6, "quality": "aching"}]))
    code, out, _ = run_cli("study", "score", "--trp", "trapezius_trp1", "--pain", str(pain), "--json")
    result = json.loads(out)
    areas = {k: v for k, v in result.items() if k.endswith("_mm2")}
    assert code == 0 and set(areas) == {"hit_mm2", "miss_mm2", "spillover_mm2", "extra_mm2"}
    assert areas["hit_mm2"] > 0 and areas["spillover_mm2"] > 0 and areas["extra_mm2"] > 0
    assert all(round(v, 1) == v for v in areas.values()), areas
