"""Interpreter for the ordered skin-area rules of ``data/atlas/skin_areas.yaml``."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from app.atlas_builder.skin_features import LEFT, RIGHT, SkinPixels
from app.paths import ATLAS_DATA_DIR

RULES_PATH = ATLAS_DATA_DIR / "skin_areas.yaml"
SIDE_NAMES = {RIGHT: "right", LEFT: "left"}
_EXPR = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:([+-])\s*(\d+(?:\.\d+)?))?\s*$")
log = logging.getLogger(__name__)


class SkinRuleError(ValueError):
    """A rule names something unknown."""


def load_skin_rules(path: str | Path = RULES_PATH) -> dict[str, Any]:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def slugs_in(rules: Mapping[str, Any]) -> list[str]:
    return list(dict.fromkeys(r["slug"] for r in rules["rules"]))


class _Landmarks:
    """Landmarks in mm, paired names resolved to one side."""

    def __init__(self, landmarks3d: Mapping[str, tuple[float, float, float]], side: int, midline_x_mm: float):
        suffix = "." + SIDE_NAMES[side]
        self.points = {k[: -len(suffix)] if k.endswith(suffix) else k: np.array(v) * 1000.0
                       for k, v in landmarks3d.items() if "." not in k or k.endswith(suffix)}
        self.midline_x_mm = midline_x_mm
        self.outward = -1.0 if side == RIGHT else 1.0  # +X is the patient's left

    def offset_point(self, name: str, offset: list[float]) -> np.ndarray:
        """A landmark moved (lateral, up, forward) mm; lateral is away from the midline."""
        lateral, up, forward = (float(v) for v in offset)
        return self.point(name) + np.array([self.outward * lateral, up, forward])

    def point(self, name: str) -> np.ndarray:
        if name not in self.points:
            raise KeyError(name)
        return self.points[name]

    def anchor(self, expr: Any) -> np.ndarray | None:
        """The landmark an expression is measured from (None for a plain number)."""
        if isinstance(expr, (int, float)):
            return None
        match = _EXPR.match(str(expr))
        return self.point(match.group(1)) if match else None

    def value(self, expr: Any, axis: str) -> float:
        if isinstance(expr, (int, float)):
            return float(expr)
        match = _EXPR.match(str(expr))
        if not match:
            raise SkinRuleError(f"bad expression {expr!r}")
        name, sign, amount = match.groups()
        p = self.point(name)
        base = {"y": p[1], "z": p[2], "x_abs": abs(p[0] - self.midline_x_mm)}[axis]
        delta = float(amount or 0.0)
        return float(base + (delta if sign == "+" else -delta if sign == "-" else 0.0))


def _range(values: np.ndarray, bounds: list[Any], axis: str, lm: _Landmarks,
           depth: np.ndarray | None = None, slope: float = 0.0) -> np.ndarray:
    """Pixels between the bounds.  With ``slope``, each bound is a plane through its landmark
    tilted about the left-right axis: a pixel ``d`` mm in front of the landmark is measured as
    ``value + slope * d`` (see ``level_slope`` in skin_areas.yaml)."""
    lo, hi = bounds
    keep = np.ones(len(values), dtype=bool)
    for expr, above in ((lo, True), (hi, False)):
        if expr is None:
            continue
        measured = values
        anchor = lm.anchor(expr) if slope and depth is not None else None
        if anchor is not None:
            measured = values + slope * (depth - anchor[2])
        keep &= measured >= lm.value(expr, axis) if above else measured <= lm.value(expr, axis)
    return keep


def _within_line(y: np.ndarray, x_abs: np.ndarray, line: list[list[Any]], lm: _Landmarks) -> np.ndarray:
    """Pixels no farther from the midline than the line through two (height, distance) points,
    extended beyond them: a border that converges as it runs down (the sacrum's, toward the
    coccyx) rather than a ruled vertical at one distance."""
    (y_a, x_a), (y_b, x_b) = ((lm.value(h, "y"), lm.value(d, "x_abs")) for h, d in line)
    if y_a == y_b:
        raise SkinRuleError(f"x_abs_line needs two different heights: {line!r}")
    limit = x_a + (y - y_a) * (x_b - x_a) / (y_b - y_a)
    return x_abs <= limit


def _beside_line(y: np.ndarray, x_abs: np.ndarray, depth: np.ndarray | None, line: list[list[Any]],
                 lm: _Landmarks, below: bool, slope: float) -> np.ndarray:
    """Pixels no higher (``below``) or no lower than the line through (distance from the midline,
    height) points, level beyond its end points: a border that falls away from the midline as the
    costal margin, the ribs or the sacrum's upper sides do, instead of a level straight across.
    With ``slope`` the line is tilted with depth as the levels are (measured from the depth of its
    landmarks, interpolated along it)."""
    points = sorted((lm.value(d, "x_abs"), lm.value(h, "y"), lm.anchor(h)) for d, h in line)
    if len(points) < 2 or len({p[0] for p in points}) < len(points):
        raise SkinRuleError(f"a y line needs points at different distances from the midline: {line!r}")
    xs = [p[0] for p in points]
    limit = np.interp(x_abs, xs, [p[1] for p in points])
    measured = y
    if slope and depth is not None and all(p[2] is not None for p in points):
        measured = y + slope * (depth - np.interp(x_abs, xs, [float(p[2][2]) for p in points]))
    return measured <= limit if below else measured >= limit


def _facing(values: np.ndarray, bounds: list[Any]) -> np.ndarray:
    lo, hi = np.asarray(bounds[0], dtype=np.float64), np.asarray(bounds[1], dtype=np.float64)
    return np.where(lo <= hi, (values >= lo) & (values <= hi), (values >= lo) | (values <= hi))


def _facing_along(y: np.ndarray, spec: list[list[Any]], lm: _Landmarks) -> list[np.ndarray]:
    """Per pixel (lo, hi) facing bounds that change linearly with height between two levels
    ([[level, [lo, hi]], [level, [lo, hi]]], constant beyond them): a limb's area that widens or
    narrows along it (the front of the leg widening to the ankle as the calf narrows to the
    Achilles tendon) instead of a border at one facing all the way down a vertical limb."""
    (level_a, bounds_a), (level_b, bounds_b) = spec
    (y_a, a), (y_b, b) = sorted([(lm.value(level_a, "y"), bounds_a), (lm.value(level_b, "y"), bounds_b)],
                                key=lambda item: item[0])
    if y_a == y_b:
        raise SkinRuleError(f"facing_along needs two different heights: {spec!r}")
    return [np.interp(y, [y_a, y_b], [float(a[i]), float(b[i])]) for i in (0, 1)]


def _distance_to_segment(points: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    ab = b - a
    t = np.clip(((points - a) @ ab) / max(float(ab @ ab), 1e-9), 0.0, 1.0)
    return np.linalg.norm(points - (a + t[:, None] * ab), axis=1)


def _ahead_of(points: np.ndarray, a: np.ndarray, b: np.ndarray, mm: float) -> np.ndarray:
    """On the +Z (toe) side of the horizontal line a-b, by at least mm."""
    d = np.array([b[0] - a[0], b[2] - a[2]])
    normal = np.array([-d[1], d[0]]) / max(float(np.linalg.norm(d)), 1e-9)
    if normal[1] < 0:
        normal = -normal
    signed = (points[:, 0] - a[0]) * normal[0] + (points[:, 2] - a[2]) * normal[1]
    return signed >= mm


def rule_mask(rule: Mapping[str, Any], view: str, px: SkinPixels, lm: _Landmarks, sel: np.ndarray,
              slopes: Mapping[str, float] | None = None, level_depth: np.ndarray | None = None) -> np.ndarray:
    """Pixels (within sel) that satisfy every condition of the rule."""
    if "views" in rule and view not in rule["views"]:
        return np.zeros(len(sel), dtype=bool)
    mask = sel.copy()
    pts = px.points_mm
    if "segments" in rule:
        mask &= np.isin(px.segment, [px.segment_names.index(s) for s in rule["segments"]])
    if "bones" in rule:
        mask &= np.isin(px.bone, [px.bone_names.index(b) for b in rule["bones"]])
    if "patches" in rule:
        mask &= np.isin(px.patch, [px.patch_names.index(p) for p in rule["patches"] if p in px.patch_names])
    if "facing" in rule:
        mask &= _facing(px.facing_deg, rule["facing"])
    if "facing_along" in rule:
        mask &= _facing(px.facing_deg, _facing_along(pts[:, 1], rule["facing_along"], lm))
    slopes = slopes or {}
    for axis, column in (("y", pts[:, 1]), ("z", pts[:, 2]), ("x_abs", np.abs(pts[:, 0] - lm.midline_x_mm))):
        if axis in rule:
            slope = float(rule.get("slope", {}).get(axis, slopes.get(axis, 0.0)))
            mask &= _range(column, rule[axis], axis, lm, pts[:, 2] if level_depth is None else level_depth, slope)
    for key, below in (("y_below", True), ("y_above", False)):
        if key in rule:
            slope = float(rule.get("slope", {}).get("y", slopes.get("y", 0.0)))
            mask &= _beside_line(pts[:, 1], np.abs(pts[:, 0] - lm.midline_x_mm),
                                 pts[:, 2] if level_depth is None else level_depth, rule[key], lm, below, slope)
    if "x_abs_line" in rule:
        mask &= _within_line(pts[:, 1], np.abs(pts[:, 0] - lm.midline_x_mm), rule["x_abs_line"], lm)
    if "near" in rule:
        near = np.zeros(len(sel), dtype=bool)
        for name, radius in rule["near"].items():
            near |= np.linalg.norm(pts - lm.point(name), axis=1) <= float(radius)
        mask &= near
    if "near_offset" in rule:
        name, offset, radius = rule["near_offset"]
        mask &= np.linalg.norm(pts - lm.offset_point(name, offset), axis=1) <= float(radius)
    if "near_segment" in rule:
        a, b, radius = rule["near_segment"]
        mask &= _distance_to_segment(pts, lm.point(a), lm.point(b)) <= float(radius)
    if "ahead_of" in rule:
        a, b, mm = rule["ahead_of"]
        mask &= _ahead_of(pts, lm.point(a), lm.point(b), float(mm))
    return mask


def classify(
    view: str,
    px: SkinPixels,
    rules: Mapping[str, Any],
    landmarks3d: Mapping[str, tuple[float, float, float]],
    midline_x_mm: float,
    skipped: list[str] | None = None,
    level_depth: np.ndarray | None = None,
) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """Area label per pixel (0 = no rule matched) and the (slug, side) of each label (1-based).

    ``level_depth`` (mm, per pixel) is the front-back position the tilted levels use; by default
    the pixel's own, which dips into every pit of the surface (the navel).
    """
    keys: list[tuple[str, str]] = []
    label = np.zeros(len(px.rows), dtype=np.int32)
    for side in (RIGHT, LEFT):
        lm = _Landmarks(landmarks3d, side, midline_x_mm)
        for i, rule in enumerate(rules["rules"]):
            free = (label == 0) & (px.side == side)
            if not free.any():
                break
            try:
                mask = rule_mask(rule, view, px, lm, free, rules.get("level_slope"), level_depth)
            except KeyError as exc:  # a landmark this rule needs is missing
                if skipped is not None:
                    skipped.append(f"rule {i} ({rule['slug']}): no landmark {exc}")
                continue
            if mask.any():
                key = (rule["slug"], SIDE_NAMES[side])
                if key not in keys:
                    keys.append(key)
                label[mask] = keys.index(key) + 1
    return label, keys
