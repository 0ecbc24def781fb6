"""A click on the body map, on the shipped catalog: the candidates are exactly the trigger points
whose zones lie under the pointer, on the clicked side; and the nerve layer needs the catalog's file."""

from __future__ import annotations

import random

import pytest
from shapely.geometry import Point

from app.services.catalog_service import CatalogService
from app.services.nerve_service import nerve_service_for


@pytest.fixture(scope="module")
def catalog() -> CatalogService:
    return CatalogService.open()


def test_a_click_lists_the_zones_under_the_pointer_and_only_those(catalog: CatalogService) -> None:
    # only TrPs whose referred phenomenon is pain rank (trapezius TrP7 refers gooseflesh)
    zones = [z for z in catalog.zones_for(None)
             if not z.geometry.is_empty and catalog.trigger_point(z.trp_id).refers_pain]
    rng = random.Random(14)
    for zone in rng.sample(zones, 25):
        point = zone.geometry.representative_point()
        hits = catalog.candidates_at(zone.view, point.x, point.y)
        under = {(z.trp_id, z.side) for z in zones
                 if z.view == zone.view and z.geometry.buffer(1e-6).contains(Point(point.x, point.y))}
        strictly_under = {(z.trp_id, z.side) for z in zones
                          if z.view == zone.view and z.geometry.buffer(-1e-6).contains(Point(point.x, point.y))}
        found = {(c.trp_id, c.side) for c in hits}
        assert (zone.trp_id, zone.side) in found
        assert strictly_under <= found <= under, (zone.trp_id, zone.view)
        assert all(c.view == zone.view for c in hits)
        assert [c.score for c in hits] == sorted((c.score for c in hits), reverse=True)
        assert catalog.candidates_at(zone.view, point.x, point.y, limit=1) == hits[:1]


def test_a_trigger_point_that_refers_no_pain_is_never_a_candidate(catalog: CatalogService) -> None:
    pilomotor = catalog.trigger_point("trapezius_trp7")
    assert pilomotor.refers_pain is False
    (zone,) = [z for z in catalog.zones_for(["trapezius_trp7"]) if (z.kind, z.view, z.side) == (
        "essential", "anterior", "left")]
    point = zone.geometry.representative_point()
    assert "trapezius_trp7" not in {c.trp_id for c in catalog.candidates_at("anterior", point.x, point.y)}
    assert "trapezius_trp7" not in {c.trp_id for c in catalog.candidates_for_marks([("anterior", zone.geometry, 6)])}


def test_a_click_outside_the_body_finds_nothing(catalog: CatalogService) -> None:
    assert catalog.candidates_at("anterior", -500.0, -500.0) == []


def test_the_nerve_layer_reads_the_catalogs_own_file(catalog: CatalogService) -> None:
    from app.services.nerve_service import CatalogUnavailable
    from app.storage.catalog_reader import open_catalog_reader

    assert catalog.database_path is not None and catalog.database_path.name == "trigger_points.db"
    assert nerve_service_for(catalog).root_card(nerve_service_for(catalog).roots()[0].id)["id"]
    unopened = CatalogService(open_catalog_reader(catalog.database_path))
    assert unopened.database_path is None
    with pytest.raises(CatalogUnavailable) as caught:
        nerve_service_for(unopened)
    assert str(caught.value) == "this catalog service was not opened from a database file; no nerve tables"


def test_a_hovered_region_is_named_as_the_catalog_names_it(catalog: CatalogService) -> None:
    regions = {r.key: r for layer in catalog.views["anterior"].layers for r in catalog.regions("anterior", layer)}
    hand = next(r for r in regions.values() if r.ref == "abductor_digiti_minimi_hand" and r.side == "left")
    assert catalog.describe_region(hand) == "Abductor digiti minimi (hand), left"  # the name, not the id


def test_a_hovered_bone_is_named_as_the_atlas_names_it(catalog: CatalogService) -> None:
    """Bones are named from the atlas's bone list ("Carpal bones"), not from their ids ("Carpals")."""
    named = {catalog.describe_region(r) for v in catalog.views.values() for layer in v.layers
             for r in catalog.regions(v.name, layer) if r.kind == "bone" and r.ref == "carpals"}
    assert named == {"Carpal bones, left", "Carpal bones, right"}
