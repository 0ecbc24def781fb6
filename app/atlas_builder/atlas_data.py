"""The reviewable inputs of the atlas build: structures.csv, views.yaml, authored.yaml.

Nothing here reads meshes; it only says which mesh file becomes which region, and which
regions each view and layer shows.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.paths import ATLAS_DATA_DIR

LAYER_ORDER = {"superficial": 0, "middle": 1, "deep": 2}
GROUPS = ("anterior", "posterior", "lateral", "plantar")


class AtlasDataError(ValueError):
    """structures.csv / views.yaml / authored.yaml is inconsistent."""


@dataclass(frozen=True)
class Structure:
    """One mesh file and the region it belongs to (ref '' = not drawn)."""

    file: str
    name: str
    ref: str
    part: str
    side: str  # right | left | midline | split (midline mesh cut in halves) | mirror (right mesh + its x-mirror)
    kind: str  # muscle | bone | occluder (hides what is behind, draws nothing) | other (ignored)
    last_layer: dict[str, str]  # view group -> deepest layer still showing it, or "-"

    def shown(self, group: str, layer: str) -> bool:
        last = self.last_layer.get(group, "deep")
        return last != "-" and LAYER_ORDER[layer] <= LAYER_ORDER[last]


@dataclass(frozen=True)
class ViewSpec:
    name: str
    group: str
    layers: tuple[str, ...]
    sides: tuple[str, ...]
    exclude: frozenset[str]
    hide: dict[str, frozenset[str]]
    draw_above: tuple[tuple[str, str], ...]
    max_height_mm: float | None = None
    outline_close_mm: float | None = None  # the view's own closing of the silhouette (else settings)
    outline_smooth_mm: float | None = None  # the view's own blur of the silhouette (else the default)

    @property
    def whole_body(self) -> bool:
        return self.max_height_mm is None


@dataclass(frozen=True)
class AuthoredMuscle:
    ref: str
    name: str
    sides: tuple[str, ...]
    width_mm: float
    layers: dict[str, tuple[str, ...]]  # view -> layers
    centreline: tuple[dict[str, Any], ...]


@dataclass
class AtlasData:
    structures: list[Structure]
    views: dict[str, ViewSpec]
    settings: dict[str, float]
    authored: list[AuthoredMuscle] = field(default_factory=list)


OCCLUDER = ""  # region id of occluders


def region_id(ref: str, part: str, side: str) -> str:
    return ".".join(p for p in (ref, part, side) if p)


def load_structures(path: Path) -> list[Structure]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for row in rows:
        last = {g: (row.get(g) or "deep").strip() for g in GROUPS}
        for g, value in last.items():
            if value != "-" and value not in LAYER_ORDER:
                raise AtlasDataError(f"{path.name}: {row['file']}: bad layer {value!r} for {g}")
        if row["side"] not in ("right", "left", "midline", "split", "mirror"):
            raise AtlasDataError(f"{path.name}: {row['file']}: bad side {row['side']!r}")
        out.append(Structure(row["file"], row["name"], row["ref"].strip(), row["part"].strip(), row["side"],
                             row["kind"], last))
    return out


def load_views(path: Path) -> tuple[dict[str, ViewSpec], dict[str, float]]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    views = {}
    for name, v in doc["views"].items():
        if v["group"] not in GROUPS:
            raise AtlasDataError(f"{path.name}: view {name}: unknown group {v['group']!r}")
        hide = {layer: frozenset(refs or []) for layer, refs in (v.get("hide") or {}).items()}
        views[name] = ViewSpec(name, v["group"], tuple(v["layers"]), tuple(v["sides"]),
                               frozenset(v.get("exclude") or []), hide,
                               tuple((a, b) for a, b in (v.get("draw_above") or [])), v.get("max_height_mm"),
                               v.get("outline_close_mm"), v.get("outline_smooth_mm"))
    return views, dict(doc.get("settings") or {})


def load_authored(path: Path) -> list[AuthoredMuscle]:
    if not path.exists():
        return []
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [AuthoredMuscle(a["ref"], a.get("name", a["ref"]), tuple(a["sides"]), float(a["width_mm"]),
                           {v: tuple(ls) for v, ls in a["layers"].items()}, tuple(a["centreline"]))
            for a in doc.get("authored", [])]


def load_atlas_data(data_dir: Path = ATLAS_DATA_DIR) -> AtlasData:
    views, settings = load_views(data_dir / "views.yaml")
    return AtlasData(load_structures(data_dir / "structures.csv"), views, settings,
                     load_authored(data_dir / "authored.yaml"))
