"""A tiny, hand-checkable atlas and catalog for tests that must not depend on the real data.

Two views (anterior, posterior) 400 x 1000 mm, outline x 100..300, y 50..950.  Skin areas are
horizontal bands split at the midline x = 200; the patient's right is screen left on the
anterior view and screen right on the posterior view.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from shapely.geometry import box

from app.domain.svg_geometry import geometry_to_path_d

BANDS = [("temple", 50, 150), ("posterior_neck", 150, 250), ("upper_thoracic_back", 250, 400),
         ("lateral_epicondyle", 400, 500), ("dorsal_forearm", 500, 950)]
OUTLINE = box(100, 50, 300, 950)


def _right_is_left_of_midline(view: str) -> bool:
    return view == "anterior"


def _side_box(view: str, side: str, x0: float, y0: float, x1: float, y1: float):
    """A box given for the right side in anterior coordinates, placed for view and side."""
    flip = (side == "left") == _right_is_left_of_midline(view)
    return box(400 - x1, y0, 400 - x0, y1) if flip else box(x0, y0, x1, y1)


def _svg(paths: list[str]) -> str:
    body = "\n".join(paths)
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 1000" width="400" height="1000">\n{body}\n</svg>\n'


def _path(id_: str, cls: str, geom, **data: str) -> str:
    attrs = " ".join(f'data-{k}="{v}"' for k, v in data.items())
    return f'<path id="{id_}" class="{cls}" {attrs} fill-rule="evenodd" d="{geometry_to_path_d(geom)}"/>'


def write_atlas(assets: Path) -> None:
    assets.mkdir(parents=True, exist_ok=True)
    views = {}
    for view in ("anterior", "posterior"):
        landmarks = {}
        for side in ("right", "left"):
            for name, (x, y) in {"acromion": (120, 200), "lateral_epicondyle": (110, 420), "mastoid_process": (160, 140)}.items():
                b = _side_box(view, side, x, y, x, y)
                landmarks[f"{name}.{side}"] = [b.bounds[0], y]
        if view == "posterior":
            landmarks["c7_spinous"] = [200, 180]
        views[view] = {"width": 400, "height": 1000, "layers": ["superficial", "deep"], "landmarks": landmarks}
        for layer in ("superficial", "deep"):
            paths = [_path("outline", "outline", OUTLINE)]
            for side in ("right", "left"):
                paths.append(_path(f"trapezius.upper.{side}", "muscle", _side_box(view, side, 100, 150, 200, 200),
                                   ref="trapezius", part="upper", side=side, layer=layer))
                paths.append(_path(f"supinator.{side}", "muscle", _side_box(view, side, 100, 400, 130, 450),
                                   ref="supinator", side=side, layer=layer))
                paths.append(_path(f"humerus.{side}", "bone", _side_box(view, side, 140, 250, 160, 400),
                                   ref="humerus", side=side, layer=layer))
            (assets / f"{view}_{layer}.svg").write_text(_svg(paths))
        skin = [_path("outline", "outline", OUTLINE)]
        for slug, y0, y1 in BANDS:
            for side in ("right", "left"):
                skin.append(_path(f"{slug}.{side}", "skin", _side_box(view, side, 100, y0, 200, y1), ref=slug, side=side))
        (assets / f"{view}_skin.svg").write_text(_svg(skin))
    (assets / "atlas.json").write_text(json.dumps({"views": views, "attribution": ["test atlas"]}))


TREATMENT = {"ischemic_compression": "Press and hold up to 30 s.", "cautions": []}
SOURCE = {"ref": "tsm1", "chapter": "Test"}


def _trp(id_: str, label: str, at, essential, spillover, prevalence="common", part=None) -> dict:
    return {"id": id_, "label": label, "part": part, "prevalence": prevalence,
            "location": {"text": "Test location.", "at": at}, "essential": essential, "spillover": spillover,
            "symptoms": ["Headache at the temple"], "treatment": TREATMENT, "source": SOURCE}


def _muscle(id_: str, name: str, region: str, trps: list[dict], parts=()) -> dict:
    return {"id": id_, "name": name, "latin": f"Musculus {id_}", "region": region, "layer": "superficial",
            "parts": list(parts), "innervation": {"nerve": "Test nerve", "roots": ["C5"]},
            "actions": ["Moves"], "attachments": {"origin": "A", "insertion": "B"}, "source": SOURCE,
            "trigger_points": trps}


def write_sources(root: Path) -> None:
    (root / "muscles" / "neck").mkdir(parents=True, exist_ok=True)
    (root / "muscles" / "forearm_hand").mkdir(parents=True, exist_ok=True)
    (root / "conditions").mkdir(parents=True, exist_ok=True)
    trapezius = _muscle("trapezius", "Trapezius", "neck", [
        _trp("trapezius_trp1", "Upper trapezius TrP1", {"between": ["c7_spinous", "acromion"], "t": 0.5},
             [{"area": "temple"}, {"area": "posterior_neck"}], [{"disk": {"at": "acromion", "r": 30}}],
             prevalence="very_common", part="upper")], parts=["upper", "middle", "lower"])
    supinator = _muscle("supinator", "Supinator", "forearm_hand", [
        _trp("supinator_trp1", "Supinator TrP", {"landmark": "lateral_epicondyle", "inferior": 10},
             [{"area": "lateral_epicondyle"}], [{"area": "dorsal_forearm"}, {"area": "temple"}])])
    (root / "muscles" / "neck" / "trapezius.yaml").write_text(yaml.safe_dump(trapezius))
    (root / "muscles" / "forearm_hand" / "supinator.yaml").write_text(yaml.safe_dump(supinator))
    condition = {"id": "tension_type_headache", "name": "Tension-type headache", "description": "Band-like headache.",
                 "red_flags": ["Sudden worst-ever headache"], "source": SOURCE,
                 "links": [{"muscle": "trapezius", "trigger_points": ["trapezius_trp1"], "relation": "refers",
                            "note": "Refers to the temple."},
                           {"muscle": "supinator", "relation": "perpetuates", "note": "Test link."}]}
    (root / "conditions" / "tension_type_headache.yaml").write_text(yaml.safe_dump(condition))
    (root / "sources.yaml").write_text(yaml.safe_dump([{"id": "tsm1", "title": "Trigger Point Manual Vol. 1"}]))
    (root / "factors.yaml").write_text(yaml.safe_dump([{"id": "stress", "name": "Stress", "description": "Tension."}]))
    (root / "techniques.yaml").write_text(yaml.safe_dump(
        [{"id": "ischemic_compression", "name": "Ischemic compression", "description": "Sustained pressure."}]))
    (root / "bones.yaml").write_text(yaml.safe_dump([{"id": "humerus", "name": "Humerus"}]))
