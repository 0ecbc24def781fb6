"""Compile anatomical zone and location expressions into geometry on each view.

Expressions name landmarks without a side; they are resolved for the trigger point's side
(`acromion` -> `acromion.right`).  Offsets are anatomical (superior, lateral, anterior ...)
and map to screen directions per view; an offset along the line of sight is ignored.
"""

from __future__ import annotations

from collections.abc import Sequence

import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from app.catalog.schema import Point as PointExpr
from app.catalog.schema import ZoneElement, as_point
from app.catalog.shapes import organic_band, round_corners, smooth_closed_curve
from app.domain.atlas import Atlas
from app.domain.vocabulary import FOREARM_HAND, LOWER_LIMB, landmark_key, opposite

# Screen (svg) direction of 'superior', 'lateral' (for the patient's right side) and
# 'anterior' on each view; None where the direction is along the line of sight.
_SCREEN_DIRECTIONS: dict[str, dict[str, tuple[float, float] | None]] = {
    "anterior": {"superior": (0, -1), "lateral": (-1, 0), "anterior": None},
    "posterior": {"superior": (0, -1), "lateral": (1, 0), "anterior": None},
    "right_lateral": {"superior": (0, -1), "lateral": None, "anterior": (1, 0)},
    "left_lateral": {"superior": (0, -1), "lateral": None, "anterior": (-1, 0)},
    "plantar": {"superior": None, "lateral": (-1, 0), "anterior": (0, -1)},
}
_MIRRORED_VIEWS = ("anterior", "posterior", "plantar")
# Zones keep a hundredth of a millimetre: snapped to 0.1 mm, the 1.5 mm chords of a drawn curve
# turn into little exactly-vertical or -horizontal steps wherever the curve passes an axis.
ZONE_PRECISION_MM = 0.01


def resolve_point(atlas: Atlas, view: str, side: str, expr: PointExpr,
                  landmarks: dict[str, tuple[float, float]] | None = None) -> tuple[float, float] | None:
    """The point on this view, or None when a landmark it needs is not visible there (or not in
    ``landmarks``, when given instead of the view's visible ones)."""
    spec = as_point(expr)
    landmarks = atlas.views[view].landmarks if landmarks is None else landmarks
    coords = []
    for name in spec.landmarks():
        key = landmark_key(name, side)
        if key not in landmarks:
            return None
        coords.append(landmarks[key])
    if len(coords) == 1:
        x, y = coords[0]
    else:
        (ax, ay), (bx, by) = coords
        x, y = ax + spec.t * (bx - ax), ay + spec.t * (by - ay)
    dirs = _SCREEN_DIRECTIONS[view]
    lateral_sign = -1.0 if side == "left" else 1.0
    for axis, amount in (
        ("superior", spec.superior - spec.inferior),
        ("lateral", (spec.lateral - spec.medial) * lateral_sign),
        ("anterior", spec.anterior - spec.posterior),
    ):
        direction = dirs[axis]
        if direction is not None and amount:
            x += direction[0] * amount
            y += direction[1] * amount
    return (x, y)


def _sides(element_side: str, trp_side: str) -> tuple[str, ...]:
    if element_side == "opposite":
        return (opposite(trp_side),)
    if element_side == "both":
        return ("right", "left")
    return (trp_side,)


_OPPOSITE_LATERAL = {"right": "left_lateral", "left": "right_lateral"}
_SAME_LATERAL = {"right": "right_lateral", "left": "left_lateral"}
# FOREARM_HAND and LOWER_LIMB (app/domain/vocabulary.py): on the whole-body views the hanging hand
# lies against the hip and thigh, so a disk or band drawn at one of them would paint the other; such
# elements keep to their own limb (see _keep_to_own_limb).


def _applies(element: ZoneElement, view: str, side: str) -> bool:
    """Whether an element drawn for ``side`` shows on ``view`` at all."""
    if view == _OPPOSITE_LATERAL.get(side):
        return False  # the far side of the body is hidden in a lateral view
    if element.views is None:
        return True
    return view in element.views or ("same_lateral" in element.views and view == _SAME_LATERAL.get(side))


def _limb_group(atlas: Atlas, view: str, point: tuple[float, float]) -> str | None:
    here = shapely.Point(point)
    for area in atlas.skin_areas:
        if area.view == view and area.geometry.intersects(here):
            return "forearm_hand" if area.slug in FOREARM_HAND else "lower_limb" if area.slug in LOWER_LIMB else None
    return None


# (id of the atlas, view, limb groups an element touches) -> (that atlas, union of the other limbs'
# skin areas).  The entry holds the atlas itself, so its id cannot be reused while cached.
_FOREIGN_LIMBS: dict[tuple[int, str, frozenset[str | None]], tuple[Atlas, BaseGeometry]] = {}


def _foreign_limbs(atlas: Atlas, view: str, groups: frozenset[str | None]) -> BaseGeometry:
    key = (id(atlas), view, groups)
    cached = _FOREIGN_LIMBS.get(key)
    if cached is None or cached[0] is not atlas:
        if len(_FOREIGN_LIMBS) > 64:
            _FOREIGN_LIMBS.clear()
        foreign = [a.geometry for a in atlas.skin_areas if a.view == view and (
            (a.slug in FOREARM_HAND and "forearm_hand" not in groups) or (a.slug in LOWER_LIMB and "lower_limb" not in groups))]
        cached = _FOREIGN_LIMBS[key] = (atlas, shapely.union_all(foreign) if foreign else Polygon())
    return cached[1]


def _keep_to_own_limb(atlas: Atlas, view: str, shape: BaseGeometry, anchors: list[tuple[float, float]]) -> BaseGeometry:
    foreign = _foreign_limbs(atlas, view, frozenset(_limb_group(atlas, view, p) for p in anchors))
    return shape if foreign.is_empty else shapely.difference(shape, foreign)


def _element_geometry(atlas: Atlas, view: str, side: str, element: ZoneElement) -> list[BaseGeometry]:
    shapes: list[BaseGeometry] = []
    for s in _sides(element.side, side):
        if not _applies(element, view, s):
            continue
        if element.area is not None:
            shapes.extend(a.geometry for a in atlas.skin_areas if a.view == view and a.slug == element.area and a.side == s)
        elif element.disk is not None:
            centre = resolve_point(atlas, view, s, element.disk.at)
            if centre is not None:
                disk = Point(centre).buffer(element.disk.r, quad_segs=8)
                shapes.append(_keep_to_own_limb(atlas, view, disk, [centre]))
        elif element.band is not None:
            a = resolve_point(atlas, view, s, element.band.from_)
            b = resolve_point(atlas, view, s, element.band.to)
            if a is not None and b is not None:
                band = organic_band(a, b, element.band.width, repr(element.band))
                shapes.append(_keep_to_own_limb(atlas, view, band, [a, b]))
        elif element.curve is not None:
            points = [resolve_point(atlas, view, s, p) for p in element.curve.through]
            if all(p is not None for p in points):
                curve = smooth_closed_curve([p for p in points if p is not None])
                shapes.append(_keep_to_own_limb(atlas, view, curve, [p for p in points if p is not None]))
        elif element.polygon is not None and element.polygon.view == view:
            points = element.polygon.points
            if s == "left":
                if view not in _MIRRORED_VIEWS:
                    continue
                width = atlas.views[view].width
                points = [(width - x, y) for x, y in points]
            shapes.append(Polygon(points))
    return shapes


def zone_geometry(atlas: Atlas, view: str, side: str, elements: Sequence[ZoneElement]) -> BaseGeometry:
    """Union of the elements on this view, corners rounded, clipped to the body outline (may be empty)."""
    shapes = [g for e in elements for g in _element_geometry(atlas, view, side, e)]
    if not shapes:
        return Polygon()
    merged = round_corners(shapely.union_all(shapes))
    outline = atlas.outlines.get(view)
    if outline is not None and not outline.is_empty:
        merged = shapely.intersection(merged, outline)
    merged = shapely.set_precision(merged, ZONE_PRECISION_MM)
    return merged if merged.area >= 1.0 else Polygon()

