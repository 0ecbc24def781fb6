"""`tpx show --json` says what each TrP refers and whether its pattern is the Manual's (issue 9)."""

from __future__ import annotations

import json

import pytest

from app.cli.main import main
from app.paths import catalog_db_path

pytestmark = pytest.mark.skipif(not catalog_db_path().exists(), reason="no compiled catalog (data/trigger_points.db)")


def show(muscle_id: str, capsys: pytest.CaptureFixture) -> dict:
    assert main(["show", muscle_id, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_inferred_pattern_is_flagged_in_json(capsys: pytest.CaptureFixture) -> None:
    trp = show("extensor_digiti_minimi", capsys)["trigger_points"][0]
    assert trp["provenance"]["inferred"] is True
    assert trp["provenance"]["label"] == "inferred — not in the Manual"
    assert "extensor digitorum" in trp["provenance"]["how"]


def test_manual_pattern_and_non_pain_phenomenon_in_json(capsys: pytest.CaptureFixture) -> None:
    trps = {t["id"]: t for t in show("trapezius", capsys)["trigger_points"]}
    assert trps["trapezius_trp1"]["provenance"]["inferred"] is False
    assert trps["trapezius_trp1"]["refers"]["phenomenon"] == "pain"
    assert trps["trapezius_trp7"]["refers"]["phenomenon"] == "pilomotor"
    assert "gooseflesh" in trps["trapezius_trp7"]["refers"]["description"]


def test_condition_json_lists_differentials(capsys: pytest.CaptureFixture) -> None:
    assert main(["condition", "hip_pain", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any("Stress fracture" in d for d in data["differentials"])
    assert any("aneurysm" in d for d in data["differentials"])


def test_each_zone_in_json_says_where_it_is_drawn_and_which_skin_areas_it_reaches(capsys: pytest.CaptureFixture) -> None:
    """`tpx show --json` for a script or a teacher's sheet: the essential and spillover zones each carry
    their own sentence, the views they are drawn on and the skin areas they reach, as the window draws them."""
    from app.services.catalog_service import CatalogService

    service = CatalogService.open()
    for trp in show("infraspinatus", capsys)["trigger_points"]:
        record = service.trigger_point(trp["id"])
        for kind, text in (("essential", record.essential_text), ("spillover", record.spillover_text)):
            zone = trp[kind]
            assert set(zone) == {"description", "views", "skin_areas"}
            assert zone["description"] == text
            drawn = sorted({z.view for z in service.zones_for([trp["id"]]) if z.kind == kind and z.side == "right"})
            assert sorted(zone["views"]) == drawn and drawn, (trp["id"], kind)
            assert zone["skin_areas"], (trp["id"], kind)


def test_a_condition_in_json_carries_its_description(capsys: pytest.CaptureFixture) -> None:
    from app.services.catalog_service import CatalogService

    assert main(["condition", "tension_type_headache", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["description"] == CatalogService.open().condition("tension_type_headache").description
