"""`tpx build-atlas`: meshes -> assets/body_svgs/{view}_{layer}.svg, atlas.json, LICENSE.

Per view: rasterise everything once for the silhouette (outline) and landmark visibility, then
each layer with its own set of meshes (deeper layers peel the structures marked above them in
structures.csv / views.yaml).  Output is deterministic: sorted ids, fixed precision.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from app.atlas_builder.atlas_data import AtlasData, ViewSpec, load_atlas_data
from app.atlas_builder.authored import authored_regions
from app.atlas_builder.glb import TriangleMesh
from app.atlas_builder.layers import LayerSettings, layer_regions, place_authored
from app.atlas_builder.licence import ATTRIBUTION, write_licence
from app.atlas_builder.outline import body_silhouette, outline_geometry
from app.atlas_builder.projection import project
from app.atlas_builder.raster import ViewGrid, rasterize
from app.atlas_builder.scene import Scene, clip_height, load_scene, pieces_for
from app.atlas_builder.svg_writer import RegionShape, assign_colours, write_layer_svg
from app.paths import ATLAS_DATA_DIR

Log = Callable[[str], None]


@dataclass
class ViewResult:
    grid: ViewGrid
    outline: BaseGeometry
    layers: dict[str, list[RegionShape]] = field(default_factory=dict)
    landmarks: dict[str, tuple[float, float]] = field(default_factory=dict)
    body_nearness: np.ndarray | None = None  # front-most muscle/bone surface per pixel (mm)
    nearness: np.ndarray | None = None  # the same including the skin patches


@dataclass
class BuildReport:
    files: list[Path] = field(default_factory=list)
    region_counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def _surface_for(scene: Scene, view: ViewSpec) -> list[TriangleMesh]:
    """Body-surface patches of the view (both sides: the silhouette of a lateral view needs the
    whole surface, or the midline seam would notch it)."""
    clipped = (clip_height(mesh, view.max_height_mm) for mesh in scene.body_surface)
    return [m for m in clipped if m is not None]


def _grid_for(view: ViewSpec, meshes: Sequence[TriangleMesh], mm_per_px: float, margin: float,
              up_range: tuple[float, float] | None) -> ViewGrid:
    pts = project(np.vstack([m.vertices[np.unique(m.faces)] for m in meshes]), view.name)
    ups = up_range or (float(pts[:, 1].min()), float(pts[:, 1].max()))
    return ViewGrid.around(view.name, (float(pts[:, 0].min()), float(pts[:, 0].max())), ups, mm_per_px, margin)


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """The skin/landmark engineer's functions, when their module is present."""
    try:
        mod = __import__(module, fromlist=[name])
    except ImportError:
        return None
    return getattr(mod, name, None)


def build_view(scene: Scene, data: AtlasData, view: ViewSpec, grid: ViewGrid, settings: LayerSettings,
               close_mm: float, skin_reach_mm: float, log: Log) -> ViewResult:
    all_pieces = pieces_for(scene, view, None)
    surface = _surface_for(scene, view)
    body, body_nearness = rasterize([(1, p.mesh) for p in all_pieces], grid)
    skin, skin_nearness = rasterize([(1, m) for m in surface], grid)
    inside = body_silhouette(skin > 0, body > 0, grid, skin_reach_mm, close_mm, fill_skin=view.whole_body)
    outline = outline_geometry(inside, grid, **({"smooth_mm": view.outline_smooth_mm} if view.outline_smooth_mm else {}))
    result = ViewResult(grid, outline, body_nearness=body_nearness, nearness=np.fmax(body_nearness, skin_nearness))
    region_ids = sorted({p.region for p in all_pieces})  # OCCLUDER ("") sorts first
    labels_of = {rid: i + 1 for i, rid in enumerate(region_ids)}
    meta = {p.region: p for p in all_pieces}
    for layer in view.layers:
        t0 = time.time()
        geoms = layer_regions(pieces_for(scene, view, layer), labels_of, grid, view, inside, outline, settings)
        bands = authored_regions(data.authored, view.name, layer, view.sides, grid, scene.meshes_by_part)
        geoms = place_authored(geoms, bands, outline, settings.sliver_mm2)
        shapes = []
        for rid, geom in sorted(geoms.items()):
            geom = shapely.make_valid(shapely.set_precision(geom, 0.1))
            if geom.is_empty:
                continue
            if rid in bands:
                ref, side = rid.rsplit(".", 1)
                shapes.append(RegionShape(rid, "muscle", ref, "", side, geom, authored=True))
            else:
                p = meta[rid]
                shapes.append(RegionShape(rid, p.structure.kind, p.structure.ref, p.structure.part, p.side, geom))
        result.layers[layer] = shapes
        log(f"  {view.name}/{layer}: {len(shapes)} regions ({time.time() - t0:.1f} s)")
    return result


def _neighbours(results: dict[str, ViewResult]) -> dict[str, set[str]]:
    """Muscle region ids that touch somewhere (any view/layer), for the colouring."""
    near: dict[str, set[str]] = {}
    for res in results.values():
        for shapes in res.layers.values():
            muscles = [s for s in shapes if s.kind == "muscle"]
            tree = shapely.STRtree([s.geometry for s in muscles])
            left, right = tree.query([s.geometry for s in muscles], predicate="dwithin", distance=0.8)
            for i, j in zip(left.tolist(), right.tolist()):
                if i != j:
                    near.setdefault(muscles[i].id, set()).add(muscles[j].id)
    return near


def build_atlas(meshes_dir: Path, out_dir: Path, views: Sequence[str] | None = None, mm_per_px: float | None = None,
                data_dir: Path = ATLAS_DATA_DIR, log: Log = print, with_skin_and_landmarks: bool = True) -> BuildReport:
    started = time.time()
    report = BuildReport()
    data = load_atlas_data(data_dir)
    chosen = [v for v in data.views if views is None or v in views]
    s = data.settings
    mpp = float(mm_per_px or s.get("mm_per_px", 0.5))
    settings = LayerSettings(float(s.get("speck_mm2", 16)), float(s.get("hole_mm2", 400)),
                             float(s.get("simplify_mm", 1.0)), float(s.get("sliver_mm2", 6)),
                             float(s.get("min_region_mm2", 40)), float(s.get("draw_above_within_mm", 30)))
    scene = load_scene(meshes_dir, data)
    log(f"loaded {len(scene.pieces)} mesh pieces for {len(scene.regions())} regions")
    extras = with_skin_and_landmarks
    compute_3d = _optional("app.atlas_builder.landmarks", "compute_landmarks_3d") if extras else None
    for_view = _optional("app.atlas_builder.landmarks", "landmarks_for_view") if extras else None
    skin_areas = _optional("app.atlas_builder.skin", "build_skin_areas") if extras else None
    write_skin = _optional("app.atlas_builder.skin", "write_skin_svg") if extras else None
    landmarks3d: dict[str, Any] = {}
    if compute_3d is not None:
        errors: list[str] = []
        landmarks3d = compute_3d(scene.meshes_by_part, scene.body_surface, errors=errors)
        report.notes += [f"landmark: {e}" for e in errors]
    all_y = np.concatenate([p.mesh.vertices[:, 1] for p in scene.pieces] + [m.vertices[:, 1] for m in scene.body_surface])
    body_up = (float(all_y.min() * 1000.0), float(all_y.max() * 1000.0))  # shared by whole-body views
    margin = float(s.get("margin_mm", 12))
    results: dict[str, ViewResult] = {}
    for name in chosen:
        view = data.views[name]
        meshes = [p.mesh for p in pieces_for(scene, view, None)] + _surface_for(scene, view)
        grid = _grid_for(view, meshes, mpp, margin, body_up if view.whole_body else None)
        log(f"{name}: {grid.width_px}x{grid.height_px} px")
        close_mm = view.outline_close_mm or float(s.get("outline_close_mm", 4))
        result = build_view(scene, data, view, grid, settings, float(close_mm),
                            float(s.get("skin_reach_mm", 25)), log)
        if for_view is not None and landmarks3d:
            result.landmarks = dict(sorted(for_view(landmarks3d, grid, result.nearness).items()))
        if skin_areas is not None and write_skin is not None:
            _build_skin(skin_areas, write_skin, out_dir, scene, result, landmarks3d, log)
        result.body_nearness = result.nearness = None  # free the rasters
        results[name] = result
    out_dir.mkdir(parents=True, exist_ok=True)
    colours = assign_colours(sorted({sh.id for r in results.values() for layer in r.layers.values()
                                     for sh in layer if sh.kind == "muscle"}), _neighbours(results))
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, res in results.items():
        for layer, shapes in res.layers.items():
            path = out_dir / f"{name}_{layer}.svg"
            write_layer_svg(path, name, layer, res.grid.svg_width_mm, res.grid.svg_height_mm, res.outline, shapes, colours)
            report.files.append(path)
            report.region_counts[f"{name}_{layer}"] = len(shapes)
    _write_atlas_json(out_dir / "atlas.json", data, results, landmarks3d)
    write_licence(out_dir, meshes_dir)
    report.seconds = time.time() - started
    return report


def _build_skin(build: Callable[..., Any], write: Callable[..., Any], out_dir: Path, scene: Scene,
                result: ViewResult, landmarks3d: dict[str, Any], log: Log) -> None:
    """The skin engineer's areas for this view, clipped to our outline, as {view}_skin.svg."""
    grid = result.grid
    t0 = time.time()
    areas = build(grid.view, grid, scene.body_surface, result.outline, result.landmarks, landmarks3d=landmarks3d,
                  meshes_by_part=scene.meshes_by_part, body_nearness_mm=result.body_nearness)
    out_dir.mkdir(parents=True, exist_ok=True)
    write(out_dir / f"{grid.view}_skin.svg", grid.view, grid.svg_width_mm, grid.svg_height_mm, areas, result.outline)
    log(f"  {grid.view}/skin: {len(areas)} areas ({time.time() - t0:.1f} s)")


def _write_atlas_json(path: Path, data: AtlasData, results: dict[str, ViewResult], landmarks3d: dict[str, Any]) -> None:
    """Merges with an existing atlas.json so a partial rebuild (--views) keeps the other views."""
    doc: dict[str, Any] = {"views": {}}
    if path.exists():
        doc = json.loads(path.read_text(encoding="utf-8"))
    views = doc.get("views", {})
    for name, res in results.items():
        views[name] = {"width": round(res.grid.svg_width_mm, 1), "height": round(res.grid.svg_height_mm, 1),
                       "layers": list(data.views[name].layers),
                       "landmarks": {k: [round(v[0], 1), round(v[1], 1)] for k, v in res.landmarks.items()}}
    order = [v for v in data.views if v in views] + sorted(v for v in views if v not in data.views)
    doc["views"] = {v: views[v] for v in order}
    if landmarks3d:
        doc["landmarks3d"] = {k: [round(float(c), 5) for c in v] for k, v in sorted(landmarks3d.items())}
    doc.setdefault("landmarks3d", {})
    doc["attribution"] = list(ATTRIBUTION)
    path.write_text(json.dumps(doc, indent=1, sort_keys=False) + "\n", encoding="utf-8")


