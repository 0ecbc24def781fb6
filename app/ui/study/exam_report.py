"""The exam's score report: a summary on screen and a PDF a teacher can collect."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app.domain.study.cards import KIND_TITLES
from app.domain.study.exam import Exam
from app.storage.atomic_files import atomic_path


def summary_html(exam: Exam) -> str:
    rows = "".join(f"<tr><td>{escape(title)}</td><td align=right>{n}</td><td align=right>{score:.0%}</td></tr>"
                   for title, n, score in exam.by_kind())
    return (f"<h3>Exam finished: {exam.total:.0%}</h3><p>{escape(exam.student)} · {escape(exam.deck_name)} · "
            f"{len(exam.cards)} questions</p><table cellspacing=6><tr><th align=left>Card type</th><th>Questions</th>"
            f"<th>Mean score</th></tr>{rows}</table>")


def answers_html(exam: Exam) -> str:
    """Each question's mark and the right answer, for the screen after the exam."""
    rows = "".join(f"<tr><td>{i}.</td><td>{Exam.mark(a.score)} {a.score:.0%}</td><td>{escape(a.correct_text)}</td></tr>"
                   for i, a in enumerate(exam.answers, 1))
    return f"<p><b>The right answers</b></p><table cellspacing=4>{rows}</table>"


def report_html(exam: Exam) -> str:
    rows = []
    for i, answer in enumerate(exam.answers, 1):
        rows.append(
            f"<tr><td>{i}</td><td>{escape(KIND_TITLES[answer.card.kind])}<br><small>{escape(answer.prompt)}</small></td>"
            f"<td>{escape(answer.answer_text)}</td><td>{escape(answer.correct_text)}</td>"
            f"<td align=center>{Exam.mark(answer.score)} {answer.score:.0%}</td></tr>")
    return (
        "<html><body style='font-family:sans-serif; font-size:9pt'>"
        f"<h2>Trigger Point Explorer — exam report</h2>"
        f"<p><b>Student:</b> {escape(exam.student)}<br><b>Deck:</b> {escape(exam.deck_name)}<br>"
        f"<b>Date:</b> {exam.started_at:%Y-%m-%d %H:%M}<br><b>Questions:</b> {len(exam.cards)} "
        f"(answered {len(exam.answers)})<br><b>Total score:</b> {exam.total:.0%}</p>"
        f"{summary_html(exam).split('</p>', 1)[1]}"
        "<h3>Questions</h3><table border=1 cellspacing=0 cellpadding=4 width=100%>"
        "<tr><th>#</th><th>Question</th><th>Answer given</th><th>Right answer</th><th>Score</th></tr>"
        f"{''.join(rows)}</table>"
        "<p><small>Scores: painted zones by overlap with the essential zone (spillover half credit, paint outside "
        "the pattern penalised); clicks by distance in mm; key muscles by precision and recall; names right or "
        "wrong (typos tolerated). ✓ at least 90 %, ½ at least 50 %.</small></p></body></html>")


def write_exam_pdf(exam: Exam, path: Path) -> Path:
    """Write the report atomically (a failed write leaves no partial file and keeps the old one)."""

    def is_pdf(temp: Path) -> None:
        if not temp.read_bytes()[:5] == b"%PDF-":
            raise ValueError("the report did not come out as a PDF")

    with atomic_path(path, mode=0o644, check=is_pdf) as temp:
        writer = QPdfWriter(str(temp))
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
        writer.setTitle(f"Exam report: {exam.student}")
        document = QTextDocument()
        document.setHtml(report_html(exam))
        document.print_(writer)
        del writer
    return path
