"""The meshes of one build: loaded once, keyed by region, filtered per view and layer."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from app.atlas_builder.atlas_data import OCCLUDER, AtlasData, Structure, ViewSpec, region_id
from app.atlas_builder.glb import TriangleMesh, load_glb


_NOT_SKIN = ("hair", "eyelash")


class SceneError(ValueError):
    """The mesh folder does not hold what structures.csv names."""


@dataclass(frozen=True)
class Piece:
    """One mesh (or half of a split mesh) and the region it draws."""

    region: str
    structure: Structure
    side: str
    mesh: TriangleMesh


@dataclass
class Scene:
    pieces: list[Piece]
    body_surface: list[TriangleMesh]  # outline meshes (skin patches)
    meshes_by_part: dict[tuple[str, str], list[TriangleMesh]] = field(default_factory=dict)

    def regions(self) -> list[str]:
        return sorted({p.region for p in self.pieces if p.region != OCCLUDER})


def dataset_root(meshes_dir: Path) -> Path:
    """Accept the dataset root (with manifest.json) or its meshes/ folder."""
    if (meshes_dir / "manifest.json").exists():
        return meshes_dir
    if (meshes_dir.parent / "manifest.json").exists():
        return meshes_dir.parent
    raise SceneError(f"no manifest.json in {meshes_dir} or its parent")


def _split_by_x(mesh: TriangleMesh, midline_x: float) -> dict[str, TriangleMesh]:
    """Faces with centroid at -X are the patient's right half."""
    cx = mesh.vertices[mesh.faces].mean(axis=1)[:, 0]
    out = {}
    for side, keep in (("right", cx < midline_x), ("left", cx >= midline_x)):
        if keep.any():
            out[side] = TriangleMesh(f"{mesh.name} ({side})", mesh.vertices, mesh.faces[keep])
    return out


def load_scene(meshes_dir: Path, data: AtlasData) -> Scene:
    root = dataset_root(meshes_dir)
    entries = json.loads((root / "manifest.json").read_text(encoding="utf-8"))["entries"]
    usable = [e for e in entries if e.get("role") in ("primary", "gap_fill", "outline")]
    by_file = {e["file"]: e for e in usable}
    scene = Scene([], [])
    loaded: dict[str, list[TriangleMesh]] = {}
    for entry in sorted(usable, key=lambda e: e["file"]):
        path = root / entry["file"]
        if not path.exists():
            raise SceneError(f"missing mesh file {path}")
        meshes = load_glb(path)
        loaded[entry["file"]] = meshes
        if entry.get("kind") == "skin" or entry.get("role") == "outline":
            # Hair is not skin: it would widen the silhouette of the head.
            scene.body_surface.extend(m for m in meshes if not any(w in m.name.lower() for w in _NOT_SKIN))
            continue
        scene.meshes_by_part.setdefault((entry["part_of"], entry["side"]), []).extend(meshes)
    for s in data.structures:
        if s.file not in by_file or not (s.ref or s.kind == "occluder"):
            continue
        for mesh in loaded[s.file]:
            if s.side == "split":
                halves = _split_by_x(mesh, 0.0)
            elif s.side == "mirror":  # BodyParts3D's own mirror operation (x -> -x - 0.000021 m)
                mirrored = mesh.vertices * np.array([-1.0, 1.0, 1.0]) - np.array([0.000021, 0.0, 0.0])
                halves = {"right": mesh, "left": TriangleMesh(f"{mesh.name} (mirrored)", mirrored, mesh.faces)}
            else:
                halves = {s.side: mesh}
            for side, half in sorted(halves.items()):
                rid = region_id(s.ref, s.part, side) if s.ref else OCCLUDER
                scene.pieces.append(Piece(rid, s, side, half))
    scene.pieces.sort(key=lambda p: (p.region, p.structure.file, p.mesh.name))
    return scene


def clip_height(mesh: TriangleMesh, max_height_mm: float | None) -> TriangleMesh | None:
    """Drop faces with a vertex above the height limit (plantar view); None when nothing is left."""
    if max_height_mm is None:
        return mesh
    low = (mesh.vertices[mesh.faces][:, :, 1] * 1000.0 <= max_height_mm).all(axis=1)
    if not low.any():
        return None
    return TriangleMesh(mesh.name, mesh.vertices, mesh.faces[low])


def pieces_for(scene: Scene, view: ViewSpec, layer: str | None) -> list[Piece]:
    """Pieces drawn in a view's layer (layer None: every piece the view may ever draw)."""
    out = []
    for p in scene.pieces:
        s = p.structure
        if p.side not in view.sides or s.ref in view.exclude:
            continue
        if layer is not None:
            if not s.shown(view.group, layer) or s.ref in view.hide.get(layer, frozenset()):
                continue
        mesh = clip_height(p.mesh, view.max_height_mm)
        if mesh is not None:
            out.append(Piece(p.region, s, p.side, mesh))
    return out


def side_of_x(x: np.ndarray) -> np.ndarray:
    return np.where(x < 0.0, "right", "left")
