"""Turning a card into a question, and an answer into a scored outcome."""

from __future__ import annotations

import random
from dataclasses import dataclass

from shapely.geometry.base import BaseGeometry

from app.domain.study.answer_scoring import ClickScore, SetScore, score_click, score_selection, score_typed
from app.domain.study.cards import CONDITION, LOCATE, NAME, PAINT, Card
from app.domain.study.choices import pick_choices, pick_distractors
from app.domain.study.grades import GRADE_NAMES, grade_for
from app.domain.study.paint_scoring import PaintScore, score_painting
from app.domain.study.pattern_svg import crop_box
from app.domain.vocabulary import VIEWS
from app.services.study_catalog import StudyCatalog

CHOICES = 4
CONDITION_OPTIONS = 10
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in the view's mm


@dataclass(frozen=True)
class Question:
    card: Card
    prompt: str
    view: str  # the view shown first
    layer: str
    box: Box | None  # the part of the body to show (None: the whole view)
    side: str  # the side whose pattern is shown (name cards)
    choices: tuple[tuple[str, str], ...] = ()  # (muscle id, name)
    answer_text: str = ""


@dataclass(frozen=True)
class Outcome:
    card: Card
    score: float
    feedback: str
    answer_text: str
    given: str  # the student's answer in words
    paint: PaintScore | None = None
    click: ClickScore | None = None
    click_at: tuple[str, float, float] | None = None
    selection: SetScore | None = None

    @property
    def grade(self) -> int:
        return grade_for(self.score)

    @property
    def grade_name(self) -> str:
        return GRADE_NAMES[self.grade]


def _box(x: float, y: float, w: float, h: float) -> Box:
    return (x, y, x + w, y + h)


class QuestionMaker:
    def __init__(self, study: StudyCatalog) -> None:
        self.study = study
        self.catalog = study.catalog

    def answer_text(self, card: Card) -> str:
        if card.kind == CONDITION:
            names = [self.catalog.muscle(m).name for m in self.study.key_muscles(card.target)]
            return f"{self.catalog.condition(card.target).name}: key muscles {', '.join(names)}."
        trp = self.catalog.trigger_point(card.target)
        title = self.study.trp_title(card.target)
        if card.kind == LOCATE:
            return f"{title} — {trp.location_text}"
        return f"{title}. Lies: {trp.location_text.rstrip('.')}. Essential zone: {trp.essential_text.rstrip('.')}."

    def question(self, card: Card, seed: int = 0) -> Question:
        rng = random.Random(f"{seed}:{card.key}")
        answer = self.answer_text(card)
        if card.kind == CONDITION:
            key = self.study.key_muscles(card.target)
            pool = [m.id for m in self.catalog.muscles()]
            linked = {l.muscle_id for l in self.catalog.condition(card.target).links}
            options = key + pick_distractors(key, [m for m in pool if m not in linked], CONDITION_OPTIONS - len(key), rng)
            rng.shuffle(options)
            name = self.catalog.condition(card.target).name
            return Question(card, f"{name}: which muscles are key to check? Tick all that apply.", "anterior",
                            "superficial", None, "", tuple((m, self.catalog.muscle(m).name) for m in options), answer)
        trp = self.catalog.trigger_point(card.target)
        pattern = self.study.patterns[card.target]
        title = self.study.trp_title(card.target)
        if card.kind == NAME:
            view = self.study.best_view(card.target) or VIEWS[0]
            side = "right" if view in pattern.zones.get("right", {}) else next(iter(pattern.zones))
            zones = pattern.zones[side][view]
            marks = [(x, y) for x, y, s in pattern.placements.get(view, []) if s == side]
            spec = self.catalog.views[view]
            box = _box(*crop_box([zones.essential, zones.spillover], marks, spec.width, spec.height))
            answer_pattern = {v: pattern.both_sides(v).essential for v in pattern.essential_views()}
            options = pick_choices(trp.muscle_id, answer_pattern, self.study.region_of, self.study.muscle_patterns,
                                   CHOICES, rng)
            return Question(card, "Which muscle's trigger point refers pain in this pattern? Pick one, or type its name.",
                            view, "superficial", box, side,
                            tuple((m, self.catalog.muscle(m).name) for m in options), answer)
        if card.kind == PAINT:
            view = self.study.best_view(card.target) or VIEWS[0]
            return Question(card, f"Paint the essential zone of {title} (either side, any view).", view, "superficial",
                            None, "", (), answer)
        views = [v for v in VIEWS if v in pattern.placements]
        view = views[0]
        layer = next((p.layer for p in self.catalog.placements_for([card.target]).get(card.target, [])
                      if p.view == view and p.layer), "superficial")
        region = self.study.region_of.get(trp.muscle_id, "")
        box = self.study.region_box(region, view)
        if box is not None:  # the muscle's whole body region (not centred on the answer), with context
            x0, y0, x1, y1 = box
            box = (x0 - 120, y0 - 120, x1 + 120, y1 + 120)
        return Question(card, f"Click where {title} lies (either side).", view, layer or "superficial", box, "",
                        (), answer)

    # Scoring ----------------------------------------------------------------------------------
    def answer_choice(self, question: Question, muscle_id: str) -> Outcome:
        trp = self.catalog.trigger_point(question.card.target)
        right = muscle_id == trp.muscle_id
        given = self.catalog.muscle(muscle_id).name if muscle_id in self.study.region_of else muscle_id
        feedback = "Correct." if right else f"Not {given}."
        return Outcome(question.card, 1.0 if right else 0.0, feedback, question.answer_text, given)

    def answer_typed(self, question: Question, typed: str) -> Outcome:
        trp = self.catalog.trigger_point(question.card.target)
        names = {m.id: (m.name, m.name.split(" (")[0], m.latin, m.id.replace("_", " ")) for m in self.catalog.muscles()}
        result = score_typed(typed, trp.muscle_id, names)
        if result.score:
            feedback = f"Correct (read as {self.catalog.muscle(trp.muscle_id).name})."
        elif result.matched:
            feedback = f"“{typed.strip()}” reads as {self.catalog.muscle(result.matched).name}: not this pattern."
        else:
            feedback = f"“{typed.strip()}” matches no muscle name closely enough."
        return Outcome(question.card, result.score, feedback, question.answer_text, typed.strip())

    def answer_paint(self, question: Question, paint: dict[str, BaseGeometry]) -> Outcome:
        pattern = self.study.patterns[question.card.target]
        result = score_painting(paint, pattern.zones)
        views = ", ".join(v.replace("_", " ") for v, g in paint.items() if not g.is_empty) or "nothing"
        return Outcome(question.card, result.score, result.feedback, question.answer_text,
                       f"painted on {views}", paint=result)

    def answer_click(self, question: Question, view: str, x: float, y: float) -> Outcome:
        pattern = self.study.patterns[question.card.target]
        result = score_click(x, y, [(px, py) for px, py, _s in pattern.placements.get(view, [])])
        return Outcome(question.card, result.score, result.feedback, question.answer_text,
                       f"clicked on the {view.replace('_', ' ')} view", click=result, click_at=(view, x, y))

    def answer_selection(self, question: Question, picked: list[str]) -> Outcome:
        result = score_selection(picked, self.study.key_muscles(question.card.target))
        names = ", ".join(self.catalog.muscle(m).name for m in picked) or "none"
        return Outcome(question.card, result.score, result.feedback, question.answer_text, names, selection=result)
