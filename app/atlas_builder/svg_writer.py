"""Write one atlas layer as SVG (QtSvg-friendly: presentation attributes, no CSS)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from shapely.geometry.base import BaseGeometry

from app.domain.svg_geometry import geometry_to_path_d

# Anatomy-chart muscle reds and pinks; neighbours get different entries (see assign_colours).
MUSCLE_FILLS = ("#c0392b", "#d9534f", "#a93226", "#e07a6f", "#b84a4a", "#cf6679", "#992d2d", "#e8958a",
                "#b03a48", "#d46a5a", "#8e2c3a", "#e3a49b")
MUSCLE_STROKE = "#5e1a14"
BONE_FILL = "#f1e9d2"
BONE_STROKE = "#8c7b5a"
OUTLINE_FILL = "#f6dccb"
OUTLINE_STROKE = "#6b4a3a"


@dataclass(frozen=True)
class RegionShape:
    id: str
    kind: str  # muscle | bone
    ref: str
    part: str
    side: str
    geometry: BaseGeometry
    authored: bool = False


def _hash_index(key: str, n: int) -> int:
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) % n


def colour_key(region_id: str) -> str:
    """Left and right of a muscle share a colour: the id without its side."""
    return region_id.rsplit(".", 1)[0]


def assign_colours(ids: list[str], neighbours: Mapping[str, set[str]]) -> dict[str, str]:
    """Greedy colouring of the side-less keys in sorted order: start from a hash of the key and
    skip the colours of touching muscles (``neighbours`` is keyed by region id)."""
    near_keys: dict[str, set[str]] = {}
    for rid, others in neighbours.items():
        near_keys.setdefault(colour_key(rid), set()).update(colour_key(o) for o in others)
    by_key: dict[str, str] = {}
    n = len(MUSCLE_FILLS)
    for key in sorted({colour_key(r) for r in ids}):
        used = {by_key[o] for o in near_keys.get(key, ()) if o in by_key and o != key}
        start = _hash_index(key, n)
        candidate = MUSCLE_FILLS[start]
        for k in range(n):
            candidate = MUSCLE_FILLS[(start + k) % n]
            if candidate not in used:
                break
        by_key[key] = candidate
    return {rid: by_key[colour_key(rid)] for rid in ids}


def _path(region: RegionShape, layer: str, fill: str) -> str:
    stroke = MUSCLE_STROKE if region.kind == "muscle" else BONE_STROKE
    attrs = [("id", region.id), ("class", region.kind), ("data-ref", region.ref)]
    if region.part:
        attrs.append(("data-part", region.part))
    attrs += [("data-side", region.side), ("data-layer", layer)]
    if region.authored:
        attrs.append(("data-authored", "true"))
    attrs += [("fill", fill), ("fill-rule", "evenodd"), ("stroke", stroke), ("stroke-width", "0.35"),
              ("stroke-linejoin", "round"), ("d", geometry_to_path_d(region.geometry))]
    return "<path " + " ".join(f"{k}={quoteattr(v)}" for k, v in attrs) + "/>"


def write_layer_svg(path: Path, view: str, layer: str, width: float, height: float, outline: BaseGeometry,
                    regions: list[RegionShape], colours: Mapping[str, str]) -> None:
    """Outline first, then bones, then muscles, each group in id order (deterministic bytes)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {width:.1f} {height:.1f}" '
        f'width="{width:.1f}mm" height="{height:.1f}mm" data-view="{view}" data-layer="{layer}">',
        "<title>Trigger Point Explorer atlas: "
        f"{view.replace('_', ' ')}, {layer} layer (CC BY-SA 4.0, see LICENSE)</title>",
        f'<path id="outline" class="outline" fill="{OUTLINE_FILL}" fill-rule="evenodd" stroke="{OUTLINE_STROKE}" '
        f'stroke-width="0.6" stroke-linejoin="round" d="{geometry_to_path_d(outline, 2)}"/>',
        '<g id="bones">',
    ]
    ordered = sorted(regions, key=lambda r: r.id)
    lines += [_path(r, layer, BONE_FILL) for r in ordered if r.kind == "bone"]
    lines += ["</g>", '<g id="muscles">']
    lines += [_path(r, layer, colours.get(r.id, MUSCLE_FILLS[0])) for r in ordered if r.kind == "muscle"]
    lines += ["</g>", "</svg>", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
