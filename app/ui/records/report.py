"""The visit report (PDF) a therapist hands over: red flags first (the visit's, the neuro screen's,
and a pain that fits a root or nerve better than any trigger point), the maps with legible side
labels, extent, WPI and the fibromyalgia screen, change since the last visit and the trend, the
five leading candidate trigger points, the neuro screen (only what was tested), findings, treatment, SOAP notes as typed, the clinic's
name and a signature line."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app.domain.records import RED_FLAGS, SOAP_FIELDS, Client, Visit
from app.domain.visit_metrics import VisitMetrics, summarize
from app.domain.wpi import region_title
from app.ui.chart_export import ensure_gui
from app.ui.records.metrics_runner import body_surface
from app.ui.records.neuro_screen_report import Comparison, nerve_comparison, neuro_alerts_html, neuro_section_html
from app.ui.records.report_images import PIXELS_PER_DOCUMENT_UNIT, render_pain_maps, render_trend

TOP_CANDIDATES = 5
TREND_ROWS = 8  # the latest visits listed in the trend table (the chart shows up to 20)
MAP_WIDTH_IN_DOCUMENT = 600  # document units: the full A4 text width
# With the neuro alert boxes above them, the maps are drawn smaller so they still start on the first page
# (at full size a box pushed them to page 2 and left page 1 two-thirds blank; seen rendering it).
MAP_SCALE_WITH_ALERTS = 0.7
DISCLAIMER = ("Pain maps and candidate trigger points support the therapist's assessment; they are not a diagnosis. "
              "Any red flag calls for referral to a physician. The fibromyalgia screen follows the 2016 criteria "
              "(Wolfe et al., Semin Arthritis Rheum 2016) and needs a physician to confirm. The neuro screen and the "
              "nerve comparison say which root or nerve the findings fit, to decide on referral; they do not "
              "diagnose.")


def _text(value: str) -> str:
    """Escaped, with the line breaks the therapist typed kept."""
    return escape(value).replace("\r\n", "\n").replace("\n", "<br>")


def _red_flags(visit: Visit) -> str:
    flags = [RED_FLAGS[k] for k, on in visit.red_flags.items() if on and k in RED_FLAGS]
    if not flags:
        return "<p><b>Red flags:</b> none ticked at this visit.</p>"
    items = "".join(f"<li>{escape(f)}</li>" for f in flags)
    return ("<table width='100%' border='2' cellspacing='0' cellpadding='6' style='border-color:#b00020'>"
            "<tr><td style='background-color:#fde8ea; color:#b00020'><b>RED FLAGS — refer to a physician before "
            f"treating:</b><ul>{items}</ul></td></tr></table>")


def _candidates(catalog, visit: Visit) -> str:
    pain = visit.pain
    found = catalog.candidates_for_pain({v: pain.strokes(v) for v in pain.views()}, limit=TOP_CANDIDATES)
    rows = "".join(
        f"<tr><td>{i}</td><td>{escape(catalog.trigger_point(c.trp_id).label)}</td><td>client's {escape(c.side)}</td>"
        f"<td>{'essential' if c.zone == 'essential' else 'spillover'}</td><td>{c.score:.2f}</td>"
        f"<td>{escape(c.why)}</td></tr>" for i, c in enumerate(found[:TOP_CANDIDATES], 1))
    return ("<table width='100%' border='1' cellspacing='0' cellpadding='3'><tr><th>#</th><th>Trigger point</th><th>Side</th>"
            "<th>Zone</th><th>Score</th><th>Why</th></tr>"
            f"{rows or '<tr><td colspan=6>No pain painted.</td></tr>'}</table>")


def _measures(m: VisitMetrics, visit: Visit) -> str:
    qualities = sorted({mark.quality for mark in visit.pain.all_marks()})
    regions = ", ".join(region_title(r) for r in m.wpi.regions)
    parts = [f"<p><b>Pain extent:</b> {m.total.percent:.1f}% of the body surface (client's right "
             f"{m.total.right_percent:.1f}%, left {m.total.left_percent:.1f}%); qualities: "
             f"{escape(', '.join(qualities)) or '—'}.</p>",
             f"<p><b>Widespread Pain Index (WPI):</b> {m.wpi.score}/19{' — ' + escape(regions) if regions else ''}.</p>",
             f"<p><b>Fibromyalgia screen (2016 criteria):</b> {escape(m.fibromyalgia.summary())}</p>"]
    if m.change is not None and m.verdict is not None and m.previous_date is not None:
        gained = sum(c.gained_mm2 for c in m.change.values()) / 100
        lost = sum(c.lost_mm2 for c in m.change.values()) / 100
        parts.append(f"<p><b>Since the visit of {m.previous_date:%d %b %Y}:</b> {gained:.0f} cm² new pain, {lost:.0f} cm² "
                     f"no longer painful; {escape(m.verdict.summary())}</p>")
    return "".join(parts)


def _trend(m: VisitMetrics) -> str:
    if len(m.trend) < 2:
        return "<p>First visit: the trend starts here.</p>"
    rows = "".join(f"<tr><td>{p.date:%Y-%m-%d}</td><td align=right>{(p.extent_percent or 0):.1f}%</td>"
                   f"<td align=right>{p.mean_intensity:.1f}</td><td align=right>{p.max_intensity}</td></tr>"
                   for p in m.trend[-TREND_ROWS:])
    return (f"<p><img src='trend.png' width='{MAP_WIDTH_IN_DOCUMENT}'></p>"
            "<table border='1' cellspacing='0' cellpadding='3'><tr><th>Visit</th><th>Extent</th>"
            f"<th>Mean intensity</th><th>Peak</th></tr>{rows}</table>")


def _signing(visit: Visit) -> str:
    amendments = getattr(visit, "amendments", []) or []
    signed_at = getattr(visit, "signed_at", None)
    lines = []
    if signed_at is not None:
        lines.append(f"<p><b>Signed</b> by {escape(visit.signed_by) or '—'} on {signed_at:%Y-%m-%d %H:%M}.</p>")
    for a in amendments:
        lines.append(f"<p><b>Amended</b> {a.at:%Y-%m-%d %H:%M} by {escape(a.author)}: {_text(a.reason)}</p>")
    return "".join(lines)


def report_html(catalog, client: Client, visit: Visit, metrics: VisitMetrics, clinic: str = "",
                map_width: int = MAP_WIDTH_IN_DOCUMENT, comparison: Comparison | None = None) -> str:
    findings = "".join(f"<li>{escape(catalog.trigger_point(f.trigger_point_id).label if f.trigger_point_id else f.muscle_id)}"
                       f" — client's {escape(f.side)}, {escape(f.status)}</li>" for f in visit.findings)
    treatments = "".join(f"<li>{escape(t.technique.replace('_', ' '))}, {t.duration_min:g} min"
                         f"{' — ' + _text(t.response) if t.response else ''}</li>" for t in visit.treatments)
    soap = "".join(f"<p><b>{name.capitalize()}:</b><br>{_text(visit.soap.get(name, '')) or '—'}</p>"
                   for name in SOAP_FIELDS)
    alerts = neuro_alerts_html(visit.neuro_screen, comparison)
    if alerts:
        map_width = round(map_width * MAP_SCALE_WITH_ALERTS)
    dob = f", born {client.date_of_birth:%Y-%m-%d}" if client.date_of_birth else ""
    heading = f"<h1>{escape(clinic.strip())}</h1><h2>Visit report</h2>" if clinic.strip() else "<h1>Visit report</h1>"
    return f"""
{heading}
<p><b>Client:</b> {escape(client.name)}{dob}<br><b>Visit:</b> {visit.date:%Y-%m-%d} &nbsp;·&nbsp;
<b>Therapist:</b> {escape(visit.therapist) or '—'}</p>
{_red_flags(visit)}
{alerts}
<p><b>Chief complaint:</b> {_text(visit.chief_complaint) or '—'}</p>
<p align="center"><img src="maps.png" width="{map_width}"><br>
<small>RIGHT and LEFT are the client's own sides.</small></p>
{_measures(metrics, visit)}
<h2>Leading candidate trigger points</h2>
{_candidates(catalog, visit)}
<h2>Neuro screen</h2>
{neuro_section_html(visit.neuro_screen)}
<h2>Pain over the visits</h2>
{_trend(metrics)}
<h2>Findings</h2><ul>{findings or '<li>None recorded.</li>'}</ul>
<h2>Treatment</h2><ul>{treatments or '<li>None recorded.</li>'}</ul>
<h2>Notes</h2>{soap}<p>{_text(visit.notes)}</p>
{_signing(visit)}
<br><table width='100%' cellspacing='0' cellpadding='4'><tr>
<td width='60%'>Therapist: {escape(visit.therapist) or ''}<br><br>Signature: ______________________________</td>
<td>Date: ____________________</td></tr></table>
<p><small>{escape(DISCLAIMER)} Body atlas: BodyParts3D (DBCLS), Z-Anatomy; CC BY-SA 4.0.</small></p>
"""


def write_report(out: Path, catalog, client: Client, visit: Visit, others: Sequence[Visit] = (),
                 clinic: str = "") -> None:
    """Render the report of ``visit`` (as given, saved or not) to the PDF file ``out``."""
    ensure_gui()
    metrics = summarize(body_surface(catalog), visit, others)
    document = QTextDocument()
    maps = render_pain_maps(catalog, visit)
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl("maps.png"), maps)
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl("trend.png"), render_trend(metrics.trend))
    document.setHtml(report_html(catalog, client, visit, metrics, clinic,
                                 round(maps.width() / PIXELS_PER_DOCUMENT_UNIT), nerve_comparison(catalog, visit)))
    writer = QPdfWriter(str(out))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setTitle(f"Visit report {visit.date:%Y-%m-%d}")
    writer.setCreator("Trigger Point Explorer")
    document.print_(writer)


def write_visit_report(records, catalog, visit_id: int, out: Path, clinic: str = "") -> None:
    """The stored visit's report (the CLI's entry point)."""
    visit = records.visit(visit_id)
    others = [v for v in records.visits(visit.client_id) if v.id != visit.id]
    write_report(out, catalog, records.client(visit.client_id), visit, others, clinic)
