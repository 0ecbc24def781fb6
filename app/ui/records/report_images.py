"""Pictures for the visit report: the painted maps with legible side labels, and the trend."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgRenderer

from app.domain.pain_change import TrendPoint
from app.domain.records import Visit
from app.paths import assets_dir
from app.ui.qt_geometry import to_painter_path
from app.ui.records.pain_layer import intensity_color

MAP_IMAGE_HEIGHT = 1450  # pixels; the width follows from the views shown
PIXELS_PER_DOCUMENT_UNIT = 2.5  # 1500 px span the report's 600-unit text width
TREND_IMAGE_SIZE = QSize(1500, 420)
# Which of the client's sides is on the viewer's left and right of each view.
SIDES = {"anterior": ("RIGHT", "LEFT"), "posterior": ("LEFT", "RIGHT"),
         "plantar": ("RIGHT", "LEFT"), "right_lateral": ("client's RIGHT side", ""),
         "left_lateral": ("client's LEFT side", "")}
VIEW_TITLES = {"anterior": "Front", "posterior": "Back", "right_lateral": "Right side", "left_lateral": "Left side",
               "plantar": "Soles"}


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont("Sans Serif")
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def render_pain_maps(catalog, visit: Visit, height: int = MAP_IMAGE_HEIGHT) -> QImage:
    """Front and back (plus any other painted view) side by side, pain coloured by intensity,
    each labelled with the client's own RIGHT and LEFT above it."""
    views = ["anterior", "posterior"] + [v for v in visit.pain.views() if v not in ("anterior", "posterior")]
    views = [v for v in views if v in catalog.views]
    label_h, title_h, legend_h, gap = 56, 52, 110, 70
    scale = (height - label_h - title_h - legend_h) / max(catalog.views[v].height for v in views)
    width = int(sum(catalog.views[v].width for v in views) * scale + gap * (len(views) + 1))
    width = max(width, 1000)  # room for the intensity legend
    size = QSize(min(width, 1500), height)
    scale = min(scale, (size.width() - gap * (len(views) + 1)) / sum(catalog.views[v].width for v in views))
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    x = gap + (size.width() - gap * (len(views) + 1) - sum(catalog.views[v].width for v in views) * scale) / 2
    for view in views:
        spec = catalog.views[view]
        width = spec.width * scale
        painter.save()
        painter.translate(x, label_h)
        painter.scale(scale, scale)
        renderer = QSvgRenderer(str(assets_dir() / f"{view}_superficial.svg"))
        painter.setOpacity(0.5)
        renderer.render(painter, renderer.viewBoxF())
        painter.setOpacity(1.0)
        for mark in visit.pain.marks(view):
            painter.setPen(QPen(intensity_color(mark.intensity, 255).darker(150), 1.0))
            painter.setBrush(QBrush(intensity_color(mark.intensity, 215)))
            painter.drawPath(to_painter_path(mark.geometry))
        painter.restore()
        left, right = SIDES.get(view, ("", ""))
        painter.setPen(QColor(20, 20, 20))
        painter.setFont(_font(34, bold=True))
        side_box = QRectF(x, 4, width, label_h - 8)
        if right:
            painter.drawText(side_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
            painter.drawText(side_box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, right)
        else:
            painter.drawText(side_box, Qt.AlignmentFlag.AlignCenter, left)
        painter.setFont(_font(34, bold=True))
        painter.drawText(QRectF(x, label_h + spec.height * scale, width, title_h), Qt.AlignmentFlag.AlignCenter,
                         VIEW_TITLES.get(view, view.replace("_", " ")))
        x += width + gap
    painter.setFont(_font(30))
    top = size.height() - legend_h + 10
    swatch = (size.width() - 3 * gap - 240) / 11
    painter.drawText(QRectF(gap, top, 240, 48), Qt.AlignmentFlag.AlignVCenter, "Pain intensity")
    for i in range(11):
        rect = QRectF(gap + 240 + i * swatch, top, swatch - 4, 48)
        painter.fillRect(rect, intensity_color(i, 255))
        painter.drawText(QRectF(rect.left(), rect.bottom(), rect.width(), 40), Qt.AlignmentFlag.AlignCenter, str(i))
    painter.end()
    return image


def render_trend(points: list[TrendPoint], size: QSize = TREND_IMAGE_SIZE) -> QImage:
    """Bars: extent (% of the body surface); red line: mean intensity; dark dots: peak intensity."""
    points = points[-20:]
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    plot = QRectF(110, 60, size.width() - 220, size.height() - 130)
    painter.setPen(QPen(QColor(60, 60, 60), 2))
    painter.drawRect(plot)
    painter.setFont(_font(26))
    painter.drawText(QRectF(plot.left(), 8, plot.width(), 44), Qt.AlignmentFlag.AlignLeft,
                     "Bars: pain extent (% of body, left axis)   Line: mean intensity   Dots: peak (right axis, 0–10)")
    # The smallest round top that holds every bar: 1 % of the body is a large pain map, and on a
    # fixed 0–10 % axis (looked at in a real report) the bars were slivers.
    highest = max([0.0] + [p.extent_percent or 0.0 for p in points])
    top_pct = next((t for t in (1.0, 2.0, 5.0, 10.0, 20.0, 50.0) if highest <= t), 100.0)
    for frac in (0.0, 0.5, 1.0):
        y = plot.bottom() - plot.height() * frac
        painter.drawText(QRectF(0, y - 16, 100, 32), Qt.AlignmentFlag.AlignRight, f"{top_pct * frac:g}%")
        painter.drawText(QRectF(plot.right() + 8, y - 16, 100, 32), Qt.AlignmentFlag.AlignLeft, f"{10 * frac:g}")
    if not points:
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No visits")
        painter.end()
        return image
    n = len(points)
    slot = plot.width() / n
    mean_line = []
    for i, p in enumerate(points):
        cx = plot.left() + slot * (i + 0.5)
        height = plot.height() * (p.extent_percent or 0.0) / top_pct
        painter.fillRect(QRectF(cx - slot * 0.3, plot.bottom() - height, slot * 0.6, height), QColor(255, 190, 120))
        mean_line.append(QPointF(cx, plot.bottom() - plot.height() * p.mean_intensity / 10))
        painter.setPen(QColor(40, 40, 40))
        painter.drawText(QRectF(cx - slot / 2, plot.bottom() + 4, slot, 34), Qt.AlignmentFlag.AlignCenter,
                         p.date.strftime("%d %b %y") if n <= 8 else p.date.strftime("%d.%m"))
        painter.setBrush(QColor(110, 10, 18))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QPointF(cx, plot.bottom() - plot.height() * p.max_intensity / 10), 7, 7)
    painter.setPen(QPen(QColor(200, 40, 30), 4))
    for a, b in zip(mean_line, mean_line[1:]):
        painter.drawLine(a, b)
    painter.setBrush(QColor(200, 40, 30))
    for m in mean_line:
        painter.drawEllipse(m, 6, 6)
    painter.end()
    return image
