"""The body surface remembers the full measures of the open visit's latest states only: a long
painting session does not keep every intermediate map alive."""

from __future__ import annotations

import gc
import weakref

from shapely.geometry import box

from app.domain.body_surface import MEASURES_KEPT, BodySurface
from app.domain.model import SkinArea
from app.domain.pain_map import PainMap


def test_only_the_latest_measures_keep_their_marks_alive() -> None:
    surface = BodySurface({"anterior": box(0, 0, 200, 200)}, [SkinArea("anterior", "jaw", "right", box(0, 0, 100, 200))])
    marks = []
    for step in range(MEASURES_KEPT + 8):  # states of the open visit, each measured (each stroke replaced by the next)
        pain = PainMap().paint("anterior", box(step * 4, 0, step * 4 + 3, 50), 1 + step % 10, "aching")
        surface.measure(pain, "anterior")
        marks.append(weakref.ref(pain.marks("anterior")[0]))
    latest = pain
    newest_measure = surface.measure(latest, "anterior")
    del pain
    gc.collect()
    alive = [m() is not None for m in marks]
    assert alive == [False] * 8 + [True] * MEASURES_KEPT
    assert surface.measure(latest, "anterior") is newest_measure  # the newest is still remembered


def test_a_measure_asked_for_again_is_kept_as_one_of_the_latest() -> None:
    """The open visit's map, measured again between others (the report, the trend), stays
    remembered while older ones are let go."""
    surface = BodySurface({"anterior": box(0, 0, 200, 200)}, [])
    open_visit = PainMap().paint("anterior", box(0, 100, 50, 150), 7, "sharp")
    remembered = surface.measure(open_visit, "anterior")
    for step in range(MEASURES_KEPT + 4):
        surface.measure(PainMap().paint("anterior", box(step * 4, 0, step * 4 + 3, 50), 3, "dull"), "anterior")
        assert surface.measure(open_visit, "anterior") is remembered


def test_every_skin_area_the_pain_reaches_is_measured_however_little_but_not_one_it_only_touches() -> None:
    """Whether a graze counts is the metrics' threshold (25 mm², 5 %), not the surface's: the
    surface reports a 0.9 mm² overlap, and no overlap for an area sharing only an edge."""
    skin = [SkinArea("anterior", "jaw", "right", box(0, 0, 50, 100)), SkinArea("anterior", "throat", "right", box(50, 0, 100, 100)),
            SkinArea("anterior", "anterior_chest", "right", box(0, 100, 100, 200))]
    surface = BodySurface({"anterior": box(0, 0, 100, 200)}, skin)
    pain = PainMap().paint("anterior", box(10, 10, 50.01, 100), 5, "aching")  # 0.01 mm into the throat, on the chest's edge
    overlaps = dict(surface.measure(pain, "anterior").skin_overlaps)
    assert set(overlaps) == {0, 1} and abs(overlaps[1] - 0.9) < 0.001
