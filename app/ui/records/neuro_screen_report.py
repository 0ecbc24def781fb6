"""The visit report's neuro parts: the alerts at the top (the screen's red flags; the pain fitting
a root or nerve better than any trigger point, from NerveService.compare) and the "Neuro screen"
section listing only what was tested, abnormal findings first."""

from __future__ import annotations

import logging
import sqlite3
import weakref
from collections.abc import Mapping
from html import escape
from typing import Any

from app.domain import neuro_screen as ns
from app.domain.nerves import PainMark
from app.domain.records import Visit
from app.services.nerve_service import Comparison, NerveService, nerve_service_for
from app.storage.catalog_errors import CatalogUnavailable

log = logging.getLogger(__name__)
ABNORMAL_STYLE = "color:#b00020"
# One nerve layer per open catalog: its territories load once, not at every report.
_nerve_services: weakref.WeakKeyDictionary[Any, NerveService] = weakref.WeakKeyDictionary()


def nerve_comparison(catalog, visit: Visit) -> Comparison | None:
    """The painted pain seen both ways, or None (nothing painted, or no nerve data to compare with)."""
    marks = [PainMark(m.view, m.geometry, m.intensity, m.quality) for m in visit.pain.all_marks()]
    if not marks:
        return None
    try:
        if catalog not in _nerve_services:
            _nerve_services[catalog] = nerve_service_for(catalog)
        return _nerve_services[catalog].compare(marks)
    except (CatalogUnavailable, KeyError, sqlite3.Error) as exc:  # KeyError: UnknownId (a view it lacks)
        log.warning("no nerve comparison in the report: %s", exc)
        return None


def nerve_side_wins(comparison: Comparison | None) -> bool:
    """The best root or nerve territory fits the pain better than every trigger-point pattern."""
    if comparison is None or not comparison.nerve_fits:
        return False
    best_trp = comparison.trp_candidates[0].score if comparison.trp_candidates else None
    return best_trp is None or comparison.nerve_fits[0].score > best_trp


def _box(title: str, lines: list[str], border: str, background: str) -> str:
    items = "".join(f"<li>{escape(line, quote=False)}</li>" for line in lines)
    return (f"<table width='100%' border='2' cellspacing='0' cellpadding='6' style='border-color:{border}'>"
            f"<tr><td style='background-color:{background}; color:{border}'><b>{escape(title)}</b>"
            f"<ul>{items}</ul></td></tr></table>")


def neuro_alerts_html(screen: Mapping[str, Any], comparison: Comparison | None) -> str:
    """Red flags of the screen (red box) and the nerve-side fit of the pain (amber box), or ''."""
    summary = ns.summarize(screen)
    parts = []
    if summary.red_flags:
        parts.append(_box("NEURO-SCREEN RED FLAGS — refer to a physician before treating:", summary.red_flags,
                          "#b00020", "#fde8ea"))
    if nerve_side_wins(comparison):
        assert comparison is not None
        top = comparison.nerve_fits[0]
        lines = [comparison.summary]
        sides = [side for side in ns.SIDES if any(fit.startswith(f"Findings fit {top.id} on the client's {side}")
                                                    for fit in summary.fits)]
        if summary.empty:
            lines.append("No neuro screen was recorded at this visit: screen before treating.")
        elif sides:
            lines.append(f"The neuro screen's findings fit {top.id} too (client's {' and '.join(sides)}): "
                         "refer for assessment.")
        parts.append(_box(f"PAIN PATTERN (client's {top.side}):", lines, "#8a4b00", "#fff3e0"))
    return "".join(parts)


def _row(test: str, site: str, cells: dict[str, ns.Finding]) -> str:
    first = next(iter(cells.values()))
    tds = []
    for side in ns.SIDES:
        f = cells.get(side)
        if f is None:
            tds.append("<td>not tested</td>")
        elif f.abnormal:
            tds.append(f"<td style='{ABNORMAL_STYLE}'><b>{escape(f.value_label)}</b></td>")
        else:
            tds.append(f"<td>{escape(f.value_label)}</td>")
    return f"<tr><td>{escape(ns.TEST_TITLES[test])}</td><td>{escape(first.site_label)}</td>{''.join(tds)}</tr>"


def neuro_section_html(screen: Mapping[str, Any]) -> str:
    """Only what was tested: the fits, then a table with the rows holding an abnormal finding first."""
    summary = ns.summarize(screen)
    if summary.empty:
        return "<p>No neuro screen recorded at this visit.</p>"
    rows: dict[tuple[str, str], dict[str, ns.Finding]] = {}
    for f in ns.findings(screen):
        rows.setdefault((f.test, f.site), {})[f.side] = f
    ordered = sorted(rows.items(), key=lambda item: not any(f.abnormal for f in item[1].values()))  # stable
    parts = [f"<p><b>{escape(fit, quote=False)}</b></p>" for fit in summary.fits]
    if rows:
        parts.append("<table width='100%' border='1' cellspacing='0' cellpadding='3'><tr><th>Test</th><th>Where</th>"
                     "<th>Client's left</th><th>Client's right</th></tr>"
                     + "".join(_row(test, site, cells) for (test, site), cells in ordered) + "</table>")
    if summary.slr_angles:
        angles = ", ".join(f"client's {side} {degrees}°" for side, degrees in summary.slr_angles.items())
        parts.append(f"<p><b>Straight-leg raise angle:</b> {escape(angles)}.</p>")
    if summary.note:
        parts.append(f"<p><b>Note:</b> {escape(summary.note).replace(chr(10), '<br>')}</p>")
    return "".join(parts)
