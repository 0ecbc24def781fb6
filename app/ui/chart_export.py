"""Referral charts as files: the handout a teacher puts on a slide (`tpx chart`), and the
review sheet with every muscle's chart, one per page (`tpx review-sheet`).

Each chart shows the views where the muscle's trigger points (client's right side) refer,
cropped around the pattern: the atlas faintly, the essential zone solid red, the spillover
zone stippled, the trigger points as crosses.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import shapely
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QBrush, QColor, QFont, QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen,
)
from PySide6.QtSvg import QSvgGenerator, QSvgRenderer
from PySide6.QtWidgets import QApplication

from app.paths import assets_dir
from app.ui.body_map import ESSENTIAL_COLOR, SPILLOVER_COLOR, cross_path, spillover_brush
from app.domain.referral_pattern import pattern_shapes
from app.ui.patterns import pain_zones
from app.ui.qt_geometry import to_painter_path

CROP_MARGIN_MM = 110.0


def ensure_gui() -> QGuiApplication:
    """Painting needs a Qt application; without a display, render offscreen.

    A full QApplication (not a QGuiApplication) so that widgets can still be made later in
    the same process."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication.instance() or QApplication([])


def _panels(service, muscle_id: str) -> list[tuple[str, QRectF, list, list, list]]:
    """Per view with a pattern: crop rectangle, essential and spillover shapes, markers."""
    muscle = service.muscle(muscle_id)
    ids = [t.id for t in muscle.trigger_points]
    zones = pain_zones(service, ids, "right")
    placements = [p for ps in service.placements_for(ids).values() for p in ps if p.side == "right"]
    panels = []
    for view, spec in service.views.items():
        essential = [z.geometry for z in zones if z.view == view and z.kind == "essential"]
        spill = [z.geometry for z in zones if z.view == view and z.kind == "spillover"]
        markers = [(p.x, p.y) for p in placements if p.view == view]
        if not (essential or spill or markers):
            continue
        extent = shapely.union_all(essential + spill + [shapely.Point(m) for m in markers])
        x0, y0, x1, y1 = extent.buffer(CROP_MARGIN_MM).bounds
        crop = QRectF(QPointF(max(0, x0), max(0, y0)), QPointF(min(spec.width, x1), min(spec.height, y1)))
        panels.append((view, crop, essential, spill, markers))
    return panels


def paint_chart(painter: QPainter, page: QRectF, service, muscle_id: str, *, raster: bool = True) -> None:
    """Lay out one muscle's chart in ``page``.  ``raster`` draws each body panel as an image:
    vector anatomy on 140 PDF pages makes a file of hundreds of MB that viewers struggle with."""
    muscle = service.muscle(muscle_id)
    painter.fillRect(page, QColor("white"))
    title_font = QFont("Sans Serif")
    title_font.setPixelSize(max(12, int(page.height() * 0.035)))
    title_font.setBold(True)
    small = QFont("Sans Serif")
    small.setPixelSize(max(8, int(page.height() * 0.017)))
    painter.setPen(QColor(20, 20, 20))
    painter.setFont(title_font)
    header = QRectF(page.left() + 10, page.top() + 6, page.width() - 20, page.height() * 0.06)
    painter.drawText(header, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     f"{muscle.name} — referral pattern (client's right side)")
    painter.setFont(small)
    labels = "; ".join(t.label for t in muscle.trigger_points)
    sub = QRectF(header.left(), header.bottom(), header.width(), page.height() * 0.04)
    painter.drawText(sub, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                     f"{muscle.latin}. Trigger points: {labels}")
    footer_h = page.height() * 0.07
    area = QRectF(page.left() + 10, sub.bottom() + 6, page.width() - 20, page.bottom() - footer_h - sub.bottom() - 12)
    panels = _panels(service, muscle_id)
    if panels:
        total_w = sum(c.width() for _v, c, *_ in panels)
        max_h = max(c.height() for _v, c, *_ in panels)
        gap = 12.0
        scale = min((area.width() - gap * (len(panels) - 1)) / total_w, area.height() / max_h)
        x = area.left()
        for view, crop, essential, spill, markers in panels:
            target = QRectF(x, area.top(), crop.width() * scale, crop.height() * scale)
            if raster:
                image = QImage(max(1, int(target.width())), max(1, int(target.height())),
                               QImage.Format.Format_RGB32)
                image.fill(QColor("white"))
                inner = QPainter(image)
                inner.setRenderHint(QPainter.RenderHint.Antialiasing)
                _paint_body(inner, QRectF(0, 0, image.width(), image.height()), crop, view, essential, spill, markers)
                inner.end()
                painter.drawImage(target, image)
            else:
                _paint_body(painter, target, crop, view, essential, spill, markers)
            _paint_panel_frame(painter, target, view, small)
            x += target.width() + gap
    _paint_footer(painter, QRectF(page.left() + 10, page.bottom() - footer_h, page.width() - 20, footer_h),
                  muscle.source.short(), small)


def _paint_body(painter: QPainter, target: QRectF, crop: QRectF, view: str, essential, spill, markers) -> None:
    painter.save()
    painter.setClipRect(target)
    painter.translate(target.topLeft())
    painter.scale(target.width() / crop.width(), target.height() / crop.height())
    painter.translate(-crop.topLeft())
    renderer = QSvgRenderer(str(assets_dir() / f"{view}_superficial.svg"))
    painter.setOpacity(0.45)
    renderer.render(painter, renderer.viewBoxF())
    painter.setOpacity(1.0)
    ess, spl = pattern_shapes(essential, spill)
    painter.setPen(QPen(SPILLOVER_COLOR, 0.8))
    painter.setBrush(spillover_brush())
    painter.drawPath(to_painter_path(spl))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(ESSENTIAL_COLOR))
    painter.drawPath(to_painter_path(ess))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for mx, my in markers:
        painter.setPen(QPen(QColor("white"), 7))
        painter.drawPath(cross_path(mx, my, 10))
        painter.setPen(QPen(QColor(10, 10, 10), 3.5))
        painter.drawPath(cross_path(mx, my, 10))
    painter.restore()


def _paint_panel_frame(painter: QPainter, target: QRectF, view: str, font) -> None:
    painter.setFont(font)
    painter.setPen(QColor(60, 60, 60))
    painter.drawText(QRectF(target.left(), target.bottom() - 22, target.width(), 20),
                     Qt.AlignmentFlag.AlignCenter, view.replace("_", " "))
    painter.setPen(QPen(QColor(180, 180, 180), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)  # the previous page's legend left the stipple brush set
    painter.drawRect(target)


def _paint_footer(painter: QPainter, rect: QRectF, source: str, font) -> None:
    painter.setFont(font)
    swatch = rect.height() * 0.35
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(ESSENTIAL_COLOR))
    painter.drawRect(QRectF(rect.left(), rect.top() + 4, swatch, swatch))
    painter.setBrush(spillover_brush())
    painter.drawRect(QRectF(rect.left() + 150, rect.top() + 4, swatch, swatch))
    painter.setPen(QColor(20, 20, 20))
    painter.drawText(QRectF(rect.left() + swatch + 6, rect.top(), 140, swatch + 8), Qt.AlignmentFlag.AlignVCenter,
                     "essential zone")
    painter.drawText(QRectF(rect.left() + 156 + swatch, rect.top(), 150, swatch + 8), Qt.AlignmentFlag.AlignVCenter,
                     "spillover zone")
    painter.drawText(QRectF(rect.left() + 320, rect.top(), 140, swatch + 8), Qt.AlignmentFlag.AlignVCenter,
                     "✕ trigger point")
    painter.drawText(QRectF(rect.left(), rect.top() + swatch + 8, rect.width(), rect.height() - swatch - 8),
                     Qt.TextFlag.TextWordWrap, f"Source: {source}. Educational use; patterns are typical, not certain. "
                                              "Atlas: BodyParts3D (DBCLS), Z-Anatomy, CC BY-SA.")


def export_chart(service, muscle_id: str, out: Path, size: QSize = QSize(1600, 1100)) -> None:
    ensure_gui()
    suffix = out.suffix.lower()
    page = QRectF(0, 0, size.width(), size.height())
    if suffix == ".png":
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_chart(painter, page, service, muscle_id)
        painter.end()
        if not image.save(str(out)):
            raise OSError(f"could not write {out}")
    elif suffix == ".svg":
        generator = QSvgGenerator()
        generator.setFileName(str(out))
        generator.setSize(size)
        generator.setViewBox(page)
        generator.setTitle(f"{service.muscle(muscle_id).name} referral pattern")
        painter = QPainter(generator)
        paint_chart(painter, page, service, muscle_id, raster=False)
        painter.end()
    elif suffix == ".pdf":
        write_pdf(service, [muscle_id], out)
    else:
        raise ValueError(f"unsupported chart format: {suffix}")


class ExportCancelled(Exception):
    """The user stopped a long export; nothing was written."""


def write_pdf(service, muscle_ids: list[str], out: Path,
              on_page: Callable[[int, int, str], bool] | None = None) -> None:
    """One landscape A4 page per muscle, written to a temporary file and renamed into place, so a
    failed or cancelled export never leaves a partial PDF nor replaces an older one.  ``on_page``
    hears (pages done, total, muscle being drawn) before each page and returns False to cancel."""
    ensure_gui()
    tmp = out.with_name(f".{out.name}.part")
    writer = QPdfWriter(str(tmp))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(8, 8, 8, 8), QPageLayout.Unit.Millimeter))
    writer.setResolution(150)
    writer.setTitle("Trigger point referral charts")
    painter = QPainter(writer)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(QPointF(0, 0), QSizeF(writer.width(), writer.height()))
    finished = False
    try:
        for i, muscle_id in enumerate(muscle_ids):
            if on_page is not None and not on_page(i, len(muscle_ids), service.muscle(muscle_id).name):
                raise ExportCancelled(f"stopped after {i} of {len(muscle_ids)} pages; {out} was not written")
            if i:
                writer.newPage()
            paint_chart(painter, rect, service, muscle_id)
        finished = True
    finally:
        painter.end()
        del painter, writer  # closes the file
        if finished:
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, out)
        else:
            tmp.unlink(missing_ok=True)
    if on_page is not None:
        on_page(len(muscle_ids), len(muscle_ids), "")
