"""Per-pixel features of the visible skin of one view, for the skin-area rules.

Each skin pixel gets its 3D surface point (mm), nearest bone and segment, side, the front-most
body-region patch (where it really is the outer surface) and a facing angle around the axis of
its body segment (0 = anterior, 90 = lateral, +-180 = posterior, -90 = medial).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.spatial import cKDTree

from app.atlas_builder.glb import TriangleMesh
from app.atlas_builder.projection import view_axes
from app.atlas_builder.skin_grid import pixels_to_3d

AXIS_BIN_MM = 5.0
SMOOTH_BINS = 6  # +-30 mm moving average of the axis centres
MIN_HALF_EXTENT_MM = 10.0
# Segments whose soft tissue reaches far behind their bones (see _mirror_far_side).
WIDE_BEHIND = ("leg",)
FAR_SIDE_LIMIT = -0.5  # scaled offset towards the viewer below which a point is on the far side
RIGHT, LEFT = 0, 1
LATERAL_VIEW_SIDE = {"right_lateral": RIGHT, "left_lateral": LEFT}


@dataclass
class SkinPixels:
    rows: np.ndarray
    cols: np.ndarray
    points_mm: np.ndarray  # (n, 3) dataset frame, mm
    bone: np.ndarray  # index into bone_names
    segment: np.ndarray  # index into segment_names
    side: np.ndarray  # RIGHT | LEFT
    patch: np.ndarray  # index into patch_names, -1 = none
    facing_deg: np.ndarray
    bone_names: list[str]
    segment_names: list[str]
    patch_names: list[str]


@dataclass
class BoneIndex:
    """KD-tree over the vertices of every bone named in the segment table."""

    tree: cKDTree
    bone_of_vertex: np.ndarray
    bone_names: list[str]
    segment_of_bone: np.ndarray
    segment_names: list[str]
    axis_tables: dict[tuple[str, int], tuple[float, np.ndarray]]  # (axis, side) -> (y0 mm, (k, 4) centre x,z, half x,z)
    axis_of_segment: np.ndarray  # segment index -> axis name index
    axis_names: list[str]


def _side_sets(side: str) -> tuple[int, ...]:
    return (RIGHT,) if side == "right" else (LEFT,) if side == "left" else (RIGHT, LEFT)


def build_bone_index(
    meshes_by_part: Mapping[tuple[str, str], Sequence[TriangleMesh]],
    segments: Mapping[str, Sequence[str]],
    axes: Mapping[str, Sequence[str]],
    midline_x_mm: float,
) -> BoneIndex:
    segment_names = list(segments)
    seg_of = {bone: i for i, (_, bones) in enumerate(segments.items()) for bone in bones}
    bone_names = sorted(seg_of)
    bone_idx = {b: i for i, b in enumerate(bone_names)}
    verts, owners = [], []
    per_axis: dict[tuple[str, int], list[np.ndarray]] = {}
    axis_names = list(axes)
    axis_of_segment = np.full(len(segment_names), -1, dtype=np.int64)
    for a, (axis, segs) in enumerate(axes.items()):
        for s in segs:
            axis_of_segment[segment_names.index(s)] = a
    for (part, side), meshes in meshes_by_part.items():
        if part not in bone_idx:
            continue
        v = np.vstack([m.vertices for m in meshes]) * 1000.0
        verts.append(v)
        owners.append(np.full(len(v), bone_idx[part]))
        axis = axis_of_segment[segment_names.index(next(n for n, b in segments.items() if part in b))]
        if axis >= 0:
            for s in _side_sets(side):
                per_axis.setdefault((axis_names[axis], s), []).append(v)
    if not verts:
        raise ValueError("no bone meshes matching the skin segment table")
    tables = {key: _axis_table(np.vstack(v), key[0] in ("trunk", "head", "neck"), midline_x_mm)
              for key, v in per_axis.items()}
    seg_of_bone = np.array([segment_names.index(next(n for n, b in segments.items() if bn in b))
                            for bn in bone_names])
    return BoneIndex(cKDTree(np.vstack(verts)), np.concatenate(owners), bone_names, seg_of_bone,
                     segment_names, tables, axis_of_segment, axis_names)


def _axis_table(verts_mm: np.ndarray, on_midline: bool, midline_x_mm: float) -> tuple[float, np.ndarray]:
    """Per height bin: centre (x, z) and half-extents (x, z) of a segment's bones, smoothed along
    the height so the facing boundaries run straight; midline segments keep x on the midline."""
    y0 = float(verts_mm[:, 1].min())
    bins = ((verts_mm[:, 1] - y0) // AXIS_BIN_MM).astype(np.int64)
    k = int(bins.max()) + 1
    table = np.full((k, 4), np.nan)
    for b in np.unique(bins):
        v = verts_mm[bins == b]
        if on_midline:
            x, half_x = midline_x_mm, np.abs(v[:, 0] - midline_x_mm).max()
        else:
            x, half_x = (v[:, 0].min() + v[:, 0].max()) / 2, (v[:, 0].max() - v[:, 0].min()) / 2
        table[b] = (x, (v[:, 2].min() + v[:, 2].max()) / 2, half_x, (v[:, 2].max() - v[:, 2].min()) / 2)
    filled = np.flatnonzero(~np.isnan(table[:, 0]))
    window = np.ones(2 * SMOOTH_BINS + 1) / (2 * SMOOTH_BINS + 1)
    for c in range(4):
        column = np.interp(np.arange(k), filled, table[filled, c])
        padded = np.pad(column, SMOOTH_BINS, mode="edge")
        table[:, c] = np.convolve(padded, window, mode="valid")
    table[:, 2:] = np.maximum(table[:, 2:], MIN_HALF_EXTENT_MM)
    return y0, table


def skin_pixels(
    view: str,
    grid: Any,
    inside: np.ndarray,
    depth_mm: np.ndarray,
    patch_labels: np.ndarray,
    patch_names: list[str],
    index: BoneIndex,
    midline_x_mm: float,
) -> SkinPixels:
    rows, cols = np.nonzero(inside & np.isfinite(depth_mm))
    points = pixels_to_3d(grid, rows, cols, depth_mm[rows, cols]) * 1000.0
    _, nearest = index.tree.query(points, workers=-1)
    bone = index.bone_of_vertex[nearest]
    segment = index.segment_of_bone[bone]
    if view in LATERAL_VIEW_SIDE:
        side = np.full(len(rows), LATERAL_VIEW_SIDE[view])
    else:
        side = np.where(points[:, 0] < midline_x_mm, RIGHT, LEFT)
    centre, half = _axis_frame(points, segment, side, index)
    patch = patch_labels[rows, cols].astype(np.int64) - 1
    wide_behind = np.isin(segment, [index.segment_names.index(n) for n in WIDE_BEHIND if n in index.segment_names])
    mirrored = _mirror_far_side(points, centre, half, view, wide_behind)
    patch[mirrored] = -1  # that patch is the far one, seen through a hole of the patch mesh
    facing = _facing(points, centre, half, side)
    return SkinPixels(rows, cols, points, bone, segment, side, patch, facing,
                      index.bone_names, index.segment_names, patch_names)


def _axis_frame(points: np.ndarray, segment: np.ndarray, side: np.ndarray, index: BoneIndex
                ) -> tuple[np.ndarray, np.ndarray]:
    """Per point: its segment axis centre (x, z) and the bones' half-extents (x, z); NaN if none."""
    centre = np.full((len(points), 2), np.nan)
    half = np.full((len(points), 2), np.nan)
    axis = index.axis_of_segment[segment]
    for a, name in enumerate(index.axis_names):
        for s in (RIGHT, LEFT):
            sel = (axis == a) & (side == s)
            if not sel.any() or (name, s) not in index.axis_tables:
                continue
            y0, table = index.axis_tables[(name, s)]
            b = np.clip(((points[sel, 1] - y0) // AXIS_BIN_MM).astype(np.int64), 0, len(table) - 1)
            centre[sel] = table[b, :2]
            half[sel] = table[b, 2:]
    return centre, half


def _mirror_far_side(points: np.ndarray, centre: np.ndarray, half: np.ndarray, view: str,
                     wide_behind: np.ndarray | None = None) -> np.ndarray:
    """The patch mesh has holes (no anterior thigh patch, ...), so some pixels show the inside of
    the far surface.  A visible point cannot lie on the far side of its segment's axis: reflect
    such points through the axis to approximate the near surface.  Returns the mask (in place)."""
    toward = view_axes(view)[2]
    t = np.array([toward[0], toward[2]])
    if not np.any(t):  # plantar: the line of sight runs along the limbs' axes
        return np.zeros(len(points), dtype=bool)
    offset = np.column_stack([points[:, 0] - centre[:, 0], points[:, 2] - centre[:, 1]])
    along = offset @ t  # mm towards the viewer from the axis
    along_scaled = (offset / half) @ t
    across_scaled = (offset / half) @ np.array([-t[1], t[0]])
    far = np.isfinite(along_scaled) & (along_scaled < FAR_SIDE_LIMIT)
    if wide_behind is not None:
        # ... but where the limb is far wider behind its bones than beside them (the calf), skin at
        # the edge of the silhouette lies behind the axis, well out to the side (the gastrocnemius'
        # medial head seen from the front): mirrored, it became the front of the leg.  There a point
        # seen through a hole is one behind the axis more than beside it.
        far &= ~wide_behind | (-along_scaled > np.abs(across_scaled))
    points[far, 0] -= 2 * along[far] * t[0]
    points[far, 2] -= 2 * along[far] * t[1]
    return far


def _facing(points: np.ndarray, centre: np.ndarray, half: np.ndarray, side: np.ndarray) -> np.ndarray:
    # Offsets scaled by the bones' half-extents: on a wide, flat section (pelvis, chest, forearm)
    # the back stays "posterior" out to its corners.
    dx = (points[:, 0] - centre[:, 0]) / half[:, 0]
    dz = (points[:, 2] - centre[:, 1]) / half[:, 1]
    lateral = np.where(side == RIGHT, -dx, dx)  # patient's right is at -X
    facing = np.degrees(np.arctan2(lateral, dz))
    return np.where(np.isfinite(facing), facing, 0.0)
