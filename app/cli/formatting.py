"""Shared output helpers for the CLI: JSON shapes of records and plain-text tables."""

from __future__ import annotations

import shutil
from typing import Any

import shapely

from app.domain.model import Muscle, TriggerPoint
from app.domain.ranking import Candidate
from app.domain.vocabulary import INFERRED_LABEL, PHENOMENA


def print_table(rows: list[list[str]]) -> None:
    if not rows:
        print("(nothing)")
        return
    width = shutil.get_terminal_size((120, 20)).columns
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        head = "  ".join(cell.ljust(w) for cell, w in zip(row, widths))
        print(f"{head}  {row[-1]}"[:width] if len(row) > 1 else row[0])


def candidate_json(service: Any, c: Candidate) -> dict[str, Any]:
    trp = service.trigger_point(c.trp_id)
    return {"muscle": service.muscle(c.muscle_id).name, "muscle_id": c.muscle_id, "trigger_point": trp.label,
            "trigger_point_id": c.trp_id, "side": c.side, "zone": c.zone, "score": c.score, "why": c.why}


def _zone_areas(service: Any, trp: TriggerPoint, kind: str) -> dict[str, Any]:
    zones = [z for z in service.zones_for([trp.id]) if z.kind == kind and z.side == "right"]
    areas: set[str] = set()
    for zone in zones:
        for area in service.skin_areas:
            if area.view == zone.view and area.side == "right" and area.geometry.intersects(zone.geometry):
                if shapely.intersection(area.geometry, zone.geometry).area >= 0.25 * min(area.geometry.area, zone.geometry.area):
                    areas.add(area.slug)
    text = trp.essential_text if kind == "essential" else trp.spillover_text
    return {"description": text, "views": sorted({z.view for z in zones}), "skin_areas": sorted(areas)}


def trigger_point_json(service: Any, trp: TriggerPoint) -> dict[str, Any]:
    placements = service.placements_for([trp.id]).get(trp.id, [])
    return {
        "id": trp.id, "label": trp.label, "part": trp.part, "prevalence": trp.prevalence,
        "location": trp.location_text,
        "refers": {"phenomenon": trp.phenomenon, "description": PHENOMENA.get(trp.phenomenon, trp.phenomenon)},
        "provenance": {"inferred": bool(trp.inferred), "label": INFERRED_LABEL if trp.inferred else "as the source gives it",
                       "how": trp.inferred},
        "placements": [{"view": p.view, "side": p.side, "layer": p.layer, "x": p.x, "y": p.y} for p in placements],
        "essential": _zone_areas(service, trp, "essential"), "spillover": _zone_areas(service, trp, "spillover"),
        "symptoms": list(trp.symptoms),
        "perpetuating": [{"factor": f, "note": n} for f, n in trp.perpetuating],
        "associated": list(trp.associated), "entrapment": list(trp.entrapment),
        "differential": list(trp.differential), "treatment": trp.treatment, "source": trp.source.short(),
    }


def muscle_json(service: Any, m: Muscle) -> dict[str, Any]:
    trps = [trigger_point_json(service, t) for t in m.trigger_points]
    refs = {m.source.ref, *(t.source.ref for t in m.trigger_points)}
    titles = dict(service.sources())
    return {
        "id": m.id, "name": m.name, "latin": m.latin, "region": m.region, "layer": m.layer, "parts": list(m.parts),
        "innervation": {"nerve": m.nerve, "roots": list(m.roots)}, "actions": list(m.actions),
        "attachments": {"origin": m.origin, "insertion": m.insertion},
        "trigger_points": trps,
        "links": [{"condition_id": c.id, "condition": c.name, "relation": rel}
                  for c, rel in service.conditions_for_muscle(m.id)],
        "sources": [{"id": r, "title": titles.get(r, r)} for r in sorted(refs)],
        "source": m.source.short(),
    }
