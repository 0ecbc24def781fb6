"""What study mode needs from the catalog, computed once: the cards, each trigger point's
zones per side and view, its placements, each muscle's patterns (for choices) and the key
muscles of each condition."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import shapely
from shapely.geometry.base import BaseGeometry

from app.domain.study.cards import CONDITION, LOCATE, NAME, PAINT, Card
from app.domain.study.choices import Pattern
from app.domain.study.paint_scoring import ViewZones
from app.services.catalog_service import CatalogService

KEY_RELATIONS = ("refers", "mimics", "entraps")  # a condition's muscles to check first
MAX_KEY_MUSCLES = 6
SIDES = ("left", "right")


@dataclass(frozen=True)
class TrpPattern:
    """One trigger point's pattern: zones per side and view, placements per view (x, y, side)."""

    zones: dict[str, dict[str, ViewZones]]  # side -> view -> zones
    placements: dict[str, list[tuple[float, float, str]]]

    def essential_views(self) -> list[str]:
        return sorted({v for by_view in self.zones.values() for v, z in by_view.items() if not z.essential.is_empty})

    def both_sides(self, view: str) -> ViewZones:
        parts = [self.zones[s][view] for s in self.zones if view in self.zones[s]]
        ess = shapely.union_all([p.essential for p in parts]) if parts else shapely.MultiPolygon()
        spill = shapely.union_all([p.spillover for p in parts]) if parts else shapely.MultiPolygon()
        return ViewZones(ess, spill)


class StudyCatalog:
    def __init__(self, catalog: CatalogService) -> None:
        self.catalog = catalog

    @cached_property
    def patterns(self) -> dict[str, TrpPattern]:
        ids = [t.id for m in self.catalog.muscles() for t in m.trigger_points if t.refers_pain]
        raw: dict[str, dict[str, dict[str, dict[str, list[BaseGeometry]]]]] = {}
        for zone in self.catalog.zones_for(ids):
            sides = SIDES if zone.side not in SIDES else (zone.side,)
            for side in sides:
                kinds = raw.setdefault(zone.trp_id, {}).setdefault(side, {}).setdefault(zone.view, {})
                kinds.setdefault(zone.kind, []).append(zone.geometry)
        placements: dict[str, dict[str, list[tuple[float, float, str]]]] = {}
        for trp_id, places in self.catalog.placements_for(ids).items():
            for p in places:
                placements.setdefault(trp_id, {}).setdefault(p.view, []).append((p.x, p.y, p.side))
        found = {}
        for trp_id in ids:
            zones = {side: {view: ViewZones(shapely.union_all(kinds.get("essential", [])),
                                            shapely.union_all(kinds.get("spillover", [])))
                            for view, kinds in by_view.items()} for side, by_view in raw.get(trp_id, {}).items()}
            found[trp_id] = TrpPattern(zones, placements.get(trp_id, {}))
        return found

    @cached_property
    def muscle_patterns(self) -> dict[str, list[Pattern]]:
        out: dict[str, list[Pattern]] = {}
        for m in self.catalog.muscles():
            for t in m.trigger_points:
                pattern = self.patterns.get(t.id)
                if pattern is not None:
                    out.setdefault(m.id, []).append({v: pattern.both_sides(v).essential for v in pattern.essential_views()})
        return out

    @cached_property
    def region_of(self) -> dict[str, str]:
        return {m.id: m.region for m in self.catalog.muscles()}

    def key_muscles(self, condition_id: str) -> list[str]:
        condition = self.catalog.condition(condition_id)
        links = sorted((l for l in condition.links if l.relation in KEY_RELATIONS), key=lambda l: l.rank)
        return list(dict.fromkeys(l.muscle_id for l in links if l.muscle_id in self.region_of))[:MAX_KEY_MUSCLES]

    @cached_property
    def cards(self) -> list[Card]:
        """Every card, grouped by muscle (name, paint, locate per trigger point), then conditions."""
        cards: list[Card] = []
        for m in sorted(self.catalog.muscles(), key=lambda m: m.id):
            for t in m.trigger_points:
                pattern = self.patterns.get(t.id)
                if pattern is None:
                    continue
                if pattern.essential_views():
                    cards += [Card(NAME, t.id), Card(PAINT, t.id)]
                if pattern.placements:
                    cards.append(Card(LOCATE, t.id))
        cards += [Card(CONDITION, c.id) for c in sorted(self.catalog.conditions(), key=lambda c: c.id)
                  if self.key_muscles(c.id)]
        return cards

    @cached_property
    def card_keys(self) -> frozenset[str]:
        return frozenset(c.key for c in self.cards)

    def region_of_card(self, card: Card) -> str:
        if card.kind == CONDITION:
            return ""
        return self.region_of.get(self.catalog.trigger_point(card.target).muscle_id, "")

    def trp_title(self, trp_id: str) -> str:
        trp = self.catalog.trigger_point(trp_id)
        muscle = self.catalog.muscle(trp.muscle_id)
        return trp.label if trp.label.lower().startswith(muscle.name.split(" (")[0].lower()) \
            else f"{muscle.name}: {trp.label}"

    def best_view(self, trp_id: str) -> str | None:
        pattern = self.patterns[trp_id]
        views = pattern.essential_views()
        if not views:
            return None
        return max(views, key=lambda v: (round(pattern.both_sides(v).essential.area, 1), v))

    def region_box(self, region: str, view: str) -> tuple[float, float, float, float] | None:
        """Bounds (x0, y0, x1, y1) of all muscles of a body region drawn on a view."""
        muscles = {m for m, r in self.region_of.items() if r == region}
        bounds = [r.geometry.bounds for layer in self.catalog.views[view].layers
                  for r in self.catalog.regions(view, layer) if r.kind == "muscle" and r.ref in muscles]
        if not bounds:
            return None
        return (min(b[0] for b in bounds), min(b[1] for b in bounds), max(b[2] for b in bounds), max(b[3] for b in bounds))
