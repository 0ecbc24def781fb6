"""Landmarks over a shaded render of the bones, for visual review.

``python -m app.atlas_builder.landmark_preview MESHES_DIR OUT_DIR [--views ...]`` writes
``landmarks_{view}.png`` (red = right, blue = left, green = midline).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.atlas_builder.glb import TriangleMesh, load_glb  # noqa: E402
from app.atlas_builder.landmarks import compute_landmarks_3d, landmarks_for_view  # noqa: E402
from app.atlas_builder.projection import VIEWS, project  # noqa: E402
from app.atlas_builder.raster import ViewGrid, rasterize  # noqa: E402


def load_bones(root: Path) -> tuple[dict[tuple[str, str], list[TriangleMesh]], list[TriangleMesh]]:
    entries = json.loads((root / "manifest.json").read_text(encoding="utf-8"))["entries"]
    bones: dict[tuple[str, str], list[TriangleMesh]] = {}
    regions: list[TriangleMesh] = []
    for e in entries:
        if e["kind"] == "bone" and e["role"] in ("primary", "gap_fill"):
            bones.setdefault((e["part_of"], e["side"]), []).extend(load_glb(root / e["file"]))
        elif e["kind"] == "skin":
            regions.extend(load_glb(root / e["file"]))
    return bones, regions


def render(view: str, bones: dict, regions: list[TriangleMesh], landmarks3d: dict, out: Path, scale: float = 1.5) -> int:
    meshes = [m for ms in bones.values() for m in ms]
    pts = project(np.vstack([m.vertices for m in meshes + regions]), view)
    grid = ViewGrid.around(view, (pts[:, 0].min(), pts[:, 0].max()), (pts[:, 1].min(), pts[:, 1].max()), 1.0)
    _, bone_near = rasterize([(1, m) for m in meshes], grid)
    _, skin_near = rasterize([(1, m) for m in regions], grid)
    shown = landmarks_for_view(landmarks3d, grid, np.fmax(bone_near, skin_near))
    finite = np.isfinite(bone_near)
    shade = np.full(bone_near.shape, 255.0)
    if finite.any():
        lo, hi = np.percentile(bone_near[finite], [2, 98])
        shade[finite] = 90 + 140 * np.clip((bone_near[finite] - lo) / max(hi - lo, 1e-6), 0, 1)
    shade[~finite & np.isfinite(skin_near)] = 242  # body silhouette
    rgb = np.ascontiguousarray(np.repeat(shade.astype(np.uint8)[:, :, None], 3, axis=2))
    h, w, _ = rgb.shape
    _app = QApplication.instance() or QApplication([])
    img = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy().scaled(int(w * scale), int(h * scale))
    painter = QPainter(img)
    painter.setFont(QFont("Sans", 7))
    for name, (x, y) in shown.items():
        colour = "red" if name.endswith(".right") else "blue" if name.endswith(".left") else "darkgreen"
        painter.setPen(QPen(QColor(colour), 2))
        p = QPointF(x * scale, y * scale)
        painter.drawEllipse(p, 3, 3)
        painter.drawText(p + QPointF(4, -2), name.split(".")[0])
    painter.end()
    img.save(str(out / f"landmarks_{view}.png"))
    return len(shown)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("meshes_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--views", nargs="*", default=list(VIEWS))
    args = parser.parse_args(argv)
    bones, regions = load_bones(args.meshes_dir)
    errors: list[str] = []
    landmarks3d = compute_landmarks_3d(bones, regions, errors=errors)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for view in args.views:
        print(view, render(view, bones, regions, landmarks3d, args.out_dir), "landmarks shown")
    for e in errors:
        print("not computed:", e)


if __name__ == "__main__":
    main()
