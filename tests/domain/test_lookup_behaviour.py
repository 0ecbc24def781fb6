"""Ranking painted maps: the fast cell-grid path must tell the therapist what the exact overlay does.

The app ranks on 4 mm cells (catalog zones are gridded when the catalog is compiled); small
hand-made catalogs fall back to exact polygon overlays.  Both must give the same candidates
with the same shares, so the oracle here is the exact engine, run on the same zones with no
cells, against random brush-stroke maps.  On a 1 mm grid the shares agree to a few percent.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from shapely.geometry import LineString, Point, box

from app.domain.cell_grid import CellGrid
from app.domain.lookup import LookupEngine
from app.domain.model import SkinArea, ZoneShape
from app.domain.ranking import score

VIEW_W, VIEW_H = 300.0, 400.0
PREVALENCES = ("very_common", "common", "occasional", "rare")


def _blob(rng: random.Random, reach: float = 40, radius: tuple[float, float] = (6, 30)):
    x, y = rng.uniform(30, VIEW_W - 30), rng.uniform(30, VIEW_H - 30)
    points = [(x, y)]
    for _ in range(rng.randint(1, 12)):
        x = min(max(x + rng.uniform(-reach, reach), 0), VIEW_W)
        y = min(max(y + rng.uniform(-reach, reach), 0), VIEW_H)
        points.append((x, y))
    # Clipped to the view, as compiled zones and painted marks are (cells exist only inside it).
    return LineString(points).buffer(rng.uniform(*radius), quad_segs=8).intersection(box(0, 0, VIEW_W, VIEW_H))


def _catalog(seed: int, cell: float):
    """Random zones for 25 TrPs on two views, both sides; and two skin areas per side."""
    rng = random.Random(seed)
    zones, prevalence = [], {}
    for i in range(25):
        trp = f"m{i}_trp1"
        prevalence[trp] = PREVALENCES[i % 4]
        for view in ("anterior", "posterior"):
            for side in ("left", "right"):
                for kind in ("essential", "spillover"):
                    if rng.random() < 0.8:
                        zones.append(ZoneShape(trp, kind, view, side, _blob(rng)))
    areas = [SkinArea(view, slug, side, shape)
             for view in ("anterior", "posterior")
             for slug, shape in (("temple", box(20.5, 20.5, 140.5, 180.5)), ("calf", Point(150, 300).buffer(60)))
             for side in ("left", "right")]
    muscle_of = {t: t.split("_")[0] for t in prevalence}
    exact = LookupEngine([], areas, zones, prevalence, muscle_of)
    grid = CellGrid(VIEW_W, VIEW_H, cell)
    gridded_zones = [ZoneShape(z.trp_id, z.kind, z.view, z.side, z.geometry, grid.cells_of(z.geometry)) for z in zones]
    gridded_areas = [SkinArea(a.view, a.slug, a.side, a.geometry, grid.cells_of(a.geometry)) for a in areas]
    gridded = LookupEngine([], gridded_areas, gridded_zones, prevalence, muscle_of,
                           grids={"anterior": grid, "posterior": grid})
    return exact, gridded, rng


def _by_key(candidates):
    return {(c.trp_id, c.side): c for c in candidates}


def _agree(exact, gridded, tolerance: float) -> None:
    e, g = _by_key(exact), _by_key(gridded)
    # A zone the pain only grazes may fall between cell centres; anything more must be found.
    for key, c in e.items():
        if max(c.pain_covered, c.pattern_covered) > tolerance:
            assert key in g, key
    for key, c in g.items():
        assert key in e, key
        assert c.zone == e[key].zone or abs(c.score - e[key].score) < 0.06, key
        assert abs(c.pain_covered - e[key].pain_covered) < tolerance, key
        assert abs(c.pattern_covered - e[key].pattern_covered) < tolerance, key
        assert c.muscle_id == e[key].muscle_id == key[0].split("_")[0]
        assert c.prevalence == e[key].prevalence and c.view == e[key].view
        assert 0 < c.score <= 1 and c.point is False
    assert [c.score for c in gridded] == sorted((c.score for c in gridded), reverse=True)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_painted_map_ranks_alike_on_cells_and_on_exact_shapes(seed: int) -> None:
    exact, gridded, rng = _catalog(seed, 1.0)
    for _ in range(8):
        pain = {}
        for view in ("anterior", "posterior"):
            strokes = []
            painted = None
            for _stroke in range(rng.randint(0, 3)):
                shape = _blob(rng, reach=25, radius=(4, 20))
                shape = shape if painted is None else shape.difference(painted)  # marks never overlap
                if not shape.is_empty:
                    strokes.append((shape, float(rng.randint(1, 10))))
                    painted = shape if painted is None else painted.union(shape)
            pain[view] = strokes
        a, b = exact.candidates_for_pain_map(pain), gridded.candidates_for_pain_map(pain)
        _agree(a, b, 0.04)
        assert gridded.candidates_for_pain_map(pain, limit=5) == b[:5]
        for view, strokes in pain.items():
            _agree(exact.candidates_for_pain(view, strokes), gridded.candidates_for_pain(view, strokes), 0.04)


@pytest.mark.parametrize("slug, side", [("temple", "right"), ("calf", "left")])
def test_a_whole_skin_area_ranks_alike_on_cells_and_on_exact_shapes(slug: str, side: str) -> None:
    exact, gridded, _ = _catalog(7, 1.0)
    a, b = exact.candidates_for_area(slug, side), gridded.candidates_for_area(slug, side)
    assert len(a) > 10
    _agree(a, b, 0.03)


def test_shares_and_score_of_one_known_zone() -> None:
    """A 100 x 100 essential zone, painted 48 % at intensity 8 and as much again outside it at 2."""
    zone = box(0, 0, 100, 100)
    grid = CellGrid(300, 300, 4.0)
    zones = [ZoneShape("a_trp1", "essential", "anterior", "right", zone, grid.cells_of(zone)),
             ZoneShape("a_trp1", "spillover", "anterior", "right", box(150, 0, 250, 100),
                       grid.cells_of(box(150, 0, 250, 100)))]
    for engine in (LookupEngine([], [], zones, {"a_trp1": "rare"}, {"a_trp1": "alpha"}),
                   LookupEngine([], [], zones, {"a_trp1": "rare"}, {"a_trp1": "alpha"}, grids={"anterior": grid})):
        strokes = [(box(0, 0, 100, 48), 8.0), (box(100, 0, 148, 100), 2.0)]  # whole 4 mm cells
        [c] = engine.candidates_for_pain("anterior", strokes)
        assert (c.trp_id, c.muscle_id, c.side, c.zone, c.view, c.prevalence) == \
               ("a_trp1", "alpha", "right", "essential", "anterior", "rare")
        assert c.pain_covered == pytest.approx(8 * 4800 / (8 * 4800 + 2 * 4800))
        assert c.pattern_covered == pytest.approx(0.48)
        assert c.score == score("essential", c.pain_covered, c.pattern_covered, "rare")


def test_pain_off_every_zone_or_with_no_weight_gives_no_candidates() -> None:
    exact, gridded, _ = _catalog(4, 4.0)
    far = [(box(1000, 1000, 1100, 1100), 5.0)]
    zero = [(box(0, 0, VIEW_W, VIEW_H), 0.0)]
    for engine in (exact, gridded):
        assert engine.candidates_for_pain("anterior", far) == []
        assert engine.candidates_for_pain("anterior", zero) == []
        assert engine.candidates_for_pain("anterior", []) == []
        assert engine.candidates_for_pain("plantar", [(box(0, 0, 50, 50), 5.0)]) == []  # a view with no zones
        assert engine.candidates_for_pain_map({}) == []
        assert engine.candidates_at("plantar", 10, 10) == []
        assert engine.candidates_for_area("nowhere", "left") == []


def test_a_dab_smaller_than_a_cell_still_finds_its_zone() -> None:
    _, gridded, _ = _catalog(5, 4.0)
    zone = next(z for z in gridded._zones["anterior"].items)  # noqa: SLF001 -- pick a real zone's centre
    x, y = zone.geometry.representative_point().coords[0]
    dab = Point(x + 0.3, y + 0.3).buffer(0.4)  # between cell centres
    found = gridded.candidates_for_pain("anterior", [(dab, 5.0)])
    assert (zone.trp_id, zone.side) in _by_key(found)


def test_clicked_spot_favours_compact_zones_and_limit_keeps_the_best() -> None:
    big, small = box(0, 0, 200, 300), box(40, 40, 80, 80)  # 60000 mm² and 1600 mm², both over (60, 60)
    zones = [ZoneShape("big_trp1", "essential", "anterior", "left", big),
             ZoneShape("small_trp1", "essential", "anterior", "left", small),
             ZoneShape("spill_trp1", "spillover", "anterior", "left", small)]
    engine = LookupEngine([], [], zones, {}, {})
    ranked = engine.candidates_at("anterior", 60, 60)
    assert [c.trp_id for c in ranked] == ["small_trp1", "big_trp1", "spill_trp1"]
    assert all(c.point and c.pain_covered == 1.0 for c in ranked)
    assert ranked[1].pattern_covered == pytest.approx(6000 / 60000)  # a palm-sized zone is the reference
    assert ranked[0].pattern_covered == 1.0
    assert engine.candidates_at("anterior", 60, 60, limit=1) == ranked[:1]
    assert [c.trp_id for c in engine.candidates_at("anterior", 150, 250)] == ["big_trp1"]
    assert np.array_equal(engine.zone_indices_at("anterior", 60, 60), [0, 1, 2])


def test_each_side_of_the_body_is_its_own_candidate() -> None:
    """Pain on both sides lists the trigger point once per side, each with its own shares."""
    grid = CellGrid(VIEW_W, VIEW_H, 4.0)
    right, left = box(20, 20, 120, 120), box(180, 20, 280, 120)  # anterior view: client's right on screen left
    zones = [ZoneShape("a_trp1", "essential", "anterior", side, g, grid.cells_of(g))
             for side, g in (("right", right), ("left", left))]
    for engine in (LookupEngine([], [], zones, {}, {}), LookupEngine([], [], zones, {}, {}, grids={"anterior": grid})):
        only_left = engine.candidates_for_pain("anterior", [(box(180, 20, 280, 120), 5.0)])
        assert [(c.trp_id, c.side, c.pattern_covered) for c in only_left] == [("a_trp1", "left", 1.0)]
        both = engine.candidates_for_pain("anterior", [(box(180, 20, 280, 120), 5.0), (box(20, 20, 120, 72), 5.0)])
        assert [(c.side, round(c.pattern_covered, 2)) for c in both] == [("left", 1.0), ("right", 0.52)]
        assert [c.side for c in engine.candidates_at("anterior", 50, 50)] == ["right"]


def test_a_dab_covering_a_single_cell_finds_its_zone_on_the_grid() -> None:
    """One 4 mm cell of pain inside a zone (a small brush dab) is enough for the zone to be a candidate."""
    zone = box(0, 0, 100, 100)
    grid = CellGrid(300, 300, 4.0)
    engine = LookupEngine([], [], [ZoneShape("a_trp1", "essential", "anterior", "right", zone, grid.cells_of(zone))],
                          {"a_trp1": "common"}, {"a_trp1": "alpha"}, grids={"anterior": grid})
    dab = box(40, 40, 44, 44)
    assert grid.cells_of(dab).size == 1
    [c] = engine.candidates_for_pain("anterior", [(dab, 6.0)])
    assert (c.trp_id, c.pain_covered) == ("a_trp1", 1.0)
    assert c.pattern_covered == pytest.approx(1 / grid.cells_of(zone).size)


def test_what_the_compiler_stores_per_skin_area_is_each_reached_zones_two_shares() -> None:
    """``pain_overlaps``: every zone the pain reaches, in zone order, with the share of the pain in
    it and the share of it that hurts; none for pain off every zone."""
    zone, spill = box(0, 0, 100, 100), box(150, 0, 250, 100)
    zones = [ZoneShape("a_trp1", "essential", "anterior", "right", zone),
             ZoneShape("a_trp1", "spillover", "anterior", "right", spill),
             ZoneShape("b_trp1", "essential", "anterior", "left", box(0, 200, 50, 250))]
    engine = LookupEngine([], [], zones, {}, {})
    overlaps = engine.pain_overlaps("anterior", [(box(50, 0, 200, 100), 5.0)])  # half the zone, half the spillover
    assert [(z.trp_id, z.kind, round(pn, 4), round(pt, 4)) for z, pn, pt in overlaps] == [
        ("a_trp1", "essential", 0.3333, 0.5), ("a_trp1", "spillover", 0.3333, 0.5)]
    assert engine.pain_overlaps("anterior", [(box(400, 400, 450, 450), 5.0)]) == []


def test_the_smallest_mark_a_map_keeps_still_finds_its_zone_and_a_trp_without_a_muscle_has_none() -> None:
    """A pain map keeps marks down to 1 mm² at intensity 1: that is still pain to rank."""
    engine = LookupEngine([], [], [ZoneShape("x_trp1", "essential", "anterior", "right", box(0, 0, 100, 100))],
                          {"x_trp1": "common"}, {})
    [c] = engine.candidates_for_pain("anterior", [(box(10, 10, 11, 11), 1.0)])
    assert (c.trp_id, c.muscle_id, c.pain_covered) == ("x_trp1", "", 1.0)
