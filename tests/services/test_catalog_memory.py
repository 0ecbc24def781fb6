"""The warmed catalog keeps its referral zones as WKB bytes, not as shapely geometry (about 40 MB
for the shipped catalog): shapes are made for the zones a question needs and let go after it."""

from __future__ import annotations

import gc

import shapely
from shapely.geometry.base import BaseGeometry

from app.services.catalog_service import CatalogService


def _live_shapes() -> list[BaseGeometry]:
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, BaseGeometry) and not o.is_empty]


def _live_zone_shapes(zone_wkbs: set[bytes], earlier: list[BaseGeometry]) -> int:
    """Zone shapes alive now that were not alive before the test (other tests of the same worker
    may hold catalogs of their own; ``earlier`` keeps those alive, so no id is reused)."""
    before = {id(o) for o in earlier}
    return sum(shapely.to_wkb(g) in zone_wkbs for g in _live_shapes() if id(g) not in before)


def test_a_warmed_catalog_answering_clicks_holds_no_zone_as_geometry() -> None:
    earlier = _live_shapes()
    service = CatalogService.open()
    service.warm_up()
    zones = service.zones_for(None)  # every zone as shapes, as the reader gives them
    reference = service._repo.zones(with_cells=True)  # noqa: SLF001 -- the stored zones, read whole
    assert [(z.trp_id, z.kind, z.view, z.side) for z in zones] == [(z.trp_id, z.kind, z.view, z.side) for z in reference]
    assert all(a.geometry.equals_exact(b.geometry, 0) for a, b in zip(zones, reference))
    wkbs = {shapely.to_wkb(z.geometry) for z in reference}
    del zones, reference
    # Questions that test zones exactly: clicked spots (a cell's edge zones), a skin area, a dab.
    for view, spec in service.views.items():
        x0, y0, x1, y1 = spec.outline.bounds
        for k in range(1, 8):
            service.candidates_at(view, x0 + (x1 - x0) * k / 8, y0 + (y1 - y0) * k / 8)
    service.candidates_for_area("temple", "right")
    _x0, _y0, x1, y1 = service.views["anterior"].outline.bounds
    service.candidates_for_marks([("anterior", shapely.Point(x1 / 2, y1 / 4).buffer(0.5), 5.0)])
    assert _live_zone_shapes(wkbs, earlier) == 0


def test_the_warmed_catalog_keeps_its_zones_packed_in_half_the_bytes_of_their_wkb() -> None:
    """Coordinates as int32 hundredths of a millimetre (the compiled zones lie on that grid): every
    (multi)polygon zone is packed, and gives back exactly the stored WKB."""
    from app.domain.packed_zone import CompactShape

    service = CatalogService.open()
    service.warm_up()
    stored = {(z.trp_id, z.kind, z.view, z.side): shapely.to_wkb(z.geometry) for z in service._repo.zones()}  # noqa: SLF001
    held = service._all_zones  # noqa: SLF001 -- what the warm-up keeps
    polygonal = [z for z in held if shapely.get_type_id(shapely.from_wkb(stored[(z.trp_id, z.kind, z.view, z.side)])) in (3, 6)]
    assert len(polygonal) > 1500
    assert all(isinstance(z.shape, CompactShape) for z in polygonal)  # was WKB bytes, every one
    assert all(z.wkb == stored[(z.trp_id, z.kind, z.view, z.side)] for z in held)
    packed_bytes = sum(z.shape.nbytes if isinstance(z.shape, CompactShape) else len(z.shape) for z in held)
    assert packed_bytes < 0.55 * sum(len(w) for w in stored.values())


def test_the_warmed_catalog_keeps_its_zones_cells_as_stored_and_ranks_from_them() -> None:
    """The cells are read once per view, when its cell sums are built; held compressed (int32 indices
    took 2.9 MB for the catalog, the stored bytes 0.15 MB) and decoded to the same indices."""
    service = CatalogService.open()
    service.warm_up()
    held = service._all_zones  # noqa: SLF001
    stored = {(z.trp_id, z.kind, z.view, z.side): z.cells for z in service._repo.zones(with_cells=True)}  # noqa: SLF001
    assert all(isinstance(z.packed_cells, bytes) for z in held)
    assert sum(len(z.packed_cells) for z in held) < 0.1 * sum(c.nbytes for c in stored.values())
    assert all(z.cells.tolist() == stored[(z.trp_id, z.kind, z.view, z.side)].tolist() for z in held)
    assert service.candidates_for_area("temple", "right")  # ranked from the cell sums built from them


def test_drawing_zones_from_a_warmed_catalog_decodes_no_cells(monkeypatch) -> None:
    """zones_for serves drawing and study (shapes only): the packed cells stay packed, as on the
    cold path that reads the shapes alone."""
    import app.domain.packed_zone as packed_zone

    service = CatalogService.open()
    service.warm_up()
    decoded = []
    real = packed_zone.unpack_cells
    monkeypatch.setattr(packed_zone, "unpack_cells", lambda blob: decoded.append(1) or real(blob))
    zones = service.zones_for(None)
    assert zones and decoded == []
    assert all(z.cells is None for z in zones)
