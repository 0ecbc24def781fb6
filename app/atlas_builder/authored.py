"""Schematic outlines of muscles the dataset lacks (authored.yaml), anchored to bone meshes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

from app.atlas_builder.atlas_data import AuthoredMuscle, region_id
from app.atlas_builder.glb import TriangleMesh
from app.atlas_builder.projection import project
from app.atlas_builder.raster import ViewGrid

# Anatomical direction -> unit vector for the patient's right side (x mirrored for the left).
_DIRECTIONS = {"superior": (0, 1, 0), "inferior": (0, -1, 0), "anterior": (0, 0, 1), "posterior": (0, 0, -1),
               "lateral": (-1, 0, 0), "medial": (1, 0, 0)}


class AuthoredError(ValueError):
    """An anchor names a bone the meshes do not hold."""


def _bone_vertices(meshes_by_part: Mapping[tuple[str, str], Sequence[TriangleMesh]], part_of: str, side: str) -> np.ndarray:
    for key in ((part_of, side), (part_of, "midline")):
        if key in meshes_by_part:
            return np.vstack([m.vertices for m in meshes_by_part[key]])
    raise AuthoredError(f"no bone mesh {part_of!r} ({side}) for an authored anchor")


def anchor_point(anchor: Mapping[str, Any], side: str,
                 meshes_by_part: Mapping[tuple[str, str], Sequence[TriangleMesh]]) -> np.ndarray:
    """3D point (metres) of one anchor for the given side."""
    verts = _bone_vertices(meshes_by_part, anchor["part_of"], side)
    lo, hi = verts.min(axis=0), verts.max(axis=0)
    f_lat, f_sup, f_ant = (float(v) for v in anchor["f"])
    sign = -1.0 if side == "right" else 1.0  # lateral is -X on the right
    midline = abs(lo[0] + hi[0]) < 0.01 * (hi[0] - lo[0] + 1e-9) or (lo[0] < 0 < hi[0])
    if midline:
        medial_x, lateral_x = 0.5 * (lo[0] + hi[0]), (lo[0] if sign < 0 else hi[0])
    else:
        medial_x, lateral_x = (hi[0], lo[0]) if sign < 0 else (lo[0], hi[0])
    point = np.array([medial_x + f_lat * (lateral_x - medial_x), lo[1] + f_sup * (hi[1] - lo[1]),
                      lo[2] + f_ant * (hi[2] - lo[2])])
    for direction, mm in (anchor.get("offset_mm") or {}).items():
        vec = np.array(_DIRECTIONS[direction], dtype=float)
        vec[0] *= -sign if direction in ("lateral", "medial") else 1.0
        point = point + vec * (float(mm) / 1000.0)
    return point


def authored_geometry(muscle: AuthoredMuscle, side: str, grid: ViewGrid,
                      meshes_by_part: Mapping[tuple[str, str], Sequence[TriangleMesh]]) -> BaseGeometry:
    """The band in SVG mm on the grid's view."""
    pts3 = np.array([anchor_point(a, side, meshes_by_part) for a in muscle.centreline])
    screen = project(pts3, grid.view)[:, :2]
    svg = grid.svg_of(screen)
    line = LineString([tuple(p) for p in svg])
    if line.length < 1e-6:
        return Polygon()
    return line.buffer(muscle.width_mm / 2.0, cap_style="round", join_style="round", quad_segs=6)


def authored_regions(muscles: Sequence[AuthoredMuscle], view: str, layer: str, sides: Sequence[str], grid: ViewGrid,
                     meshes_by_part: Mapping[tuple[str, str], Sequence[TriangleMesh]]) -> dict[str, BaseGeometry]:
    """Region id -> band for the authored muscles drawn on this view and layer."""
    out = {}
    for muscle in muscles:
        if layer not in muscle.layers.get(view, ()):
            continue
        for side in muscle.sides:
            if side in sides:
                out[region_id(muscle.ref, "", side)] = authored_geometry(muscle, side, grid, meshes_by_part)
    return out
