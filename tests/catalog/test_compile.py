from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.catalog.compile import compile_catalog
from app.catalog.sources import CatalogError
from tests.support.mini_catalog import write_atlas, write_sources


def test_mini_catalog_compiles_zones_and_placements(mini_service) -> None:
    trp = mini_service.trigger_point("trapezius_trp1")
    # Both skin areas in plain words (equal shares, so either may come first), no raw ids.
    assert sorted(trp.essential_text.split(" and ")) == ["back of the neck", "temple"]
    zones = mini_service.zones_for(["trapezius_trp1"])
    kinds = {(z.kind, z.view, z.side) for z in zones}
    assert ("essential", "anterior", "right") in kinds and ("spillover", "posterior", "left") in kinds
    placements = mini_service.placements_for(["trapezius_trp1"])["trapezius_trp1"]
    # Between C7 (posterior only) and the acromion: placed on the posterior view, on the trapezius.
    assert {(p.view, p.side) for p in placements} == {("posterior", "right"), ("posterior", "left")}
    right = next(p for p in placements if p.side == "right")
    assert (right.x, right.y, right.layer) == (240.0, 190.0, "superficial")


def _sources(tmp_path: Path) -> tuple[Path, Path]:
    write_atlas(tmp_path / "assets")
    write_sources(tmp_path / "catalog")
    return tmp_path / "catalog", tmp_path / "assets"


def test_trigger_point_off_its_muscle_is_rejected_and_nothing_written(tmp_path: Path) -> None:
    catalog, assets = _sources(tmp_path)
    path = catalog / "muscles" / "forearm_hand" / "supinator.yaml"
    data = yaml.safe_load(path.read_text())
    data["trigger_points"][0]["location"]["at"] = {"landmark": "lateral_epicondyle", "inferior": 400}
    path.write_text(yaml.safe_dump(data))
    out = tmp_path / "out.db"
    with pytest.raises(CatalogError, match="not on the muscle") as info:
        compile_catalog(catalog, assets, out)
    assert not out.exists()
    trp_id = data["trigger_points"][0]["id"]
    assert [p for p in info.value.problems if "not on the muscle" in p] == [
        f"{path}: {trp_id}: location is not on the muscle in any view (check `location.at`)"]


def test_unknown_references_are_reported_with_their_file(tmp_path: Path) -> None:
    catalog, assets = _sources(tmp_path)
    path = catalog / "conditions" / "tension_type_headache.yaml"
    data = yaml.safe_load(path.read_text())
    data["links"][0]["trigger_points"] = ["trapezius_trp9"]
    data["source"]["ref"] = "nowhere"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogError) as info:
        compile_catalog(catalog, assets, tmp_path / "out.db")
    text = "\n".join(info.value.problems)
    assert "trapezius_trp9" in text and "nowhere" in text and "tension_type_headache" in text
