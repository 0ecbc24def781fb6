"""Skin areas of a view: named regions (slug + side) that tile the body outline.

Pipeline: rasterise the body-region patches (front-most patch per pixel), give every visible
skin pixel a 3D point and features (:mod:`skin_features`), name it with the ordered rules of
``data/atlas/skin_areas.yaml`` (:mod:`skin_rules`), fill what no rule names from the nearest
named pixel, smooth the borders of the label raster, vectorise and tile the outline
(:mod:`skin_vector`), and round the shared borders (:mod:`skin_smooth`).
"""

from __future__ import annotations

import colorsys
import hashlib
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import numpy as np
from affine import Affine
from shapely.geometry.base import BaseGeometry

from app.atlas_builder.glb import TriangleMesh
from app.atlas_builder.landmarks import midline_x_of
from app.atlas_builder.raster import rasterize
from app.atlas_builder.skin_features import build_bone_index, skin_pixels
from app.atlas_builder.skin_rules import RULES_PATH, classify, load_skin_rules
from app.atlas_builder.skin_smooth import smooth_borders, smooth_labels, smooth_over_pixels
from app.atlas_builder.skin_vector import fill_from_nearest, majority_smooth, outline_mask, tile_outline, vectorise
from app.domain.svg_geometry import geometry_to_path_d

# Borders: Gaussian smoothing of the label raster (sigma, mm), then the coverage simplified
# (tolerance, mm) before its shared borders are rounded (skin_smooth).
LABEL_SIGMA_MM = 2.0
# The tilted levels could follow the body's form rather than each pit of its surface (the navel
# makes a small tongue of lower abdomen in the umbilical line) by smoothing their front-back
# position over this distance (mm).  Off (0): at 12 mm it nudged the left temple across a
# threshold of the ranking (trapezius TrP1 fell from 0.995 to 0.85 there, the right stayed).
LEVEL_DEPTH_SIGMA_MM = 0.0
SIMPLIFY_MM = 0.5
# A region patch seen through a hole of the patch mesh lies far behind the body's front surface.
PATCH_DEPTH_TOLERANCE_MM = 15.0


@dataclass(frozen=True)
class SkinArea:
    slug: str
    side: str  # left | right | midline
    geometry: BaseGeometry

    @property
    def id(self) -> str:
        return f"{self.slug}.{self.side}"


def build_skin_areas(
    view: str,
    grid: Any,
    region_meshes: Sequence[TriangleMesh],
    outline: BaseGeometry,
    landmarks2d: Mapping[str, tuple[float, float]] | None = None,
    *,
    landmarks3d: Mapping[str, tuple[float, float, float]] | None = None,
    meshes_by_part: Mapping[tuple[str, str], Sequence[TriangleMesh]] | None = None,
    body_nearness_mm: np.ndarray | None = None,
    midline_x_m: float | None = None,
    rules_path: str | Path = RULES_PATH,
    report: dict[str, Any] | None = None,
) -> list[SkinArea]:
    """Areas tiling ``outline`` (SVG mm) exactly: no gaps, no overlaps.

    ``landmarks3d`` (metres) and the bone meshes drive the rules; ``body_nearness_mm`` (the
    front-most muscle/bone surface per pixel) tells real skin patches from patches seen through
    holes of the patch mesh, and gives depth where the patches are missing.  ``landmarks2d`` is
    accepted for the build's call signature; the rules work in 3D.
    """
    if landmarks3d is None or meshes_by_part is None:
        # The rules need the 3D landmarks and the bones; without them there is nothing sound to draw.
        warnings.warn("build_skin_areas needs landmarks3d= and meshes_by_part= (and body_nearness_mm=); "
                      "no skin areas built", stacklevel=2)
        return []
    rules = load_skin_rules(rules_path)
    shape = (grid.height_px, grid.width_px)
    affine = Affine(*grid.pixel_to_svg_affine())
    inside = outline_mask(outline, shape, affine)
    patch_labels, patch_near = rasterize(list(enumerate(region_meshes, start=1)), grid)
    depth = patch_near.astype(np.float64)
    if body_nearness_mm is not None:
        body = np.asarray(body_nearness_mm, dtype=np.float64)
        seen_through = np.isfinite(body) & (depth < body - PATCH_DEPTH_TOLERANCE_MM)
        patch_labels = np.where(seen_through, 0, patch_labels)
        depth = np.fmax(np.where(np.isfinite(depth), depth, np.nan), np.where(np.isfinite(body), body, np.nan))
        depth = np.where(np.isnan(depth), -np.inf, depth)
    if midline_x_m is None:
        midline_x_m = midline_x_of(meshes_by_part)
    midline_mm = midline_x_m * 1000.0
    index = build_bone_index(meshes_by_part, rules["segments"], rules["axes"], midline_mm)
    px = skin_pixels(view, grid, inside, depth, patch_labels, [m.name for m in region_meshes], index, midline_mm)
    skipped: list[str] = []
    level_depth = smooth_over_pixels(px.rows, px.cols, px.points_mm[:, 2], shape, LEVEL_DEPTH_SIGMA_MM / grid.mm_per_px)
    pixel_label, keys = classify(view, px, rules, landmarks3d, midline_mm, skipped, level_depth=level_depth)
    labels = np.zeros(shape, dtype=np.int32)
    labels[px.rows, px.cols] = pixel_label
    named = int((labels > 0).sum())
    labels = majority_smooth(fill_from_nearest(labels, inside), inside, max(3, int(round(2.5 / grid.mm_per_px)) | 1))
    labels = smooth_labels(labels, inside, LABEL_SIGMA_MM / grid.mm_per_px)
    polygons = smooth_borders(tile_outline(vectorise(labels, affine), outline, tolerance_mm=SIMPLIFY_MM), outline)
    if report is not None:
        report.update(inside_px=int(inside.sum()), named_px=named, skipped_rules=sorted(set(skipped)))
    areas = [SkinArea(slug, side, polygons[i + 1]) for i, (slug, side) in enumerate(keys)
             if i + 1 in polygons and not polygons[i + 1].is_empty]
    return sorted(areas, key=lambda a: (a.slug, a.side))


def _colour(slug: str) -> tuple[str, str]:
    """Stable light fill and darker border colour per slug."""
    hue = int(hashlib.sha1(slug.encode()).hexdigest()[:4], 16) / 0xFFFF
    fill = colorsys.hls_to_rgb(hue, 0.72, 0.55)
    line = colorsys.hls_to_rgb(hue, 0.38, 0.55)
    return tuple("#" + "".join(f"{int(c * 255):02x}" for c in rgb) for rgb in (fill, line))  # type: ignore[return-value]


def write_skin_svg(
    path: str | Path, view: str, width: float, height: float, areas: Sequence[SkinArea], outline: BaseGeometry
) -> None:
    """``{view}_skin.svg``: one ``class="skin"`` path per area and the outline."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.1f} {height:.1f}" '
        f'width="{width:.1f}mm" height="{height:.1f}mm" data-view="{view}" data-layer="skin">',
        "<style>.skin{fill-opacity:0.28;stroke-opacity:0.9;stroke-width:0.6;stroke-linejoin:round}"
        ".outline{fill:none;stroke:#555555;stroke-width:0.8}</style>",
        f'<path id="outline" class="outline" fill-rule="evenodd" d="{geometry_to_path_d(outline, 2)}"/>',
    ]
    for area in sorted(areas, key=lambda a: (a.slug, a.side)):
        fill, line = _colour(area.slug)
        lines.append(
            f'<path id={quoteattr(area.id)} class="skin" data-ref={quoteattr(area.slug)} '
            f'data-side={quoteattr(area.side)} fill="{fill}" stroke="{line}" fill-rule="evenodd" '
            f'd="{geometry_to_path_d(area.geometry, 2)}"/>'
        )
    lines.append("</svg>")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
