"""A student's progress: due cards, retention, streak, weakest regions and a 30-day chart."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.domain.study.progress import Progress


class DailyChart(QWidget):
    """Bars: reviews per day; dots: that day's mean score (right axis, 0–100 %)."""

    def __init__(self, daily, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.daily = daily
        self.setMinimumSize(520, 220)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(620, 240)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().text().color()
        left, right, top, bottom = 36.0, 40.0, 12.0, 28.0
        plot = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        painter.setPen(QPen(text, 1))
        painter.drawRect(plot)
        most = max([n for _d, n, _s in self.daily] + [1])
        width = plot.width() / max(1, len(self.daily))
        painter.drawText(QRectF(0, plot.top() - 6, left - 4, 14), Qt.AlignmentFlag.AlignRight, str(most))
        painter.drawText(QRectF(0, plot.bottom() - 8, left - 4, 14), Qt.AlignmentFlag.AlignRight, "0")
        painter.drawText(QRectF(plot.right() + 4, plot.top() - 6, right, 14), Qt.AlignmentFlag.AlignLeft, "100%")
        for i, (day, count, score) in enumerate(self.daily):
            x = plot.left() + i * width
            if count:
                h = plot.height() * count / most
                painter.fillRect(QRectF(x + 2, plot.bottom() - h, width - 4, h), QColor(70, 130, 200))
                y = plot.bottom() - plot.height() * score
                painter.setBrush(QColor(230, 120, 0))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawEllipse(QRectF(x + width / 2 - 4, y - 4, 8, 8))
                painter.setPen(QPen(text, 1))
            last = len(self.daily) - 1
            if i == last or (i % 7 == 0 and last - i >= 4):  # weekly labels; the last never overlaps one
                painter.drawText(QRectF(x - 20, plot.bottom() + 4, width + 40, 16), Qt.AlignmentFlag.AlignHCenter,
                                 day.strftime("%d %b"))
        painter.end()


class ProgressDialog(QDialog):
    def __init__(self, student: str, progress: Progress, deck_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Progress — {student}")
        retention = f"{progress.retention:.0%}" if progress.retention is not None else "no reviews yet"
        weakest = "".join(f"<li>{region}: {score:.0%} mean score ({n} reviews)</li>"
                          for region, score, n in progress.weakest) or "<li>no reviews yet</li>"
        self.summary = QLabel(
            f"<h3>{student} — {deck_name}</h3>"
            f"<p>Due now: <b>{progress.due}</b> · new cards: {progress.new} · reviews: {progress.reviews}<br>"
            f"Retention (reviews not graded Again): <b>{retention}</b> · streak: <b>{progress.streak_days}</b> day(s)</p>"
            f"<p><b>Weakest regions</b></p><ol>{weakest}</ol>"
            "<p>Last 30 days: reviews per day (blue bars), mean score (orange dots).</p>", self)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.chart = DailyChart(progress.daily, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart, 1)
        layout.addWidget(buttons)
