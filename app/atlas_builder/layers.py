"""One view, one layer: z-buffer the shown meshes, clean the labels, return region polygons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from app.atlas_builder.atlas_data import OCCLUDER, ViewSpec
from app.atlas_builder.raster import ViewGrid, rasterize
from app.atlas_builder.regions import absorb_specks, drop_slivers, simplify_coverage, vectorise
from app.atlas_builder.scene import Piece


@dataclass(frozen=True)
class LayerSettings:
    speck_mm2: float = 16.0
    hole_mm2: float = 400.0
    simplify_mm: float = 1.0
    sliver_mm2: float = 6.0
    min_region_mm2: float = 40.0
    draw_above_within_mm: float = 30.0


def label_layer(pieces: Sequence[Piece], labels_of: Mapping[str, int], grid: ViewGrid,
                view: ViewSpec, within_mm: float = 30.0) -> np.ndarray:
    """Front-most region label per pixel, with the view's draw_above rules applied: the upper
    structure wins where it lies at most ``within_mm`` behind the lower one (so a sheet gives way
    to the muscle just under it, not to something on the far side of the body)."""
    labels, near = rasterize([(labels_of[p.region], p.mesh) for p in pieces], grid)
    for upper_ref, lower_ref in view.draw_above:
        upper = [p for p in pieces if p.structure.ref == upper_ref]
        lower = {labels_of[p.region] for p in pieces if p.structure.ref == lower_ref}
        if not upper or not lower:
            continue
        upper_labels, upper_near = rasterize([(labels_of[p.region], p.mesh) for p in upper], grid)
        with np.errstate(invalid="ignore"):  # -inf - -inf where neither covers: not swapped anyway
            close = near - upper_near <= within_mm
        swap = (upper_labels > 0) & np.isin(labels, list(lower)) & close
        labels[swap] = upper_labels[swap]
        near[swap] = upper_near[swap]
    return labels


def layer_regions(pieces: Sequence[Piece], labels_of: Mapping[str, int], grid: ViewGrid, view: ViewSpec,
                  inside: np.ndarray, outline: BaseGeometry, settings: LayerSettings) -> dict[str, BaseGeometry]:
    """Region id -> polygon (SVG mm) for one layer, clipped to the outline."""
    labels = label_layer(pieces, labels_of, grid, view, settings.draw_above_within_mm)
    px_area = grid.mm_per_px ** 2
    labels = absorb_specks(labels, inside, max(1, int(settings.speck_mm2 / px_area)),
                           max(1, int(settings.hole_mm2 / px_area)), int(settings.min_region_mm2 / px_area))
    if OCCLUDER in labels_of:  # occluders hide what is behind them but are not drawn
        labels[labels == labels_of[OCCLUDER]] = 0
    region_of = {v: k for k, v in labels_of.items() if k != OCCLUDER}
    raw = {region_of[v]: g for v, g in vectorise(labels, grid).items()}
    simple = simplify_coverage(raw, settings.simplify_mm, settings.sliver_mm2)
    out = {}
    for rid, geom in sorted(simple.items()):
        clipped = drop_slivers(shapely.make_valid(geom.intersection(outline)), settings.sliver_mm2)
        if not clipped.is_empty:
            out[rid] = clipped
    return out


def place_authored(regions: dict[str, BaseGeometry], authored: Mapping[str, BaseGeometry], outline: BaseGeometry,
                   sliver_mm2: float) -> dict[str, BaseGeometry]:
    """Authored bands go on top: cut them out of the mesh regions, clip them to the outline."""
    if not authored:
        return regions
    cover = shapely.union_all(list(authored.values()))
    out = {}
    for rid, geom in regions.items():
        rest = drop_slivers(shapely.make_valid(geom.difference(cover)), sliver_mm2)
        if not rest.is_empty:
            out[rid] = rest
    for rid, geom in sorted(authored.items()):
        clipped = drop_slivers(shapely.make_valid(geom.intersection(outline)), sliver_mm2)
        if not clipped.is_empty:
            out[rid] = clipped
    return out
