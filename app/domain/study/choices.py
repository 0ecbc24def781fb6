"""Multiple-choice options whose patterns clearly differ.

Two muscles whose essential zones nearly coincide ("around the coccyx" four times) cannot be
told apart from the map, so such a muscle is never offered beside the answer or beside another
option.  Similarity of two patterns: the largest IoU of their essential zones on any view both
show.  Distractors come from the answer's body region first (the plausible confusions).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

import shapely
from shapely.geometry.base import BaseGeometry

NEAR_IDENTICAL_IOU = 0.5  # patterns overlapping this much look the same on the map

Pattern = Mapping[str, BaseGeometry]  # view -> essential zone (both sides)


def pattern_similarity(a: Pattern, b: Pattern) -> float:
    best = 0.0
    for view in a.keys() & b.keys():
        ga, gb = a[view], b[view]
        if ga.is_empty or gb.is_empty or not ga.intersects(gb):
            continue
        union = shapely.union(ga, gb).area
        if union > 0:
            best = max(best, shapely.intersection(ga, gb).area / union)
    return best


def _muscle_similarity(m1: str, m2: str, patterns: Mapping[str, Sequence[Pattern]]) -> float:
    return max((pattern_similarity(p, q) for p in patterns.get(m1, ()) for q in patterns.get(m2, ())), default=0.0)


def pick_choices(answer: str, answer_pattern: Pattern, region_of: Mapping[str, str],
                 patterns: Mapping[str, Sequence[Pattern]], count: int, rng: random.Random) -> list[str]:
    """``count`` muscle ids (the answer among them, shuffled).

    ``patterns``: muscle id -> the patterns of its trigger points; ``region_of``: muscle id ->
    body region.  A muscle is left out when any of its patterns is near-identical to the
    question's pattern or to an option already taken.
    """
    same = sorted(m for m in region_of if m != answer and region_of[m] == region_of.get(answer))
    others = sorted(m for m in region_of if m != answer and region_of[m] != region_of.get(answer))
    rng.shuffle(same)
    rng.shuffle(others)
    chosen = [answer]
    for candidate in same + others:
        if len(chosen) == count:
            break
        if any(pattern_similarity(answer_pattern, p) >= NEAR_IDENTICAL_IOU for p in patterns.get(candidate, ())):
            continue
        if any(_muscle_similarity(candidate, taken, patterns) >= NEAR_IDENTICAL_IOU for taken in chosen[1:]):
            continue
        chosen.append(candidate)
    rng.shuffle(chosen)
    return chosen


def pick_distractors(key: Sequence[str], pool: Sequence[str], count: int, rng: random.Random) -> list[str]:
    """Muscles not among the key ones, for a 'pick the key muscles' card."""
    rest = sorted(set(pool) - set(key))
    return rng.sample(rest, min(count, len(rest)))
