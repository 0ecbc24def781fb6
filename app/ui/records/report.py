"""The visit report (PDF): maps with the painted pain and a legend, the ranked candidate
trigger points, findings, treatment, SOAP notes, red flags, therapist and date."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, Qt, QUrl
from PySide6.QtGui import (
    QBrush, QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from app.domain import metrics
from app.domain.records import RED_FLAGS, SOAP_FIELDS, Visit
from app.domain.wpi import region_title
from app.paths import assets_dir
from app.ui.chart_export import ensure_gui
from app.ui.explorer import _SIDE_LABELS
from app.ui.qt_geometry import to_painter_path
from app.ui.records.pain_layer import intensity_color

MAP_IMAGE_SIZE = QSize(1500, 1250)
DISCLAIMER = ("Pain maps and candidate trigger points support the therapist's assessment; they are not a diagnosis. "
              "Any red flag above calls for referral to a physician.")


def render_pain_maps(catalog, visit: Visit, size: QSize = MAP_IMAGE_SIZE) -> QImage:
    """Front and back (plus any other painted view) side by side, pain coloured by intensity."""
    views = ["anterior", "posterior"] + [v for v in visit.pain.views() if v not in ("anterior", "posterior")]
    views = [v for v in views if v in catalog.views]
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    legend_h = 90
    width_total = sum(catalog.views[v].width for v in views)
    gap = 20
    scale = min((size.width() - gap * (len(views) + 1)) / width_total,
                (size.height() - legend_h - 20) / max(catalog.views[v].height for v in views))
    x = gap
    font = QFont("Sans Serif")
    font.setPixelSize(26)
    for view in views:
        spec = catalog.views[view]
        painter.save()
        painter.translate(x, 10)
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
        painter.setFont(font)
        painter.setPen(QColor(30, 30, 30))
        labels = _SIDE_LABELS.get(view, ("", ""))
        painter.drawText(QRectF(x, 10, spec.width * scale, 34), Qt.AlignmentFlag.AlignLeft, labels[0])
        painter.drawText(QRectF(x, 10, spec.width * scale, 34), Qt.AlignmentFlag.AlignRight, labels[1])
        painter.drawText(QRectF(x, size.height() - legend_h - 40, spec.width * scale, 34), Qt.AlignmentFlag.AlignCenter,
                         view.replace("_", " "))
        x += spec.width * scale + gap
    swatch = (size.width() - 3 * gap - 200) / 11
    painter.drawText(QRectF(gap, size.height() - legend_h + 10, 200, 40), Qt.AlignmentFlag.AlignVCenter, "Intensity")
    for i in range(11):
        rect = QRectF(gap + 200 + i * swatch, size.height() - legend_h + 10, swatch - 4, 40)
        painter.fillRect(rect, intensity_color(i, 255))
        painter.drawText(QRectF(rect.left(), rect.bottom(), rect.width(), 34), Qt.AlignmentFlag.AlignCenter, str(i))
    painter.end()
    return image


MAP_WIDTH_IN_DOCUMENT = 600  # document units: the full A4 text width


def report_html(records, catalog, visit: Visit) -> str:
    client = records.client(visit.client_id)
    pain = visit.pain
    found = catalog.candidates_for_pain({v: pain.strokes(v) for v in pain.views()})[:12]
    outlines = {v: s.outline for v, s in catalog.views.items() if v in ("anterior", "posterior")}
    total = metrics.extent(pain, outlines, catalog.skin_areas)
    wpi = metrics.wpi_regions(pain, catalog.skin_areas)
    qualities = sorted({m.quality for m in pain.all_marks()})
    rows = "".join(
        f"<tr><td>{i}</td><td>{escape(catalog.trigger_point(c.trp_id).label)} ({c.side})</td>"
        f"<td>{'essential' if c.zone == 'essential' else 'spillover'}</td><td>{c.score:.2f}</td>"
        f"<td>{escape(c.why)}</td></tr>" for i, c in enumerate(found, 1))
    findings = "".join(f"<li>{escape(catalog.trigger_point(f.trigger_point_id).label if f.trigger_point_id else f.muscle_id)}"
                       f" — client's {escape(f.side)}, {escape(f.status)}</li>" for f in visit.findings)
    treatments = "".join(f"<li>{escape(t.technique.replace('_', ' '))}, {t.duration_min:g} min — {escape(t.response)}</li>"
                         for t in visit.treatments)
    soap = "".join(f"<p><b>{name.capitalize()}:</b> {escape(visit.soap.get(name, '')) or '—'}</p>" for name in SOAP_FIELDS)
    flags = [RED_FLAGS[k] for k, on in visit.red_flags.items() if on and k in RED_FLAGS]
    flag_html = ("<p style='color:#b00020'><b>Red flags:</b> " + escape("; ".join(flags)) + "</p>") if flags else \
        "<p><b>Red flags:</b> none ticked.</p>"
    dob = f", born {client.date_of_birth:%Y-%m-%d}" if client.date_of_birth else ""
    return f"""
<h1>Visit report</h1>
<p><b>Client:</b> {escape(client.name)}{dob} &nbsp; <b>Visit:</b> {visit.date:%Y-%m-%d} &nbsp;
<b>Therapist:</b> {escape(visit.therapist) or '—'}</p>
<p><b>Chief complaint:</b> {escape(visit.chief_complaint) or '—'}</p>
<p><img src="maps.png" width="{MAP_WIDTH_IN_DOCUMENT}"></p>
<p><b>Pain extent:</b> {total.percent:.1f}% of the body surface (client's right {total.right_percent:.1f}%,
left {total.left_percent:.1f}%); qualities: {escape(', '.join(qualities)) or '—'};
Widespread Pain Index {wpi.score}/19 {escape(', '.join(region_title(r) for r in wpi.regions))}</p>
<h2>Candidate trigger points</h2>
<table border="1" cellspacing="0" cellpadding="3"><tr><th>#</th><th>Trigger point</th><th>Zone</th><th>Score</th>
<th>Why</th></tr>{rows or '<tr><td colspan=5>No pain painted.</td></tr>'}</table>
<h2>Findings</h2><ul>{findings or '<li>None recorded.</li>'}</ul>
<h2>Treatment</h2><ul>{treatments or '<li>None recorded.</li>'}</ul>
<h2>Notes</h2>{soap}{flag_html}<p>{escape(visit.notes)}</p>
<p><small>{escape(DISCLAIMER)} Body atlas: BodyParts3D (DBCLS), Z-Anatomy; CC BY-SA 4.0.</small></p>
"""


def write_visit_report(records, catalog, visit_id: int, out: Path) -> None:
    ensure_gui()
    visit = records.visit(visit_id)
    document = QTextDocument()
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl("maps.png"), render_pain_maps(catalog, visit))
    document.setHtml(report_html(records, catalog, visit))
    writer = QPdfWriter(str(out))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setTitle(f"Visit report {visit.date:%Y-%m-%d}")
    document.print_(writer)
