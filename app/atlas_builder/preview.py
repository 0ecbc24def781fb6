"""Render atlas SVGs to PNG with QtSvg, to look at them (`tpx build-atlas --preview DIR`).

Usage: python -m app.atlas_builder.preview [ASSETS_DIR] [OUT_DIR] [PX_PER_MM]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.paths import ASSETS_DIR


def render_svg(svg: Path, png: Path, px_per_mm: float = 0.6) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"QtSvg cannot read {svg}")
    box = renderer.viewBoxF()
    image = QImage(max(1, int(box.width() * px_per_mm)), max(1, int(box.height() * px_per_mm)),
                   QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    png.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(png))
    return png


def render_all(assets_dir: Path, out_dir: Path, px_per_mm: float = 0.6) -> list[Path]:
    return [render_svg(svg, out_dir / (svg.stem + ".png"), px_per_mm) for svg in sorted(assets_dir.glob("*.svg"))]


if __name__ == "__main__":
    argv = sys.argv[1:]
    src = Path(argv[0]) if argv else ASSETS_DIR
    dst = Path(argv[1]) if len(argv) > 1 else Path("/tmp/atlas_preview")
    scale = float(argv[2]) if len(argv) > 2 else 0.6
    for path in render_all(src, dst, scale):
        print(path)
