from __future__ import annotations

from shapely.geometry import box

from app.domain.lookup import LookupEngine
from app.domain.model import Region, SkinArea, ZoneShape


def _engine() -> LookupEngine:
    regions = [Region("anterior", "superficial", "muscle", "deltoid", "anterior", "right", box(0, 0, 10, 10)),
               Region("anterior", "superficial", "bone", "humerus", None, "right", box(10, 0, 20, 10))]
    areas = [SkinArea("anterior", "temple", "right", box(0, 0, 100, 100)),
             SkinArea("anterior", "temple", "left", box(100, 0, 200, 100))]
    zones = [
        ZoneShape("a_trp1", "essential", "anterior", "right", box(0, 0, 100, 100)),     # covers the temple exactly
        ZoneShape("b_trp1", "essential", "anterior", "right", box(0, 0, 100, 400)),     # temple is 1/4 of it
        ZoneShape("c_trp1", "spillover", "anterior", "right", box(0, 0, 100, 100)),
        ZoneShape("d_trp1", "essential", "anterior", "left", box(100, 0, 200, 100)),
    ]
    prevalence = {"a_trp1": "common", "b_trp1": "common", "c_trp1": "very_common", "d_trp1": "common"}
    return LookupEngine(regions, areas, zones, prevalence, {k: k[0] for k in prevalence})


def test_point_lookups() -> None:
    engine = _engine()
    assert engine.region_at("anterior", "superficial", 5, 5).ref == "deltoid"
    assert engine.region_at("anterior", "superficial", 15, 5).ref == "humerus"
    assert engine.region_at("anterior", "superficial", 50, 50) is None
    assert engine.region_at("posterior", "superficial", 5, 5) is None
    assert engine.skin_area_at("anterior", 150, 50).side == "left"


def test_area_ranking_prefers_essential_then_better_fit() -> None:
    ranked = engine_ranked = _engine().candidates_for_area("temple", "right")
    assert [c.trp_id for c in ranked] == ["a_trp1", "b_trp1", "c_trp1"]
    assert engine_ranked[0].pattern_covered == 1.0 and engine_ranked[1].pattern_covered == 0.25
    assert all(c.side == "right" for c in ranked)
    assert "essential" in ranked[0].why and "spillover" in ranked[2].why


def test_left_and_right_do_not_mix() -> None:
    ranked = _engine().candidates_for_area("temple", "left")
    assert [c.trp_id for c in ranked] == ["d_trp1"]


def test_painted_map_weighs_intensity() -> None:
    engine = _engine()
    # Strong pain at the top of the temple, weak pain low on b's zone only.
    strokes = [(box(0, 0, 100, 50), 8.0), (box(0, 300, 100, 350), 2.0)]
    ranked = {c.trp_id: c for c in engine.candidates_for_pain("anterior", strokes)}
    total = 8 * 5000 + 2 * 5000
    assert abs(ranked["a_trp1"].pain_covered - 8 * 5000 / total) < 1e-6
    assert ranked["b_trp1"].pain_covered == 1.0
    assert abs(ranked["b_trp1"].pattern_covered - 10000 / 40000) < 1e-6


def test_point_candidates_favour_compact_zones() -> None:
    ranked = _engine().candidates_at("anterior", 50, 50)
    assert [c.trp_id for c in ranked][:2] == ["a_trp1", "b_trp1"]
    assert ranked[-1].zone == "spillover"
    assert _engine().candidates_at("anterior", 500, 500) == []


def test_label_grid_answers_like_exact_point_in_polygon() -> None:
    import random

    from shapely.geometry import Point

    from app.domain.cell_grid import CellGrid, label_grid

    # Two abutting regions with a curved border and a hole, on a 2 mm grid.
    left = box(0, 0, 100, 200).difference(Point(100, 100).buffer(30)).difference(box(40, 40, 60, 60))
    right = box(100, 0, 200, 200).union(Point(100, 100).buffer(30))
    regions = [Region("anterior", "superficial", "muscle", m, None, "right", g) for m, g in (("a", left), ("b", right))]
    grid = CellGrid(220, 220, 2.0)
    fast = LookupEngine(regions, [], [], {}, {}, label_grids={("anterior", "superficial"): (grid, label_grid(grid, [left, right]))})
    exact = LookupEngine(regions, [], [], {}, {})
    rng = random.Random(5)
    for _ in range(3000):
        x, y = rng.uniform(-5, 215), rng.uniform(-5, 215)
        a, b = fast.region_at("anterior", "superficial", x, y), exact.region_at("anterior", "superficial", x, y)
        assert (a and a.ref) == (b and b.ref), (x, y)


def test_limit_keeps_the_same_best_candidates() -> None:
    engine = _engine()
    strokes = {"anterior": [(box(0, 0, 100, 50), 8.0), (box(0, 300, 100, 350), 2.0)]}
    full = engine.candidates_for_pain_map(strokes)
    assert engine.candidates_for_pain_map(strokes, limit=1) == full[:1]
    assert engine.candidates_for_pain_map(strokes, limit=10) == full


def _brush_blob(rng, x0: float, y0: float, reach: float):
    """A random-walk brush stroke (round brush, capsules between pointer samples), as painted."""
    import shapely
    from shapely.geometry import LineString

    x, y, points = x0, y0, []
    for _ in range(rng.randint(3, 25)):
        x, y = x + rng.uniform(-reach, reach), y + rng.uniform(-reach, reach)
        points.append((x, y))
    return shapely.buffer(LineString(points) if len(points) > 1 else shapely.Point(points[0]), rng.uniform(3, 25))


def test_cell_sums_match_a_sum_over_each_set() -> None:
    """Painted weights summed per zone from the inverted index equal the sum written out per zone."""
    import random

    import numpy as np

    from app.domain.cell_grid import CellGrid, CellSums

    rng = random.Random(11)
    grid = CellGrid(400, 600)
    zones = [_brush_blob(rng, rng.uniform(0, 400), rng.uniform(0, 600), 40) for _ in range(120)]
    cell_sets = [grid.cells_of(z) for z in zones] + [np.empty(0, dtype=np.int64)]  # an empty zone too
    sums = CellSums(cell_sets)
    for _ in range(20):
        weights = np.zeros(grid.size)
        for _stroke in range(rng.randint(1, 6)):
            weights[grid.cells_of(_brush_blob(rng, rng.uniform(0, 400), rng.uniform(0, 600), 30))] = rng.randint(1, 10)
        total, painted = sums.weighted_and_count(weights)
        assert np.allclose(total, [weights[c].sum() for c in cell_sets])
        assert np.array_equal(painted, [float(np.count_nonzero(weights[c])) for c in cell_sets])
    nothing = sums.weighted_and_count(np.zeros(grid.size))
    assert not nothing[0].any() and not nothing[1].any()


def test_zones_under_a_point_are_exact_even_on_gridded_zones() -> None:
    """Clicks near a zone's edge: the answer is point-in-polygon, not the 4 mm cell's centre."""
    import random

    import numpy as np
    import shapely

    from app.domain.cell_grid import CellGrid

    rng = random.Random(4)
    grid = CellGrid(300, 300)
    shapes = [_brush_blob(rng, rng.uniform(50, 250), rng.uniform(50, 250), 30) for _ in range(40)]
    zones = [ZoneShape(f"t{i}_trp1", "essential", "anterior", "right", g, grid.cells_of(g)) for i, g in enumerate(shapes)]
    engine = LookupEngine([], [], zones, {}, {}, grids={"anterior": grid})
    edges = 0
    for _ in range(1500):
        x, y = rng.uniform(0, 300), rng.uniform(0, 300)
        expected = np.flatnonzero(shapely.contains_xy(np.array(shapes, dtype=object), x, y))
        assert np.array_equal(engine.zone_indices_at("anterior", x, y), expected), (x, y)
        edges += any(shapes[i].exterior.distance(shapely.Point(x, y)) < 2 for i in expected
                     if shapes[i].geom_type == "Polygon")
    assert edges > 20  # the sample did land near edges, where a cell answer would differ


def test_a_long_lived_engine_ranks_each_new_map_as_a_fresh_engine_does() -> None:
    """Marks' cells are remembered while the mark lives; shapes made later (which may reuse a
    dead shape's id) must never be answered with another shape's cells."""
    import random

    from app.domain.cell_grid import CellGrid

    rng = random.Random(9)
    grid = CellGrid(300, 300)
    shapes = [_brush_blob(rng, rng.uniform(50, 250), rng.uniform(50, 250), 30) for _ in range(30)]
    zones = [ZoneShape(f"t{i}_trp1", "essential", "anterior", "right", g, grid.cells_of(g)) for i, g in enumerate(shapes)]
    prevalence = {z.trp_id: "common" for z in zones}

    def engine() -> LookupEngine:
        return LookupEngine([], [], zones, prevalence, {k: k for k in prevalence}, grids={"anterior": grid})

    lived = engine()
    kept = [(_brush_blob(rng, 150, 150, 40), 5.0)]  # a mark that stays, as untouched marks do
    for _ in range(60):
        strokes = kept + [(_brush_blob(rng, rng.uniform(0, 300), rng.uniform(0, 300), 30), float(rng.randint(1, 10)))
                          for _ in range(rng.randint(1, 3))]
        assert lived.candidates_for_pain_map({"anterior": strokes}, 40) == \
            engine().candidates_for_pain_map({"anterior": strokes}, 40)
        del strokes  # the new marks die; their ids come free for the next ones


def test_cell_sums_by_cell_class_are_the_very_floats_of_the_cell_by_cell_sums() -> None:
    """Cells grouped by identical covering zones: summing per class first must change no bit for
    whole-number intensities (what a pain map paints), and other weights take the cell-by-cell way."""
    import random

    import numpy as np

    from app.domain.cell_grid import CellGrid, CellSums

    rng = random.Random(12)
    grid = CellGrid(400, 600)
    cell_sets = [grid.cells_of(_brush_blob(rng, rng.uniform(0, 400), rng.uniform(0, 600), 40)) for _ in range(150)]
    cell_sets += [cell_sets[3], np.empty(0, dtype=np.int64)]  # a replicated zone and an empty one
    by_class = CellSums(cell_sets)
    assert by_class._classes is not None  # noqa: SLF001 - the compressed path is the one exercised
    by_cell = CellSums(cell_sets, group_cells=False)  # the per-cell lists, summed cell by cell
    for trial in range(30):
        weights = np.zeros(grid.size)
        for _stroke in range(rng.randint(1, 8)):
            weights[grid.cells_of(_brush_blob(rng, rng.uniform(0, 400), rng.uniform(0, 600), 30))] = rng.randint(1, 10)
        if trial % 3 == 0:  # fractional weights (a pain file may give any intensity) sum in another order
            painted = np.flatnonzero(weights)
            weights[painted] += np.random.default_rng(trial).uniform(0, 1, painted.size)
        got, expected = by_class.weighted_and_count(weights), by_cell.weighted_and_count(weights)
        assert np.array_equal(got[0], expected[0]) and np.array_equal(got[1], expected[1])
        assert np.allclose(got[0], [weights[c].sum() for c in cell_sets])
        assert np.array_equal(got[1], [float(np.count_nonzero(weights[c])) for c in cell_sets])


def test_point_candidates_are_the_ranking_rule_written_out_click_after_click() -> None:
    """A click anywhere in a zone scores it the same, so the engine scores each view once and
    reuses each zone's candidate; every click must still rank as the rule says, from both sides."""
    import random

    import shapely

    from app.domain.ranking import POINT_REFERENCE_AREA_MM2, Candidate, rank, score

    rng = random.Random(13)
    shapes = [_brush_blob(rng, rng.uniform(0, 300), rng.uniform(0, 300), 40) for _ in range(40)]
    zones = [ZoneShape(f"t{i // 2:02d}_trp1", ("essential", "spillover")[i % 2], "anterior", side, g)
             for i, g in enumerate(shapes) for side in ("right", "left")]
    prevalence = {z.trp_id: rng.choice(["common", "occasional", "very_common"]) for z in zones}
    engine = LookupEngine([], [], zones, prevalence, {k: k[:3] for k in prevalence})
    hits = 0
    for _ in range(300):
        x, y, limit = rng.uniform(-20, 320), rng.uniform(-20, 320), rng.choice([None, 1, 5, 40])
        expected = rank([Candidate(z.trp_id, z.trp_id[:3], z.side, z.kind,
                                   score(z.kind, 1.0, min(1.0, POINT_REFERENCE_AREA_MM2 / max(z.geometry.area, 1.0)),
                                         prevalence[z.trp_id]),
                                   1.0, min(1.0, POINT_REFERENCE_AREA_MM2 / max(z.geometry.area, 1.0)),
                                   prevalence[z.trp_id], "anterior", point=True)
                         for z in zones if shapely.contains_xy(z.geometry, x, y)])[:limit]
        assert engine.candidates_at("anterior", x, y, limit) == expected
        hits += len(expected) > 1
    assert hits > 50


def test_zones_are_read_once_and_only_when_a_zone_is_first_asked_about() -> None:
    """At start-up a muscle click needs only the regions: the zones (most of the index's cost)
    are read at the first zone question, once even when two threads ask at the same moment."""
    import threading
    import time

    base = _engine()
    zones = [z for ix in base._zones.values() for z in ix.items]  # noqa: SLF001
    reads = []

    def read_zones():
        reads.append(threading.get_ident())
        time.sleep(0.05)  # a read takes a while: the other threads ask meanwhile
        return zones

    engine = LookupEngine([r for ix in base._regions.values() for r in ix.items], [], read_zones,  # noqa: SLF001
                          base._prevalence, base._muscle_of)  # noqa: SLF001
    assert engine.region_at("anterior", "superficial", 5, 5).ref == "deltoid"
    assert reads == []
    answers: list = []
    together = threading.Barrier(4)

    def click() -> None:
        together.wait()
        answers.append(engine.candidates_at("anterior", 50, 50))

    threads = [threading.Thread(target=click) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(reads) == 1 and len(answers) == 4
    assert all(a == base.candidates_at("anterior", 50, 50) for a in answers) and answers[0]


def test_zones_under_a_point_from_its_cell_are_exactly_point_in_polygon() -> None:
    """Zones by cell (cell_grid.PointCells): brush-stroke zones, zones with holes, several parts, a
    collection with a stray line, and points anywhere -- on cell edges, on zone vertices, off the grid."""
    import random

    import numpy as np
    import shapely
    from shapely.geometry import GeometryCollection, LineString

    from app.domain.cell_grid import CellGrid, PointCells

    rng = random.Random(14)
    grid = CellGrid(300, 400)
    shapes = [_brush_blob(rng, rng.uniform(0, 300), rng.uniform(0, 400), 40) for _ in range(60)]
    shapes += [shapely.difference(shapes[0], _brush_blob(rng, 150, 200, 10)),  # holes
               shapely.union(shapes[1], box(250, 350, 310, 420)),  # past the grid's edge
               GeometryCollection([shapes[2], LineString([(0, 0), (300, 400)])]),  # contains the points on its line
               box(100, 100, 140, 140)]  # edges on cell edges
    geometries = np.array(shapes, dtype=object)
    shapely.prepare(geometries)
    cells = PointCells(grid, geometries)
    vertices = shapely.get_coordinates(geometries[:10])
    points = [(rng.uniform(-10, 310), rng.uniform(-10, 410)) for _ in range(3000)]
    points += [(4.0 * rng.randint(0, 75), 4.0 * rng.randint(0, 100)) for _ in range(500)]  # cell corners
    points += [tuple(vertices[rng.randrange(len(vertices))]) for _ in range(300)]  # on boundaries
    points += [(150.0, 200.0), (120.0, 100.0), (100.0, 120.0), (3.0, 4.0)]
    answered = 0
    for x, y in points:
        found = cells.indices_at(x, y)
        if found is None:
            assert not (0 <= x < 300 and 0 <= y < 400)
            continue
        assert np.array_equal(found, np.flatnonzero(shapely.contains_xy(geometries, x, y))), (x, y)
        answered += len(found) > 2
    assert answered > 300


def test_a_click_just_off_the_label_grids_edge_is_answered_exactly_on_every_row() -> None:
    """The skin grid covers the figure exactly; a click a hair to the right of it (the window
    lets the pointer run past the picture) is not read from the next row's first cell, nor past
    the grid's end on the last row."""
    from app.domain.cell_grid import CellGrid, label_grid

    areas = [SkinArea("anterior", "forearm", "right", box(0, 0, 60, 120)), SkinArea("anterior", "hand", "right",
                                                                                   box(60, 0, 120, 120))]
    grid = CellGrid(120, 120, 2.0)
    engine = LookupEngine([], areas, [], {}, {}, label_grids={("anterior", "skin"): (grid, label_grid(grid, [a.geometry for a in areas]))})
    for y in (1.0, 59.0, 118.9, 119.9):
        assert engine.skin_area_at("anterior", 120.5, y) is None
        assert engine.skin_area_at("anterior", 119.5, y).slug == "hand"
        assert engine.skin_area_at("anterior", 0.5, y).slug == "forearm"


def test_a_label_grid_that_does_not_fit_its_grid_is_ignored_and_points_answered_exactly() -> None:
    """A label grid stored for other cells (a catalog built with another cell size) must not be read
    cell by cell against this grid: the engine falls back to exact point-in-polygon."""
    import random

    from app.domain.cell_grid import CellGrid, label_grid

    areas = [SkinArea("anterior", "forearm", "right", box(0, 0, 60, 120)),
             SkinArea("anterior", "hand", "right", box(60, 0, 120, 120))]
    stale = label_grid(CellGrid(120, 120, 4.0), [a.geometry for a in areas])
    engine = LookupEngine([], areas, [], {}, {}, label_grids={("anterior", "skin"): (CellGrid(120, 120, 2.0), stale)})
    rng = random.Random(2)
    for _ in range(200):
        x, y = rng.uniform(0, 119.9), rng.uniform(0, 119.9)
        assert engine.skin_area_at("anterior", x, y).slug == ("forearm" if x < 60 else "hand"), (x, y)
