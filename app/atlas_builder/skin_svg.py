"""Read a ``{view}_skin.svg`` back into geometry (tests, previews, tiling checks)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry.base import BaseGeometry

from app.domain.svg_geometry import path_d_to_geometry

_SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class SkinPath:
    id: str
    slug: str
    side: str
    geometry: BaseGeometry


@dataclass(frozen=True)
class SkinSvg:
    view: str
    width: float
    height: float
    outline: BaseGeometry
    areas: list[SkinPath]


def read_skin_svg(path: str | Path) -> SkinSvg:
    root = ET.parse(path).getroot()
    _, _, width, height = (float(v) for v in root.get("viewBox", "0 0 0 0").split())
    outline = None
    areas = []
    for el in root.iter(f"{_SVG}path"):
        if el.get("class") == "outline":
            outline = path_d_to_geometry(el.get("d", ""))
        elif el.get("class") == "skin":
            areas.append(SkinPath(el.get("id", ""), el.get("data-ref", ""), el.get("data-side", ""),
                                  path_d_to_geometry(el.get("d", ""))))
    if outline is None:
        raise ValueError(f"{path}: no outline path")
    return SkinSvg(root.get("data-view", Path(path).stem.removesuffix("_skin")), width, height, outline, areas)
