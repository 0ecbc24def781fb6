"""Pain metrics of the open visit: extent, areas involved, Widespread Pain Index, the 2016
fibromyalgia screen, change since the previous visit (judged against test–retest noise) and
the trend over visits (a small chart)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from app.domain.pain_change import TrendPoint
from app.domain.visit_metrics import VisitMetrics
from app.domain.wpi import region_title


class TrendChart(QWidget):
    """Mean (line) and peak (dots) intensity per visit, 0–10."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[TrendPoint] = []
        self.setMinimumHeight(150)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 160)

    def set_points(self, points: list[TrendPoint]) -> None:
        self.points = points
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().text().color()
        plot = QRectF(34, 10, self.width() - 44, self.height() - 36)
        painter.setPen(QPen(text, 1))
        painter.drawRect(plot)
        painter.drawText(QRectF(plot.left() + 4, plot.top() + 2, plot.width() - 8, 16), Qt.AlignmentFlag.AlignRight,
                         "line: mean intensity · dots: peak")
        for level in (0, 5, 10):
            y = plot.bottom() - plot.height() * level / 10
            painter.drawText(QRectF(0, y - 8, 30, 16), Qt.AlignmentFlag.AlignRight, str(level))
        if not self.points:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No visits yet")
            return
        shown = self.points[-24:]  # the latest visits: dates stay readable
        n = len(shown)
        xs = [plot.left() + (plot.width() * (i + 0.5) / n) for i in range(n)]
        mean = [QPointF(x, plot.bottom() - plot.height() * p.mean_intensity / 10) for x, p in zip(xs, shown)]
        painter.setPen(QPen(QColor(200, 40, 30), 2))
        for a, b in zip(mean, mean[1:]):
            painter.drawLine(a, b)
        step = max(1, n // 8)
        for i, (x, p, m) in enumerate(zip(xs, shown, mean)):
            painter.setBrush(QColor(200, 40, 30))
            painter.drawEllipse(m, 3, 3)
            painter.setBrush(QColor(110, 10, 18))
            painter.drawEllipse(QPointF(x, plot.bottom() - plot.height() * p.max_intensity / 10), 2.5, 2.5)
            if i % step == 0 or i == n - 1:
                painter.setPen(QPen(text, 1))
                painter.drawText(QRectF(x - 40, plot.bottom() + 2, 80, 16), Qt.AlignmentFlag.AlignCenter,
                                 p.date.strftime("%d %b"))
            painter.setPen(QPen(QColor(200, 40, 30), 2))
        painter.end()


def metrics_html(m: VisitMetrics) -> str:
    total, per_view, wpi = m.total, m.extent, m.wpi
    rows = "".join(f"<tr><td>{escape(v.replace('_', ' '))}</td><td align=right>{e.percent:.1f}%</td>"
                   f"<td align=right>{e.right_percent:.1f}%</td><td align=right>{e.left_percent:.1f}%</td></tr>"
                   for v, e in per_view.views.items() if e.painted_mm2 > 0)
    html = [f"<h3>Pain extent: {total.percent:.1f}% of the body surface</h3>",
            f"<p>Client's right {total.right_percent:.1f}% · left {total.left_percent:.1f}% (front and back views).</p>"]
    if rows:
        html.append("<table cellspacing=6><tr><th>view</th><th>painted</th><th>right</th><th>left</th></tr>"
                    f"{rows}</table>")
    areas = ", ".join(f"{a.slug.replace('_', ' ')} ({a.side})" for a in m.areas)
    html.append(f"<p><b>Skin areas involved:</b> {len(m.areas)}{' — ' + escape(areas) if areas else ''}</p>")
    names = ", ".join(region_title(r) for r in wpi.regions)
    html.append(f"<p><b>Widespread Pain Index:</b> {wpi.score}/19{' — ' + escape(names) if names else ''}</p>")
    html.append(f"<p><b>Fibromyalgia (2016 criteria):</b> {escape(m.fibromyalgia.summary())}</p>")
    if m.change is not None and m.verdict is not None and m.previous_date is not None:
        gained = sum(c.gained_mm2 for c in m.change.values()) / 100
        lost = sum(c.lost_mm2 for c in m.change.values()) / 100
        html.append(f"<p><b>Since {m.previous_date:%d %b %Y}:</b> {gained:.0f} cm² new pain, "
                    f"{lost:.0f} cm² no longer painful; {escape(m.verdict.summary())}</p>")
    return "".join(html)


class MetricsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QTextBrowser(self)
        self.chart = TrendChart(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.chart)
        self.show_metrics(None)

    def show_metrics(self, metrics: VisitMetrics | None, waiting: bool = False) -> None:
        """The figures, or a note while they are measured (never another visit's figures)."""
        if metrics is None:
            self.text.setHtml("<p>Measuring the pain map…</p>" if waiting else
                              "<p>Open or create a visit to see its metrics.</p>")
            self.chart.set_points([])
            return
        self.text.setHtml(metrics_html(metrics))
        self.chart.set_points(metrics.trend)

    def show_failure(self, message: str) -> None:
        self.text.setHtml(f"<p style='color:#b00020'>{escape(message)}</p>")
        self.chart.set_points([])
