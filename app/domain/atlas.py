"""The body atlas as written by the atlas builder: views, regions, skin areas, landmarks.

Read from `assets/body_svgs/` (atlas.json and one SVG per view and layer, plus one skin SVG
per view).  Used when compiling the catalog; the running app reads the compiled copy.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from shapely.geometry.base import BaseGeometry

from app.domain.model import Region, SkinArea
from app.domain.svg_geometry import path_d_to_geometry

_SVG_PATH = "{http://www.w3.org/2000/svg}path"


class AtlasError(ValueError):
    """The atlas assets are missing or malformed."""


@dataclass(frozen=True)
class ViewInfo:
    name: str
    width: float
    height: float
    layers: tuple[str, ...]
    landmarks: dict[str, tuple[float, float]]


@dataclass
class Atlas:
    views: dict[str, ViewInfo]
    regions: list[Region] = field(default_factory=list)
    skin_areas: list[SkinArea] = field(default_factory=list)
    outlines: dict[str, BaseGeometry] = field(default_factory=dict)
    attribution: list[str] = field(default_factory=list)
    # Every landmark in the model's 3D space (metres), visible on a view or not: each view's
    # landmarks are these projected, so a landmark hidden on a view can be projected there too.
    landmarks3d: dict[str, tuple[float, float, float]] = field(default_factory=dict)


def _paths(svg_file: Path) -> list[ET.Element]:
    try:
        root = ET.parse(svg_file).getroot()
    except (OSError, ET.ParseError) as exc:
        raise AtlasError(f"cannot read {svg_file.name}: {exc}") from exc
    return [el for el in root.iter() if el.tag in (_SVG_PATH, "path")]


def load_atlas(assets_dir: Path) -> Atlas:
    meta_file = assets_dir / "atlas.json"
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AtlasError(f"cannot read {meta_file}: {exc}") from exc
    views = {
        name: ViewInfo(
            name=name,
            width=float(info["width"]),
            height=float(info["height"]),
            layers=tuple(info["layers"]),
            landmarks={k: (float(v[0]), float(v[1])) for k, v in info.get("landmarks", {}).items()},
        )
        for name, info in meta["views"].items()
    }
    atlas = Atlas(views=views, attribution=list(meta.get("attribution", [])),
                  landmarks3d={k: (float(v[0]), float(v[1]), float(v[2]))
                               for k, v in meta.get("landmarks3d", {}).items()})
    for view in views.values():
        for layer in view.layers:
            for el in _paths(assets_dir / f"{view.name}_{layer}.svg"):
                kind = el.get("class", "")
                if kind == "outline":
                    atlas.outlines.setdefault(view.name, path_d_to_geometry(el.get("d", "")))
                elif kind in ("muscle", "bone"):
                    atlas.regions.append(
                        Region(view.name, layer, kind, el.get("data-ref", ""), el.get("data-part") or None,
                               el.get("data-side", "midline"), path_d_to_geometry(el.get("d", "")))
                    )
        skin_file = assets_dir / f"{view.name}_skin.svg"
        if skin_file.exists():
            for el in _paths(skin_file):
                if el.get("class") == "skin":
                    atlas.skin_areas.append(
                        SkinArea(view.name, el.get("data-ref", ""), el.get("data-side", "midline"),
                                 path_d_to_geometry(el.get("d", "")))
                    )
    return atlas
