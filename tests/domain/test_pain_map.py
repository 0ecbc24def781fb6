from __future__ import annotations

import pytest
from shapely.geometry import Point, box

from app.domain.pain_map import PainMap, PainMapError


def _areas(pain: PainMap, view: str = "anterior") -> list[tuple[int, str, float]]:
    return [(m.intensity, m.quality, round(m.area, 6)) for m in pain.marks(view)]


def test_newest_stroke_wins_and_marks_never_overlap() -> None:
    pain = PainMap().paint("anterior", box(0, 0, 10, 10), 4, "aching")
    pain = pain.paint("anterior", box(5, 0, 15, 10), 8, "burning")
    assert _areas(pain) == [(4, "aching", 50.0), (8, "burning", 100.0)]
    marks = pain.marks("anterior")
    assert marks[0].geometry.intersection(marks[1].geometry).area == 0


def test_stroke_is_clipped_to_the_outline() -> None:
    pain = PainMap().paint("posterior", box(-5, -5, 5, 5), 3, "dull", outline=box(0, 0, 100, 100))
    assert _areas(pain, "posterior") == [(3, "dull", 25.0)]
    outside = pain.paint("posterior", box(200, 200, 210, 210), 3, "dull", outline=box(0, 0, 100, 100))
    assert outside is pain  # nothing inside the body: no change, same snapshot


def test_erase_subtracts_and_removes_emptied_marks() -> None:
    pain = PainMap().paint("anterior", box(0, 0, 10, 10), 5, "sharp")
    pain = pain.paint("anterior", box(20, 0, 30, 10), 6, "sharp")
    erased = pain.erase("anterior", box(0, 0, 10, 5))
    assert _areas(erased) == [(5, "sharp", 50.0), (6, "sharp", 100.0)]
    assert _areas(erased.erase("anterior", box(0, 0, 10, 10))) == [(6, "sharp", 100.0)]
    assert erased.erase("anterior", box(-100, -100, 100, 100)).is_empty()


def test_slivers_under_one_square_millimetre_are_dropped() -> None:
    pain = PainMap().paint("anterior", box(0, 0, 10, 10), 5, "aching")
    # Leaves a 10 x 0.05 mm strip (0.5 mm²) of the old mark: gone.
    pain = pain.paint("anterior", box(0, 0.05, 10, 10), 7, "sharp")
    assert _areas(pain) == [(7, "sharp", 99.5)]
    assert PainMap().paint("anterior", box(0, 0, 0.5, 0.5), 5, "aching").is_empty()


def test_same_intensity_and_quality_merge_into_one_mark() -> None:
    pain = PainMap().paint("anterior", box(0, 0, 10, 10), 5, "aching")
    pain = pain.paint("anterior", box(10, 0, 20, 10), 5, "aching")
    assert _areas(pain) == [(5, "aching", 200.0)]


def test_snapshots_are_immutable_for_undo() -> None:
    before = PainMap().paint("anterior", box(0, 0, 10, 10), 5, "aching")
    after = before.paint("anterior", box(0, 0, 10, 10), 9, "stabbing")
    assert _areas(before) == [(5, "aching", 100.0)]
    assert _areas(after) == [(9, "stabbing", 100.0)]
    assert before != after and before == PainMap.from_marks(before.all_marks())


def test_views_are_independent_and_strokes_feed_the_lookup() -> None:
    pain = PainMap().paint("anterior", Point(50, 50).buffer(10), 6, "tingling")
    pain = pain.paint("plantar", box(0, 0, 10, 10), 0, "numbness")
    assert pain.views() == ["anterior", "plantar"]
    assert pain.strokes("plantar") == []  # intensity 0: painted, but no pain for the lookup
    (shape, weight), = pain.strokes("anterior")
    assert weight == 6.0 and shape.area == pytest.approx(313.65, rel=1e-3)


@pytest.mark.parametrize("view, intensity, quality", [
    ("front", 5, "aching"), ("anterior", 11, "aching"), ("anterior", -1, "aching"),
    ("anterior", 5.5, "aching"), ("anterior", 5, "itchy"), ("anterior", True, "aching"),
])
def test_bad_values_are_refused(view: str, intensity: int, quality: str) -> None:
    with pytest.raises(PainMapError):
        PainMap().paint(view, box(0, 0, 10, 10), intensity, quality)


def test_a_self_crossing_stroke_is_repaired() -> None:
    from shapely.geometry import Polygon

    bowtie = Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])
    (mark,) = PainMap().paint("anterior", bowtie, 5, "aching").marks("anterior")
    assert mark.geometry.is_valid and mark.area == pytest.approx(50.0)


def test_random_edits_keep_the_invariants() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    outline = box(0, 0, 200, 300)
    strokes = st.tuples(
        st.sampled_from(["paint", "paint", "erase"]), st.sampled_from(["anterior", "posterior"]),
        st.floats(-20, 200), st.floats(-20, 300), st.floats(0.5, 60),
        st.integers(0, 10), st.sampled_from(["aching", "sharp", "dull"]))

    @settings(max_examples=100, deadline=None, derandomize=True, database=None)
    @given(st.lists(strokes, min_size=1, max_size=20))
    def run(edits: list) -> None:
        pain = PainMap()
        for op, view, x, y, r, intensity, quality in edits:
            shape = Point(x, y).buffer(r)
            before, snapshot = pain, pain.all_marks()
            pain = (pain.paint(view, shape, intensity, quality, outline) if op == "paint"
                    else pain.erase(view, shape))
            assert before.all_marks() == snapshot  # the old snapshot is untouched (undo)
            for v in ("anterior", "posterior"):
                marks = pain.marks(v)
                for i, a in enumerate(marks):
                    assert a.geometry.is_valid and a.area >= 1.0
                    assert a.geometry.difference(outline).area < 1e-6
                    for b in marks[i + 1:]:
                        # disjoint up to overlay residue (a few hundredths of a mm² at most)
                        assert a.geometry.intersection(b.geometry).area < 0.05
            if op == "paint" and shape.intersection(outline).area > 2:
                # the newest stroke is on top where it was painted
                top = pain.marks(view)[-1]
                assert (top.intensity, top.quality) == (intensity, quality)

    run()


def test_clipping_to_the_outline_gives_the_maps_the_plain_overlay_gives(monkeypatch) -> None:
    """The brush keeps a segment inside the body as it is instead of overlaying it with the
    outline: on real outlines and real brush drags, every map equals the overlay's."""
    import shapely
    from hypothesis import given, settings

    import app.domain.pain_map as pain_map
    from app.services.catalog_service import CatalogService
    from tests.support.pain_strategies import apply_strokes, catalog_views, stroke_lists

    views = catalog_views(CatalogService.open(), ["anterior", "posterior"])
    plain = lambda stroke, outline: shapely.intersection(stroke, pain_map.polygonal(outline, 0.0))  # noqa: E731
    inside = []
    real_clip = pain_map.clip_to_outline

    def counting(stroke, outline):
        inside.append(pain_map._prepared_outline(outline).contains(stroke))  # noqa: SLF001
        return real_clip(stroke, outline)

    @settings(max_examples=40, deadline=None, derandomize=True, database=None)
    @given(stroke_lists(views, max_size=5))
    def run(strokes) -> None:
        monkeypatch.setattr(pain_map, "clip_to_outline", counting)
        fast = apply_strokes(strokes, views)
        monkeypatch.setattr(pain_map, "clip_to_outline", plain)
        slow = apply_strokes(strokes, views)
        assert fast == slow
        for view in ("anterior", "posterior"):
            for a, b in zip(fast.marks(view), slow.marks(view), strict=True):
                assert a.area == pytest.approx(b.area, abs=1e-6)

    run()
    assert any(inside) and not all(inside)  # both ways were taken


def test_clearing_one_view_keeps_the_others_and_clearing_all_leaves_nothing() -> None:
    pain = PainMap().paint("anterior", box(0, 0, 10, 10), 4, "aching").paint("posterior", box(0, 0, 5, 5), 6, "dull")
    front_cleared = pain.clear("anterior")
    assert front_cleared.views() == ["posterior"] and _areas(front_cleared, "posterior") == [(6, "dull", 25.0)]
    assert pain.views() == ["anterior", "posterior"]  # the map cleared is unchanged (undo keeps it)
    assert pain.clear().is_empty() and pain.clear() == PainMap()
    assert pain.clear("plantar") == pain


def test_a_map_equals_only_a_map_with_the_same_marks() -> None:
    pain = PainMap().paint("anterior", box(0, 0, 10, 10), 4, "aching")
    assert pain == PainMap().paint("anterior", box(0, 0, 10, 10), 4, "aching")
    assert pain != PainMap().paint("anterior", box(0, 0, 10, 10), 5, "aching")
    assert pain != PainMap().paint("anterior", box(0, 0, 10, 10), 4, "aching").paint("anterior", box(20, 0, 30, 10), 4, "sharp")
    assert pain != "anterior" and pain != None  # noqa: E711 -- compared with anything else: not equal, no error


def test_a_brush_stroke_is_snapped_to_hundredths_of_a_millimetre() -> None:
    """GRID_MM: a stroke's vertices are whole hundredths, so the overlays that follow run on that
    grid and the records file stores short numbers instead of 17-digit floats."""
    import numpy as np
    import shapely
    from shapely.geometry import LineString

    from app.domain.pain_map import GRID_MM

    drag = LineString([(10.123456, 20.987654), (33.3333333, 41.7171717), (52.5, 20.1)]).buffer(6.789)
    [mark] = PainMap().paint("anterior", drag, 6, "burning").marks("anterior")
    vertices = shapely.get_coordinates(mark.geometry) / GRID_MM
    assert np.allclose(vertices, np.round(vertices), atol=1e-6)
    assert abs(mark.area - drag.area) < 0.01 * drag.area
