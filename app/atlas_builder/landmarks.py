"""Anatomical landmarks: 3D points from the bone meshes, and their position on each view.

The per-landmark rules live in ``data/atlas/landmarks.yaml`` (see :mod:`landmark_rules`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from app.atlas_builder.glb import TriangleMesh
from app.atlas_builder.landmark_rules import LandmarkRuleError, evaluate, load_rules
from app.atlas_builder.skin_grid import project_to_pixels
from app.paths import ATLAS_DATA_DIR

Point3 = tuple[float, float, float]
RULES_PATH = ATLAS_DATA_DIR / "landmarks.yaml"
SPINE_BONES_HINT = "vertebra"


def midline_x_of(meshes_by_part: Mapping[tuple[str, str], Sequence[TriangleMesh]]) -> float:
    """Body midline as the median x of the vertebrae (the dataset puts it near x = 0)."""
    xs = [m.vertices[:, 0].mean() for (part, side), ms in meshes_by_part.items()
          if side == "midline" and SPINE_BONES_HINT in part for m in ms]
    return float(np.median(xs)) if xs else 0.0


def _expanded_rules(rules: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    entries = {name: dict(rule) for name, rule in rules.get("landmarks", {}).items()}
    spinous_rule = rules.get("spinous_rule", {"midline_mm": 6, "extreme": {"posterior": 1}})
    for level, bone in (rules.get("spinous") or {}).items():
        entries[f"{level}_spinous"] = {**spinous_rule, "bones": [bone],
                                       "description": f"Tip of the spinous process of {level.upper()}."}
    return entries


def _patch_centres(region_meshes: Sequence[TriangleMesh] | None) -> dict[str, Point3]:
    return {m.name: tuple(float(v) for v in m.vertices.mean(axis=0)) for m in region_meshes or []}


def compute_landmarks_3d(
    meshes_by_part: Mapping[tuple[str, str], Sequence[TriangleMesh]],
    region_meshes: Sequence[TriangleMesh] | None = None,
    rules_path: str | Path = RULES_PATH,
    errors: list[str] | None = None,
) -> dict[str, Point3]:
    """Keyed by manifest (part_of, side) of bone meshes; metres in the dataset frame.

    Paired landmarks get ``.right``/``.left`` keys; helpers (``_name``) are dropped.  A landmark
    whose rule cannot be evaluated is left out and reported in ``errors`` when given.
    """
    entries = _expanded_rules(load_rules(rules_path))
    midline_x = midline_x_of(meshes_by_part)
    centres = _patch_centres(region_meshes)
    known: dict[str, Point3] = {}
    pending = list(entries)
    failures: dict[str, str] = {}
    # "between" rules refer to other landmarks: retry until a pass resolves nothing new.
    while pending:
        failures = {}
        for name in pending:
            try:
                known.update(_evaluate_entry(name, entries[name], meshes_by_part, known, midline_x, centres))
            except LandmarkRuleError as exc:
                failures[name] = str(exc)
        if len(failures) == len(pending):
            break
        pending = list(failures)
    if errors is not None:
        errors.extend(f"{name}: {msg}" for name, msg in failures.items())
    return {k: v for k, v in known.items() if not k.startswith("_")}


MeshesByPart = Mapping[tuple[str, str], Sequence[TriangleMesh]]


def _evaluate_entry(name: str, rule: Mapping[str, Any], meshes_by_part: MeshesByPart, known: Mapping[str, Point3],
                    midline_x: float, centres: Mapping[str, Point3]) -> dict[str, Point3]:
    out: dict[str, Point3] = {}
    for side in ("right", "left") if rule.get("paired") else ("midline",):
        suffix = f".{side}" if side != "midline" else ""
        point = _evaluate_with_fallback(rule, side, meshes_by_part, known, midline_x, centres, suffix)
        if side == "midline" and "between" not in rule and "surface_patch" not in rule:
            point[0] = midline_x  # midline landmarks sit exactly on the midline
        out[name + suffix] = (float(point[0]), float(point[1]), float(point[2]))
    return out


def _evaluate_with_fallback(rule: Mapping[str, Any], side: str, meshes_by_part: MeshesByPart,
                            known: Mapping[str, Point3], midline_x: float, centres: Mapping[str, Point3],
                            suffix: str) -> np.ndarray:
    try:
        return evaluate(rule, side, meshes_by_part, known, midline_x, centres, suffix)
    except LandmarkRuleError:
        if "fallback" not in rule:
            raise
        return evaluate(rule["fallback"], side, meshes_by_part, known, midline_x, centres, suffix)


def landmarks_for_view(
    landmarks3d: Mapping[str, Point3],
    grid: Any,
    nearness_mm: np.ndarray,
    max_depth_mm: float = 40.0,
    rim_px: int = 3,
    rim_depth_mm: float = 90.0,
    rules_path: str | Path = RULES_PATH,
) -> dict[str, tuple[float, float]]:
    """SVG coordinates (mm) of the landmarks visible on this view.

    A landmark is visible when it lies at most ``max_depth_mm`` behind the front-most surface at
    its pixel, or, near the silhouette (within ``rim_px`` of background), at most
    ``rim_depth_mm`` behind it: there the surface is seen edge-on.  A rule's ``visible_depth_mm``
    replaces ``max_depth_mm`` for bones palpated through thick muscle (iliac crest, rib tips).
    """
    depth_of = {name: float(rule["visible_depth_mm"]) for name, rule in _expanded_rules(load_rules(rules_path)).items()
                if "visible_depth_mm" in rule}
    if not landmarks3d:
        return {}
    # On a lateral view the far side is hidden behind the body, even where it nears the rim.
    far = {"right_lateral": ".left", "left_lateral": ".right"}.get(grid.view)
    names = [n for n in landmarks3d if far is None or not n.endswith(far)]
    pts = np.array([landmarks3d[n] for n in names], dtype=np.float64)
    svg_xy, rows, cols, depth = project_to_pixels(grid, pts)
    height, width = nearness_mm.shape
    front = np.where(np.isfinite(nearness_mm), nearness_mm, -np.inf)
    out: dict[str, tuple[float, float]] = {}
    for i, name in enumerate(names):
        r, c = int(rows[i]), int(cols[i])
        r0, r1 = max(r - rim_px, 0), min(r + rim_px + 1, height)
        c0, c1 = max(c - rim_px, 0), min(c + rim_px + 1, width)
        if r0 >= r1 or c0 >= c1:
            continue
        window = front[r0:r1, c0:c1]
        if not np.isfinite(window).any():
            continue
        on_rim = not np.isfinite(window).all() or (r1 - r0, c1 - c0) != (2 * rim_px + 1,) * 2
        here = front[r, c] if 0 <= r < height and 0 <= c < width else -np.inf
        nearest_front = here if np.isfinite(here) else window[np.isfinite(window)].max()
        gap = nearest_front - depth[i]
        allowed = depth_of.get(name.split(".")[0], max_depth_mm)
        if gap <= allowed or (on_rim and gap <= max(rim_depth_mm, allowed)):
            out[name] = (round(float(svg_xy[i, 0]), 1), round(float(svg_xy[i, 1]), 1))
    return out
