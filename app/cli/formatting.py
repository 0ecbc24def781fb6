"""Shared output helpers for the CLI: JSON shapes of records and plain-text tables."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING, Any

from app.domain.model import Muscle, TriggerPoint
from app.domain.vocabulary import INFERRED_LABEL, PHENOMENA

if TYPE_CHECKING:
    from app.domain.ranking import Candidate
    from app.services.catalog_facts import CatalogFacts, ZoneReach


def print_table(rows: list[list[str]]) -> None:
    if not rows:
        print("(nothing)")
        return
    width = shutil.get_terminal_size((120, 20)).columns
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        head = "  ".join(cell.ljust(w) for cell, w in zip(row, widths))
        print(f"{head}  {row[-1]}"[:width] if len(row) > 1 else row[0])


def candidate_json(c: Candidate, trp_label: str, muscle_name: str) -> dict[str, Any]:
    return {"muscle": muscle_name, "muscle_id": c.muscle_id, "trigger_point": trp_label,
            "trigger_point_id": c.trp_id, "side": c.side, "zone": c.zone, "score": c.score, "why": c.why}


def _zone_areas(trp: TriggerPoint, kind: str, reach: ZoneReach | None) -> dict[str, Any]:
    """The right side's zones of one kind: where drawn, and the skin areas they reach (precomputed
    by the catalog compiler: catalog/compile_derived.py)."""
    text = trp.essential_text if kind == "essential" else trp.spillover_text
    return {"description": text, "views": reach.views if reach else [], "skin_areas": reach.skin_areas if reach else []}


def trigger_point_json(facts: CatalogFacts, trp: TriggerPoint, reach: dict[tuple[str, str], ZoneReach]) -> dict[str, Any]:
    placements = facts.placements_for([trp.id]).get(trp.id, [])
    return {
        "id": trp.id, "label": trp.label, "part": trp.part, "prevalence": trp.prevalence,
        "location": trp.location_text,
        "refers": {"phenomenon": trp.phenomenon, "description": PHENOMENA.get(trp.phenomenon, trp.phenomenon)},
        "provenance": {"inferred": bool(trp.inferred), "label": INFERRED_LABEL if trp.inferred else "as the source gives it",
                       "how": trp.inferred},
        "placements": [{"view": p.view, "side": p.side, "layer": p.layer, "x": p.x, "y": p.y} for p in placements],
        "essential": _zone_areas(trp, "essential", reach.get((trp.id, "essential"))),
        "spillover": _zone_areas(trp, "spillover", reach.get((trp.id, "spillover"))),
        "symptoms": list(trp.symptoms),
        "perpetuating": [{"factor": f, "note": n} for f, n in trp.perpetuating],
        "associated": list(trp.associated), "entrapment": list(trp.entrapment),
        "differential": list(trp.differential), "treatment": trp.treatment, "source": trp.source.short(),
    }


def muscle_json(facts: CatalogFacts, m: Muscle) -> dict[str, Any]:
    reach = facts.zone_reach([t.id for t in m.trigger_points], side="right")
    trps = [trigger_point_json(facts, t, reach) for t in m.trigger_points]
    refs = {m.source.ref, *(t.source.ref for t in m.trigger_points)}
    titles = dict(facts.sources())
    return {
        "id": m.id, "name": m.name, "latin": m.latin, "region": m.region, "layer": m.layer, "parts": list(m.parts),
        "innervation": {"nerve": m.nerve, "roots": list(m.roots)}, "actions": list(m.actions),
        "attachments": {"origin": m.origin, "insertion": m.insertion},
        "trigger_points": trps,
        "links": [{"condition_id": c.id, "condition": c.name, "relation": rel}
                  for c, rel in facts.conditions_for_muscle(m.id)],
        "sources": [{"id": r, "title": titles.get(r, r)} for r in sorted(refs)],
        "source": m.source.short(),
    }
