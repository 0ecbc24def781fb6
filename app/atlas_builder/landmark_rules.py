"""Interpreter for the landmark rules of ``data/atlas/landmarks.yaml``.

A rule picks vertices of one or more bone meshes (``within`` slabs, ``midline_mm``) and reduces
them to one point (``extreme``, ``centroid``, ``toward``/``away_from``), or combines other
landmarks (``between``).  Directions are anatomical and resolved per side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from app.atlas_builder.glb import TriangleMesh

Point3 = tuple[float, float, float]

_BASE_DIRECTIONS = {
    "superior": (0.0, 1.0, 0.0),
    "inferior": (0.0, -1.0, 0.0),
    "anterior": (0.0, 0.0, 1.0),
    "posterior": (0.0, 0.0, -1.0),
}


class LandmarkRuleError(ValueError):
    """A rule cannot be evaluated (unknown direction, no vertices left, missing bone)."""


def load_rules(path: str | Path) -> dict[str, Any]:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def direction_vector(name: str, side: str) -> np.ndarray:
    """Unit vector of an anatomical direction; lateral/medial depend on the side."""
    if name in _BASE_DIRECTIONS:
        return np.array(_BASE_DIRECTIONS[name])
    if name in ("lateral", "medial"):
        if side not in ("right", "left"):
            raise LandmarkRuleError(f"'{name}' has no meaning for a midline landmark")
        sign = -1.0 if side == "right" else 1.0  # patient's right is at -X
        return np.array((sign if name == "lateral" else -sign, 0.0, 0.0))
    raise LandmarkRuleError(f"unknown direction {name!r}")


def weighted_direction(weights: Mapping[str, float], side: str) -> np.ndarray:
    vec = sum((float(w) * direction_vector(n, side) for n, w in weights.items()), np.zeros(3))
    norm = np.linalg.norm(vec)
    if norm == 0:
        raise LandmarkRuleError(f"zero direction {dict(weights)}")
    return vec / norm


def bone_vertices(
    meshes_by_part: Mapping[tuple[str, str], Sequence[TriangleMesh]], bone: str, side: str, midline_x: float
) -> np.ndarray:
    """Vertices of a bone for a side: paired bone of that side, or the side's half of a midline
    bone; for a midline landmark, the midline bone or both paired bones."""
    parts: list[np.ndarray] = []
    if side in ("right", "left"):
        if (bone, side) in meshes_by_part:
            parts = [m.vertices for m in meshes_by_part[(bone, side)]]
        elif (bone, "midline") in meshes_by_part:
            verts = np.vstack([m.vertices for m in meshes_by_part[(bone, "midline")]])
            on_side = verts[:, 0] <= midline_x if side == "right" else verts[:, 0] >= midline_x
            parts = [verts[on_side]]
    else:
        keys = [(bone, "midline")] if (bone, "midline") in meshes_by_part else [(bone, "right"), (bone, "left")]
        parts = [m.vertices for k in keys for m in meshes_by_part.get(k, [])]
    parts = [p for p in parts if len(p)]
    if not parts:
        raise LandmarkRuleError(f"no mesh for bone {bone!r} ({side})")
    return np.vstack(parts)


def select_vertices(verts: np.ndarray, rule: Mapping[str, Any], side: str, midline_x: float) -> np.ndarray:
    if "midline_mm" in rule:
        verts = verts[np.abs(verts[:, 0] - midline_x) <= float(rule["midline_mm"]) / 1000.0]
    for name, (lo, hi) in (rule.get("within") or {}).items():
        if not len(verts):
            break
        s = verts @ direction_vector(name, side)
        span = s.max() - s.min()
        frac = (s - s.min()) / span if span > 0 else np.zeros_like(s)
        verts = verts[(frac >= float(lo) - 1e-9) & (frac <= float(hi) + 1e-9)]
    if not len(verts):
        raise LandmarkRuleError(f"no vertex left after selection {rule}")
    return verts


def apply_offset(point: np.ndarray, offset: Mapping[str, float] | None, side: str) -> np.ndarray:
    for name, mm in (offset or {}).items():
        point = point + direction_vector(name, side) * float(mm) / 1000.0
    return point


def evaluate(
    rule: Mapping[str, Any],
    side: str,
    meshes_by_part: Mapping[tuple[str, str], Sequence[TriangleMesh]],
    known: Mapping[str, Point3],
    midline_x: float,
    surface_centres: Mapping[str, Point3],
    suffix: str,
) -> np.ndarray:
    """One landmark for one side (side = right | left | midline)."""
    if "surface_patch" in rule:
        if rule["surface_patch"] not in surface_centres:
            raise LandmarkRuleError(f"no skin patch {rule['surface_patch']!r}")
        point = np.array(surface_centres[rule["surface_patch"]])
    elif "between" in rule:
        a, b = (known.get(n + suffix, known.get(n)) for n in rule["between"])
        if a is None or b is None:
            raise LandmarkRuleError(f"between needs {rule['between']}")
        t = float(rule.get("t", 0.5))
        point = (1 - t) * np.array(a) + t * np.array(b)
    else:
        verts = np.vstack([bone_vertices(meshes_by_part, b, side, midline_x) for b in rule["bones"]])
        verts = select_vertices(verts, rule, side, midline_x)
        point = _reduce(verts, rule, side, meshes_by_part, midline_x)
    return apply_offset(point, rule.get("offset"), side)


def _reduce(
    verts: np.ndarray,
    rule: Mapping[str, Any],
    side: str,
    meshes_by_part: Mapping[tuple[str, str], Sequence[TriangleMesh]],
    midline_x: float,
) -> np.ndarray:
    if rule.get("centroid"):
        return verts.mean(axis=0)
    direction = np.zeros(3)
    for key, sign in (("toward", 1.0), ("away_from", -1.0)):
        if key in rule:
            other = bone_vertices(meshes_by_part, rule[key], side, midline_x).mean(axis=0)
            d = other - verts.mean(axis=0)
            direction += sign * d / np.linalg.norm(d)
    if "extreme" in rule:
        direction += weighted_direction(rule["extreme"], side)
    if not np.any(direction):
        raise LandmarkRuleError(f"rule has no reduction: {dict(rule)}")
    return verts[int(np.argmax(verts @ direction))]
