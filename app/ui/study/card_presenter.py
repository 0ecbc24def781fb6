"""Asking one card at a time on the body map and the question panel, scoring the answer and
showing the feedback.  Holds the question being asked; the window holds decks and profiles."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QColor

from app.domain.study.cards import CONDITION, KIND_TITLES, LOCATE, NAME, PAINT, Card
from app.domain.study.pattern_svg import crop_box
from app.paths import assets_dir
from app.services.study_questions import Outcome, Question
from app.services.study_service import StudyService
from app.ui.body_map import BodyMapView
from app.ui.explorer import _SIDE_LABELS
from app.ui.records.pain_layer import PainLayer
from app.ui.records.paint_tools import BrushTool
from app.ui.study.feedback_overlay import (
    draw_click_feedback, draw_condition_feedback, draw_paint_feedback, draw_pattern,
)
from app.ui.study.paint_answer import PaintAnswer
from app.ui.study.question_panel import QuestionPanel

CONDITION_COLORS = ["#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"]
_MAP_HINTS = {
    PAINT: "Paint with the brush (drag on the map); switch views in the toolbar; Ctrl+Z undoes a stroke. "
           "Scroll to zoom. Then press Check answer.",
    LOCATE: "Click on the map where the trigger point lies (switch views or layers in the toolbar, scroll to "
            "zoom). Then press Check answer.",
}


class CardPresenter(QObject):
    sig_answered = Signal(object)
    """The student answered the current card: the scored Outcome."""
    sig_asked = Signal(object)
    """A new card (Card) is on screen."""
    sig_view_changed = Signal(str, str)
    """The map now shows this view and layer."""

    def __init__(self, service: StudyService, body_map: BodyMapView, panel: QuestionPanel,
                 brush_size, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.map = body_map
        self.panel = panel
        self.paint = PaintAnswer(lambda view: service.catalog.views[view].outline, self)
        self.pain_layer = PainLayer(body_map.scene())
        self.brush = BrushTool(lambda shape, stroke, erase: self.paint.stroke(self.view, shape, stroke, erase),
                               brush_size)
        self.eraser = BrushTool(lambda shape, stroke, erase: self.paint.stroke(self.view, shape, stroke, erase),
                                brush_size, erase=True)
        self.question: Question | None = None
        self.outcome: Outcome | None = None
        self.show_feedback = True  # exams keep the answer hidden until the end
        self.click: tuple[str, float, float] | None = None
        self.view, self.layer = "anterior", "superficial"
        self.paint.sig_changed.connect(self.redraw)
        body_map.sig_clicked.connect(self._clicked)
        panel.sig_choice.connect(self.answer_choice)
        panel.sig_typed.connect(self.answer_typed)
        panel.sig_check.connect(self.check)

    # Map ----------------------------------------------------------------------------------------
    def set_view(self, view: str, layer: str | None = None, box: tuple[float, float, float, float] | None = None) -> None:
        spec = self.service.catalog.views[view]
        self.view = view
        self.layer = layer if layer in spec.layers else (self.layer if self.layer in spec.layers else spec.layers[0])
        self.map.show_atlas(assets_dir() / f"{view}_{self.layer}.svg", None, spec.width, spec.height,
                            _SIDE_LABELS.get(view))
        if box is not None:
            x0, y0, x1, y1 = box
            self.map.focus_on(QRectF(x0, y0, x1 - x0, y1 - y0), margin=30.0)
        else:
            self.map.fit()
        self.redraw()
        self.sig_view_changed.emit(self.view, self.layer)

    def set_tool(self, erase: bool) -> None:
        if self.question is not None and self.question.card.kind == PAINT and self.outcome is None:
            self.map.set_tool(self.eraser if erase else self.brush)

    def redraw(self) -> None:
        self.map.clear_pattern()
        self.pain_layer.clear()
        q = self.question
        if q is None:
            return
        pattern = self.service.study.patterns.get(q.card.target)
        if self.outcome is None or not self.show_feedback:
            if q.card.kind == NAME and self.view == q.view:
                draw_pattern(self.map, pattern, q.view, q.side)
            elif q.card.kind == PAINT:
                self.pain_layer.show(self.paint.pain, self.view)
            elif q.card.kind == LOCATE and self.click is not None and self.click[0] == self.view:
                draw_condition_feedback(self.map, [("Your click", _dot(self.click), QColor(20, 90, 220, 230))])
            return
        kind = q.card.kind
        if kind == NAME:
            draw_pattern(self.map, pattern, self.view)
        elif kind == PAINT:
            draw_paint_feedback(self.map, self.outcome.paint.overlays.get(self.view), pattern, self.view)
        elif kind == LOCATE:
            draw_click_feedback(self.map, pattern, self.view, self.click)
        elif kind == CONDITION:
            zones = []
            for i, muscle_id in enumerate(self.service.study.key_muscles(q.card.target)):
                shapes = [p.get(self.view) for p in self.service.study.muscle_patterns.get(muscle_id, [])]
                shapes = [s for s in shapes if s is not None and not s.is_empty]
                if shapes:
                    from shapely import union_all

                    zones.append((self.service.catalog.muscle(muscle_id).name, union_all(shapes),
                                  QColor(CONDITION_COLORS[i % len(CONDITION_COLORS)]).lighter(110)))
            draw_condition_feedback(self.map, [(n, s, _alpha(c)) for n, s, c in zones])

    # Asking ---------------------------------------------------------------------------------------
    def ask(self, card: Card, seed: int, session_text: str = "") -> Question:
        q = self.service.question(card, seed)
        self.question, self.outcome, self.click = q, None, None
        self.paint.reset()
        title = KIND_TITLES[card.kind]
        if card.kind == NAME:
            self.panel.ask_choice(title, q.prompt, list(q.choices))
        elif card.kind == CONDITION:
            self.panel.ask_options(title, q.prompt, list(q.choices))
        else:
            self.panel.ask_on_map(title, q.prompt, _MAP_HINTS[card.kind])
        self.map.set_tool(self.brush if card.kind == PAINT else None)
        self.panel.session.setText(session_text)
        self.set_view(q.view, q.layer, q.box)
        self.sig_asked.emit(card)
        return q

    def stop(self, text: str) -> None:
        self.question, self.outcome = None, None
        self.map.set_tool(None)
        self.paint.reset()
        self.panel.show_idle(text)
        self.redraw()
        self.map.fit()  # back to the whole body: no question is zoomed in on any more

    # Answers ----------------------------------------------------------------------------------------
    def _clicked(self, x: float, y: float) -> None:
        if self.question is not None and self.question.card.kind == LOCATE and self.outcome is None:
            self.click = (self.view, x, y)
            self.redraw()

    def answer_choice(self, muscle_id: str) -> None:
        if self.question is not None and self.outcome is None and self.question.card.kind == NAME:
            self._finish(self.service.questions.answer_choice(self.question, muscle_id), wrong=muscle_id)

    def answer_typed(self, text: str) -> None:
        if self.question is None or self.outcome is not None or self.question.card.kind != NAME:
            return
        if not text.strip():
            self.panel.feedback.setText("Type a muscle's name first (or pick one of the buttons).")
            return
        self._finish(self.service.questions.answer_typed(self.question, text))

    def check(self) -> None:
        q = self.question
        if q is None or self.outcome is not None:
            return
        if q.card.kind == PAINT:
            painted = self.paint.by_view()
            if not painted:
                self.panel.feedback.setText("Paint the essential zone on the map first (drag with the brush).")
                return
            self._finish(self.service.questions.answer_paint(q, painted))
        elif q.card.kind == LOCATE:
            if self.click is None:
                self.panel.feedback.setText("Click on the map where the trigger point lies first.")
                return
            self._finish(self.service.questions.answer_click(q, *self.click))
        elif q.card.kind == CONDITION:
            self._finish(self.service.questions.answer_selection(q, self.panel.ticked()))

    def _finish(self, outcome: Outcome, wrong: str | None = None) -> None:
        self.outcome = outcome
        self.map.set_tool(None)
        self.paint.undo_stack.clear()  # the answer is judged: undoing a stroke now would change nothing
        self.sig_answered.emit(outcome)
        if not self.show_feedback:
            return
        q = outcome.card
        right = self.service.catalog.trigger_point(q.target).muscle_id if q.kind == NAME else None
        key = set(self.service.study.key_muscles(q.target)) if q.kind == CONDITION else None
        colour = "#2e7d32" if outcome.score >= 0.7 else "#ef6c00" if outcome.score >= 0.5 else "#c62828"
        html = (f"<p style='font-size:16px'><b style='color:{colour}'>Score {outcome.score:.0%} — {outcome.grade_name}"
                f"</b></p><p>{escape(outcome.feedback)}</p><p><b>Answer:</b> {escape(outcome.answer_text)}</p>")
        self.panel.reveal(html, right_choice=right, wrong_choice=wrong if wrong != right else None, key=key)
        if q.kind == LOCATE and self.click is not None:
            pattern = self.service.study.patterns[q.target]
            if self.view not in pattern.placements:
                self.set_view(self.question.view, self.question.layer, self.question.box)
                return
        if q.kind == PAINT and outcome.paint is not None and self.view not in outcome.paint.overlays and outcome.paint.overlays:
            self.set_view(next(iter(outcome.paint.overlays)))
        self.redraw()
        self._zoom_to_feedback(outcome)

    def _zoom_to_feedback(self, outcome: Outcome) -> None:
        """Bring the judged answer and the right one into view together (a hand's zone is a few
        pixels on the whole body), still with landmarks around them (crop_box's minimum size)."""
        pattern = self.service.study.patterns.get(outcome.card.target)
        if pattern is None or outcome.card.kind not in (PAINT, LOCATE):
            return
        zones = pattern.both_sides(self.view)
        shapes = [zones.essential, zones.spillover]
        points = [(x, y) for x, y, _s in pattern.placements.get(self.view, [])]
        if outcome.paint is not None and self.view in outcome.paint.overlays:
            overlay = outcome.paint.overlays[self.view]
            shapes += [overlay.hit, overlay.spillover, overlay.extra]
        if self.click is not None and self.click[0] == self.view:
            points.append((self.click[1], self.click[2]))
        spec = self.service.catalog.views[self.view]
        x0, y0, w, h = crop_box(shapes, points, spec.width, spec.height)
        self.map.focus_on(QRectF(x0, y0, w, h), margin=20.0)


def _dot(click: tuple[str, float, float]):
    from shapely.geometry import Point

    return Point(click[1], click[2]).buffer(5.0)


def _alpha(color: QColor) -> QColor:
    color = QColor(color)
    color.setAlpha(170)
    return color
