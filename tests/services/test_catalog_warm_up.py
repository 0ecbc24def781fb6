"""The catalog's warm-up in two parts (app/ui/start_up.py runs them): what a first click on the map
reads, built before the window shows, and the rest, which pauses often enough for the window to
answer input between its pieces.  Counted, not timed."""

from __future__ import annotations

from app.services.catalog_service import CatalogService


def test_the_first_click_part_builds_the_lookup_and_muscles_but_reads_no_zones() -> None:
    service = CatalogService.open()
    service.warm_for_first_click("superficial")
    for name in CatalogService.FIRST_CLICK:
        assert getattr(CatalogService, name).is_built(service), name
    assert not CatalogService._zones_by_trp.is_built(service)  # noqa: SLF001 - the longest piece is left for later
    decoded = {key for key, index in service.lookup._regions.items() if not callable(index._labels_source[1])}  # noqa: SLF001
    assert decoded == {(view, "superficial") for view in service.views}  # the shown layer, every view


def test_the_rest_pauses_within_the_zones_and_between_every_piece() -> None:
    service = CatalogService.open()
    service.warm_for_first_click("superficial")
    calls: list[str] = []
    reading = []

    def pause() -> None:
        calls.append("pause")
        reading.append(not CatalogService._all_zones.is_built(service))  # noqa: SLF001

    service.warm_up(pause)
    zones = len(service._all_zones)  # noqa: SLF001
    assert sum(reading) >= zones // 100  # a pause point every hundred zones read: ~3 ms apart
    views = len(service.views)
    assert len(calls) - sum(reading) >= 2 * views  # and between every view's cell sums and point scores
