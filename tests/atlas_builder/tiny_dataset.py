"""A tiny mesh dataset and atlas data folder made inside the tests (never /work/shared)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from app.atlas_builder.glb import TriangleMesh, write_glb

_BOX_FACES = np.array([[0, 1, 2], [0, 2, 3], [4, 6, 5], [4, 7, 6], [0, 4, 5], [0, 5, 1],
                       [1, 5, 6], [1, 6, 2], [2, 6, 7], [2, 7, 3], [3, 7, 4], [3, 4, 0]])


def box(name: str, lo_mm: tuple[float, float, float], hi_mm: tuple[float, float, float]) -> TriangleMesh:
    (x0, y0, z0), (x1, y1, z1) = np.array(lo_mm) / 1000.0, np.array(hi_mm) / 1000.0
    verts = np.array([[x0, y0, z0], [x1, y0, z0], [x1, y1, z0], [x0, y1, z0],
                      [x0, y0, z1], [x1, y0, z1], [x1, y1, z1], [x0, y1, z1]])
    return TriangleMesh(name, verts, _BOX_FACES.copy())


def tetra(name: str, centre_mm: tuple[float, float, float], size_mm: float) -> TriangleMesh:
    c = np.array(centre_mm) / 1000.0
    s = size_mm / 1000.0
    verts = c + np.array([[-s, -s, 0], [s, -s, 0], [0, s, 0], [0, 0, s]]) / 2
    return TriangleMesh(name, verts, np.array([[0, 1, 2], [0, 1, 3], [1, 2, 3], [2, 0, 3]]))


# file -> (mesh, kind, ref, part, side, anterior layer rank); x < 0 is the patient's right.
def _meshes() -> dict[str, tuple[TriangleMesh, str, str, str, str, str]]:
    return {
        "meshes/front.glb": (box("Right masseter", (-20, 100, 50), (-1, 140, 60)), "muscle", "masseter", "", "right",
                             "superficial"),
        "meshes/back.glb": (box("Right temporalis", (-40, 80, 0), (-1, 160, 10)), "muscle", "temporalis", "", "right",
                            "deep"),
        "meshes/speck.glb": (tetra("Right buccinator", (-30, 90, 70), 2.0), "muscle", "buccinator", "", "right", "deep"),
        "meshes/bone.glb": (box("Mandible", (1, 80, 0), (40, 160, 20)), "bone", "mandible", "", "left", "deep"),
        "meshes/fascia.glb": (box("Some fascia", (-40, 80, 80), (40, 160, 81)), "other", "", "", "midline", "deep"),
    }


def make_dataset(root: Path) -> Path:
    """Write meshes/*.glb and manifest.json under ``root``; returns ``root``."""
    entries = []
    for file, (mesh, kind, _ref, _part, side, _rank) in sorted(_meshes().items()):
        (root / file).parent.mkdir(parents=True, exist_ok=True)
        write_glb(root / file, [mesh])
        entries.append({"file": file, "name": mesh.name, "side": side, "kind": kind, "role": "primary",
                        "part_of": mesh.name.lower().replace("right ", "")})
    (root / "manifest.json").write_text(json.dumps({"count": len(entries), "entries": entries}), encoding="utf-8")
    return root


VIEWS_YAML = """
views:
  anterior:
    group: anterior
    layers: [superficial, middle, deep]
    sides: [right, left, midline]
    exclude: []
    hide: {}
    draw_above: []
settings: {mm_per_px: 0.5, margin_mm: 5, speck_mm2: 16, hole_mm2: 50, simplify_mm: 0.5, sliver_mm2: 2,
           min_region_mm2: 10, outline_close_mm: 2, skin_reach_mm: 25}
"""


def make_atlas_data(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["file,name,ref,part,side,kind,anterior,posterior,lateral,plantar"]
    for file, (mesh, kind, ref, part, side, rank) in sorted(_meshes().items()):
        lines.append(f"{file},{mesh.name},{ref},{part},{side},{kind},{rank},deep,deep,deep")
    (folder / "structures.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "views.yaml").write_text(VIEWS_YAML, encoding="utf-8")
    (folder / "authored.yaml").write_text("authored: []\n", encoding="utf-8")
    return folder
