"""Nerve roots (dermatomes) and cutaneous nerves, and how well a pain map fits each territory.

The fit is the same overlap idea as the trigger-point ranking (ranking.py): the share of the pain
inside the territory and the share of the territory that hurts, on the view where they agree best.
What weighs towards a nerve cause -- numb, tingling, burning or shooting pain, and a long, narrow,
limb-following (dermatomal) shape -- raises the score a little and is said in the "why".
The words never diagnose: a fit is a reason to screen and, when the screen says so, to refer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import shapely
from shapely.geometry.base import BaseGeometry

ROOT_ORDER: tuple[str, ...] = (
    "C2", "C3", "C4", "C5", "C6", "C7", "C8",
    *(f"T{i}" for i in range(1, 13)), "L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4-5",
)
NEURAL_QUALITIES = frozenset({"numbness", "tingling", "burning", "shooting"})
# Same meaning as in ranking.py: below this share (of the pain or of the territory) the overlap is
# only a graze; the fit shrinks in proportion.
MEANINGFUL_OVERLAP = 0.08
PAIN_COVERED_WEIGHT = 0.625
PATTERN_COVERED_WEIGHT = 0.375
COVERAGE_FLOOR = 0.6
# Fits where neither share reaches this are dropped (a territory's edge brushing the pain).
MIN_SHARE = 0.02
# Without neural qualities or a dermatomal shape, a nerve territory gets this share of its fit:
# myofascial pain is the commoner story, so geometry alone weighs a little less on the nerve side.
BASE_WEIGHT = 0.85
QUALITY_WEIGHT = 0.10
SHAPE_WEIGHT = 0.05
# A pain at least this many times longer than wide, mostly on a limb, has a dermatomal shape.
DERMATOMAL_ASPECT = 3.0
# Scores (0-1) closer than this are reported as fitting about as well (the verdict's wording).
CLOSE_FIT = 0.05


@dataclass(frozen=True)
class Entrapment:
    site: str
    muscle_id: str | None
    note: str | None


@dataclass(frozen=True)
class Root:
    id: str
    name: str
    level: str
    key_point_text: str
    key_muscle_text: str | None
    key_muscles: tuple[str, ...]
    reflex: str | None
    note: str
    source_ref: str
    source_chapter: str | None
    key_source_ref: str


@dataclass(frozen=True)
class Nerve:
    id: str
    name: str
    roots: tuple[str, ...]
    region: str
    description: str
    entrapments: tuple[Entrapment, ...]
    source_ref: str
    source_chapter: str | None


@dataclass(frozen=True)
class Territory:
    kind: str  # root | nerve
    ref: str
    view: str
    side: str
    geometry: BaseGeometry


@dataclass(frozen=True)
class PainMark:
    view: str
    geometry: BaseGeometry
    intensity: float = 5.0
    quality: str = "aching"


@dataclass(frozen=True)
class NerveFit:
    kind: str
    id: str
    name: str
    side: str
    view: str
    score: float
    pain_covered: float
    pattern_covered: float
    neural_share: float  # share of the pain (by area) described as numb, tingling, burning or shooting
    dermatomal: bool

    @property
    def what(self) -> str:
        """'the L5 dermatome', 'the median nerve territory'."""
        if self.kind == "root":
            return f"the {self.id} dermatome"
        short = self.name.split(" (")[0]
        return f"the {short[0].lower()}{short[1:]} territory"

    @property
    def why(self) -> str:
        what = self.what
        text = (f"{share_text(self.pain_covered).capitalize()} of the pain lies in {what}; the pain fills "
                f"{share_text(self.pattern_covered)} of it "
                f"on the {self.view.replace('_', ' ')} view.")
        if self.neural_share >= 0.05:
            text += f" {self.neural_share:.0%} of the pain is numb, tingling, burning or shooting, which weighs towards a nerve."
        if self.dermatomal:
            text += " Its long, narrow shape along the limb is dermatomal."
        return text


def share_text(share: float) -> str:
    """'37%', or 'under 1%' for a share that is there but rounds to 0 (a listed fit never says '0%')."""
    return "under 1%" if 0 < share < 0.005 else f"{share:.0%}"


def fit_score(pain_covered: float, pattern_covered: float, neural_share: float, dermatomal: bool) -> float:
    strength = min(1.0, max(pain_covered, pattern_covered) / MEANINGFUL_OVERLAP)
    coverage = PAIN_COVERED_WEIGHT * pain_covered + PATTERN_COVERED_WEIGHT * pattern_covered
    fit = 0.5 * strength + 0.5 * strength * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage)
    weight = BASE_WEIGHT + QUALITY_WEIGHT * neural_share + (SHAPE_WEIGHT if dermatomal else 0.0)
    return round(fit * weight, 4)


def is_dermatomal(shape: BaseGeometry, limb: BaseGeometry | None) -> bool:
    """Long and narrow (minimum rotated rectangle at least DERMATOMAL_ASPECT:1), and mostly on a limb."""
    if shape.is_empty or shape.area <= 0:
        return False
    rect = shapely.minimum_rotated_rectangle(shape)
    xs, ys = rect.exterior.coords.xy
    sides = sorted(((xs[i + 1] - xs[i]) ** 2 + (ys[i + 1] - ys[i]) ** 2) ** 0.5 for i in range(2))
    if sides[0] <= 0 or sides[1] / sides[0] < DERMATOMAL_ASPECT:
        return False
    return limb is None or shapely.intersection(shape, limb).area >= 0.5 * shape.area


def rank_nerves(marks: Sequence[PainMark], territories: Sequence[Territory], names: Mapping[tuple[str, str], str],
                limbs: Mapping[str, BaseGeometry] | None = None) -> list[NerveFit]:
    """Roots and nerves whose territory the pain reaches, best first (one entry per id and side)."""
    by_view: dict[str, list[PainMark]] = {}
    for m in marks:
        if not m.geometry.is_empty and m.geometry.area > 0:
            by_view.setdefault(m.view, []).append(m)
    pain = {v: shapely.union_all([m.geometry for m in ms]) for v, ms in by_view.items()}
    total = sum(m.geometry.area for m in marks if m.view in by_view)
    neural = sum(m.geometry.area for ms in by_view.values() for m in ms if m.quality in NEURAL_QUALITIES)
    neural_share = neural / total if total else 0.0
    dermatomal = {v: is_dermatomal(shape, (limbs or {}).get(v)) for v, shape in pain.items()}
    best: dict[tuple[str, str, str], NerveFit] = {}
    for t in territories:
        shape = pain.get(t.view)
        if shape is None or not shape.intersects(t.geometry):
            continue
        overlap = shapely.intersection(shape, t.geometry).area
        if overlap <= 0:
            continue
        pain_covered, pattern_covered = overlap / shape.area, overlap / t.geometry.area
        if max(pain_covered, pattern_covered) < MIN_SHARE:
            continue  # an edge touching the pain is no fit
        s = fit_score(pain_covered, pattern_covered, neural_share, dermatomal[t.view])
        key = (t.kind, t.ref, t.side)
        if key not in best or s > best[key].score:
            best[key] = NerveFit(t.kind, t.ref, names.get((t.kind, t.ref), t.ref), t.side, t.view, s,
                                 round(pain_covered, 4), round(pattern_covered, 4), round(neural_share, 4),
                                 dermatomal[t.view])
    return sorted(best.values(), key=lambda f: (-f.score, f.kind, f.id, f.side))


def verdict(nerve_fits: Sequence[NerveFit], best_trp_score: float | None, best_trp_label: str | None = None) -> str:
    """One sentence for the therapist comparing the best nerve fit with the best trigger point.
    Never a diagnosis: it says what fits, how clearly, and what to do (screen, refer when the
    screen says so).  Scores within ``CLOSE_FIT`` of each other are "about as well": saying one
    fits better on a hair's difference would overstate, and "at least as well" for a clear lead
    would understate it."""
    if not nerve_fits:
        return "The pain lies in no dermatome or cutaneous-nerve territory on record."
    top = nerve_fits[0]
    what = top.what
    screen = ("screen (light touch and pinprick at the key point, key-muscle strength, reflexes, neural tension tests) "
              "and refer if there is numbness, weakness, a changed reflex, or pain that keeps spreading")
    trp = best_trp_label or "a trigger-point pattern"
    if best_trp_score is None or top.score > best_trp_score + CLOSE_FIT:
        return f"Fits {what} better than any trigger-point pattern: {screen}."
    if top.score > best_trp_score:
        return f"Fits {what} a little better than {trp}: {screen}."
    how = "better than" if best_trp_score > top.score + CLOSE_FIT else "about as well as"
    return f"{trp} fits {how} {what}; if symptoms are neural (numb, tingling, shooting), {screen}."
