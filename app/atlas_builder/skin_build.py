"""Standalone skin/landmark build: ``python -m app.atlas_builder.skin_build MESHES_DIR [OUT_DIR]``.

Uses the atlas core's scene, grid and outline so the skin areas tile exactly the outline of the
muscle layers, then writes ``{view}_skin.svg`` and ``landmarks.json`` (per-view landmarks and the
3D landmarks).  ``tpx build-atlas`` can call :func:`build_view_skin` per view instead.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from shapely.geometry.base import BaseGeometry

from app.atlas_builder.glb import TriangleMesh
from app.atlas_builder.landmarks import compute_landmarks_3d, landmarks_for_view, midline_x_of
from app.atlas_builder.skin import SkinArea, build_skin_areas, write_skin_svg
from app.atlas_builder.skin_vector import tiling_error
from app.paths import ASSETS_DIR, ATLAS_DATA_DIR

Log = Callable[[str], None]


def build_view_skin(
    view: str,
    grid: Any,
    surface: Sequence[TriangleMesh],
    outline: BaseGeometry,
    body_nearness_mm: np.ndarray,
    nearness_mm: np.ndarray,
    landmarks3d: Mapping[str, tuple[float, float, float]],
    meshes_by_part: Mapping[tuple[str, str], Sequence[TriangleMesh]],
    out_dir: Path,
    log: Log = print,
) -> tuple[dict[str, tuple[float, float]], list[SkinArea]]:
    """Landmarks visible on the view and its skin areas; writes ``{view}_skin.svg``."""
    t0 = time.time()
    landmarks2d = landmarks_for_view(landmarks3d, grid, nearness_mm)
    report: dict[str, Any] = {}
    areas = build_skin_areas(view, grid, surface, outline, landmarks2d, landmarks3d=landmarks3d,
                             meshes_by_part=meshes_by_part, body_nearness_mm=body_nearness_mm,
                             midline_x_m=midline_x_of(meshes_by_part), report=report)
    write_skin_svg(out_dir / f"{view}_skin.svg", view, grid.svg_width_mm, grid.svg_height_mm, areas, outline)
    gap, overlap = tiling_error([a.geometry for a in areas], outline)
    log(f"  {view}: {len(areas)} skin areas, {len(landmarks2d)} landmarks, named {report.get('named_px')}"
        f"/{report.get('inside_px')} px by rules, gaps {gap:.3%}, overlaps {overlap:.3%} ({time.time() - t0:.1f} s)")
    for note in report.get("skipped_rules", []):
        log(f"    skipped {note}")
    return landmarks2d, areas


def build_skin(meshes_dir: Path, out_dir: Path = ASSETS_DIR, views: Sequence[str] | None = None,
               mm_per_px: float | None = None, log: Log = print) -> dict[str, Any]:
    # The atlas core's modules: same scene, grid and outline as the muscle layers.
    from app.atlas_builder.atlas_data import load_atlas_data
    from app.atlas_builder.build import _grid_for, _surface_for
    from app.atlas_builder.outline import body_silhouette, outline_geometry
    from app.atlas_builder.raster import rasterize
    from app.atlas_builder.scene import load_scene, pieces_for

    data = load_atlas_data(ATLAS_DATA_DIR)
    settings = data.settings
    mpp = float(mm_per_px or settings.get("mm_per_px", 0.5))
    scene = load_scene(meshes_dir, data)
    errors: list[str] = []
    landmarks3d = compute_landmarks_3d(scene.meshes_by_part, scene.body_surface, errors=errors)
    for e in errors:
        log(f"landmark not computed: {e}")
    all_y = np.concatenate([p.mesh.vertices[:, 1] for p in scene.pieces] + [m.vertices[:, 1] for m in scene.body_surface])
    body_up = (float(all_y.min() * 1000.0), float(all_y.max() * 1000.0))
    out_dir.mkdir(parents=True, exist_ok=True)
    doc: dict[str, Any] = {"views": {}, "landmarks3d": {k: [round(c, 5) for c in v] for k, v in sorted(landmarks3d.items())}}
    for name in [v for v in data.views if views is None or v in views]:
        view = data.views[name]
        surface = _surface_for(scene, view)
        meshes = [p.mesh for p in pieces_for(scene, view, None)] + surface
        grid = _grid_for(view, meshes, mpp, float(settings.get("margin_mm", 12)), body_up if view.whole_body else None)
        # Same silhouette as build.build_view, without the layers.
        body, body_near = rasterize([(1, p.mesh) for p in pieces_for(scene, view, None)], grid)
        skin, skin_near = rasterize([(1, m) for m in surface], grid)
        inside = body_silhouette(skin > 0, body > 0, grid, float(settings.get("skin_reach_mm", 25)),
                                 float(view.outline_close_mm or settings.get("outline_close_mm", 4)),
                                 fill_skin=view.whole_body)
        outline = outline_geometry(inside, grid, **({"smooth_mm": view.outline_smooth_mm} if view.outline_smooth_mm else {}))
        landmarks2d, _ = build_view_skin(name, grid, scene.body_surface, outline, body_near, np.fmax(body_near, skin_near),
                                         landmarks3d, scene.meshes_by_part, out_dir, log)
        doc["views"][name] = {"width": round(grid.svg_width_mm, 1), "height": round(grid.svg_height_mm, 1),
                              "landmarks": {k: list(v) for k, v in sorted(landmarks2d.items())}}
    (out_dir / "landmarks.json").write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return doc


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("meshes_dir", type=Path)
    parser.add_argument("out_dir", type=Path, nargs="?", default=ASSETS_DIR)
    parser.add_argument("--views", nargs="*")
    parser.add_argument("--mm-per-px", type=float)
    args = parser.parse_args(argv)
    build_skin(args.meshes_dir, args.out_dir, args.views, args.mm_per_px)


if __name__ == "__main__":
    main()
