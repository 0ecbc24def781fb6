from __future__ import annotations

from pathlib import Path

import pytest

from app.services.catalog_service import CatalogService, CatalogUnavailable, UnknownId


def test_candidates_for_area_rank_essential_first(mini_service) -> None:
    ranked = mini_service.candidates_for_area("temple", "right")
    assert [(c.trp_id, c.zone) for c in ranked] == [("trapezius_trp1", "essential"), ("supinator_trp1", "spillover")]
    assert all(c.side == "right" for c in ranked)


def test_unknown_ids_raise_clear_errors(mini_service) -> None:
    with pytest.raises(UnknownId, match="unknown muscle id 'nope'"):
        mini_service.muscle("nope")
    with pytest.raises(UnknownId, match="skin area"):
        mini_service.candidates_for_area("nope", "right")
    with pytest.raises(UnknownId, match="unknown view"):
        mini_service.candidates_at("sideways", 0, 0)


def test_areas_list_views_per_side(mini_service) -> None:
    areas = mini_service.areas()
    assert {"id": "temple", "name": "Temple", "side": "right", "views": ["anterior", "posterior"]} in areas


def test_missing_or_corrupt_catalog_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogUnavailable, match="not found"):
        CatalogService.open(tmp_path / "none.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CatalogUnavailable, match="unreadable"):
        CatalogService.open(junk)
    assert junk.read_bytes().startswith(b"this is not")  # untouched


def test_search_and_conditions(mini_service) -> None:
    assert mini_service.search("trapezuis")[0].target_id == "trapezius"
    condition = mini_service.condition("tension_type_headache")
    assert [link.muscle_id for link in condition.links] == ["trapezius", "supinator"]
    assert mini_service.conditions_for_muscle("trapezius")[0][1] == "refers"
