"""A condition on the map: the essential zones of the muscles it names, one colour per muscle
(most relevant first), on both sides of the body."""

from __future__ import annotations

import shapely
from PySide6.QtGui import QColor
from shapely.geometry.base import BaseGeometry

from app.services.catalog_service import CatalogService

# Ten well-separated hues (the Tableau 10 palette), translucent so the body shows through.
PALETTE = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75),
           (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)]


def condition_zones(service: CatalogService, condition_id: str) -> dict[str, list[tuple[str, BaseGeometry, QColor]]]:
    """Per view: (muscle name, union of its essential zones, colour) for the condition's muscles
    that refer pain somewhere, in the condition's order of relevance (at most ten)."""
    condition = service.condition(condition_id)
    by_view: dict[str, list[tuple[str, BaseGeometry, QColor]]] = {}
    drawn = 0
    for link in condition.links:
        if drawn == len(PALETTE):
            break
        muscle = service.muscle(link.muscle_id)
        trp_ids = list(link.trigger_point_ids) or [t.id for t in muscle.trigger_points]
        zones = [z for z in service.zones_for(trp_ids) if z.kind == "essential" and not z.geometry.is_empty]
        if not zones:
            continue
        color = QColor(*PALETTE[drawn], 150)
        drawn += 1
        for view in sorted({z.view for z in zones}):
            union = shapely.union_all([z.geometry for z in zones if z.view == view])
            by_view.setdefault(view, []).append((muscle.name, union, color))
    return by_view


def busiest_view(by_view: dict[str, list[tuple[str, BaseGeometry, QColor]]]) -> str | None:
    """The view where the condition's zones cover most skin."""
    if not by_view:
        return None
    return max(by_view, key=lambda v: shapely.union_all([g for _n, g, _c in by_view[v]]).area)
