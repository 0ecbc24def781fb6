"""Render a skin SVG (with slug labels and landmarks) to PNG for visual review.

``python -m app.atlas_builder.skin_preview assets/body_svgs/anterior_skin.svg out.png [landmarks.json]``
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QByteArray, QPointF, QRectF  # noqa: E402
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.atlas_builder.skin_svg import read_skin_svg  # noqa: E402


def render_preview(svg_path: Path, png_path: Path, landmarks: dict[str, list[float]] | None = None,
                   px_per_mm: float = 1.0, labels: bool = True) -> None:
    _app = QApplication.instance() or QApplication([])
    svg = read_skin_svg(svg_path)
    renderer = QSvgRenderer(QByteArray(svg_path.read_bytes()))
    img = QImage(int(svg.width * px_per_mm), int(svg.height * px_per_mm), QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    painter = QPainter(img)
    renderer.render(painter, QRectF(0, 0, img.width(), img.height()))
    painter.setFont(QFont("Sans", max(5, int(5 * px_per_mm))))
    if labels:
        painter.setPen(QColor("black"))
        for area in svg.areas:
            for part in getattr(area.geometry, "geoms", [area.geometry]):
                if part.area < 150:
                    continue
                p = part.representative_point()
                short = area.slug.replace("_", " ")[:16] + ("" if area.side == "right" else "'")
                painter.drawText(QPointF(p.x * px_per_mm - 12, p.y * px_per_mm), short)
    for name, (x, y) in (landmarks or {}).items():
        colour = QColor("red") if name.endswith(".right") else QColor("blue") if name.endswith(".left") else QColor("darkgreen")
        painter.setPen(QPen(colour, 2))
        painter.drawEllipse(QPointF(x * px_per_mm, y * px_per_mm), 2.5, 2.5)
        painter.drawText(QPointF(x * px_per_mm + 3, y * px_per_mm - 2), name.split(".")[0][:14])
    painter.end()
    img.save(str(png_path))


def main(argv: list[str]) -> None:
    svg_path, png_path = Path(argv[0]), Path(argv[1])
    landmarks = None
    if len(argv) > 2:
        view = svg_path.stem.removesuffix("_skin")
        landmarks = json.loads(Path(argv[2]).read_text())["views"].get(view, {}).get("landmarks", {})
    render_preview(svg_path, png_path, landmarks)


if __name__ == "__main__":
    main(sys.argv[1:])
