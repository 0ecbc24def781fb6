"""Radicular versus myofascial on the shipped catalog: textbook nerve presentations, painted as
random brush strokes, rank the expected root or nerve near the top; a myofascial pattern still
ranks its trigger point first among the TrP candidates."""

from __future__ import annotations

import random

import pytest
import shapely
from shapely.geometry.base import BaseGeometry

from app.domain.nerves import CLOSE_FIT, PainMark
from app.services.catalog_service import UnknownId
from app.services.nerve_service import NerveService


@pytest.fixture(scope="module")
def service() -> NerveService:
    return NerveService.open()


def _point(service: NerveService, view: str, name: str, dx: float = 0.0, dy: float = 0.0) -> tuple[float, float]:
    x, y = service.catalog.landmarks[view][name]
    return x + dx, y + dy


def brush_strokes(path: list[tuple[float, float]], seed: int, radius: tuple[float, float] = (7.0, 13.0)) -> BaseGeometry:
    """A hand-painted stroke along a path: jittered dabs of varying size, as a finger paints."""
    rng = random.Random(seed)
    dabs = []
    for (ax, ay), (bx, by) in zip(path, path[1:]):
        steps = max(2, int(((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5 / 6))
        for i in range(steps + 1):
            t = i / steps
            x, y = ax + t * (bx - ax) + rng.uniform(-5, 5), ay + t * (by - ay) + rng.uniform(-5, 5)
            dabs.append(shapely.Point(x, y).buffer(rng.uniform(*radius)))
    return shapely.union_all(dabs)


def _top(service: NerveService, marks: list[PainMark], n: int = 3) -> list[str]:
    return [f.id for f in service.fits_for_marks(marks)[:n]]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_thumb_and_lateral_forearm_fit_c6_or_its_nerves(service: NerveService, seed: int) -> None:
    p = lambda name, **kw: _point(service, "anterior", f"{name}.right", **kw)  # noqa: E731
    stroke = brush_strokes([p("lateral_epicondyle", dy=30), p("radial_styloid"), p("first_mcp", dy=20)], seed)
    top = _top(service, [PainMark("anterior", stroke, 6, "tingling")])
    assert top[0] in {"C6", "musculocutaneous", "radial"}, top
    assert "C6" in top


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_little_finger_and_ulnar_hand_fit_c8_or_ulnar(service: NerveService, seed: int) -> None:
    # Anterior view, client's right: medial (towards the body) is +x on screen.
    p = lambda name, **kw: _point(service, "anterior", f"{name}.right", **kw)  # noqa: E731
    stroke = brush_strokes([p("ulnar_styloid", dy=-10), p("middle_fingertip", dx=20, dy=-12)], seed, (5.0, 9.0))
    top = _top(service, [PainMark("anterior", stroke, 5, "numbness")])
    assert top[0] in {"C8", "ulnar"}, top
    assert {"C8", "ulnar"} <= set(top)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_dorsum_of_foot_and_great_toe_fit_l5_or_the_fibular_nerves(service: NerveService, seed: int) -> None:
    p = lambda name, **kw: _point(service, "anterior", f"{name}.right", **kw)  # noqa: E731
    stroke = brush_strokes([p("medial_malleolus", dx=-25, dy=25), p("first_metatarsal_head"), p("great_toe_tip")], seed,
                           (5.0, 10.0))
    top = _top(service, [PainMark("anterior", stroke, 6, "burning")])
    assert top[0] in {"L5", "superficial_fibular", "deep_fibular"}, top
    assert "L5" in top


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_lateral_foot_and_heel_fit_s1_or_sural(service: NerveService, seed: int) -> None:
    p = lambda name, **kw: _point(service, "right_lateral", f"{name}.right", **kw)  # noqa: E731
    stroke = brush_strokes([p("calcaneus", dx=5), p("lateral_malleolus", dy=25), p("fifth_metatarsal_head")], seed,
                           (6.0, 10.0))
    top = _top(service, [PainMark("right_lateral", stroke, 5, "shooting")])
    assert top[0] in {"S1", "sural"}, top
    assert {"S1", "sural"} <= set(top)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_anterolateral_thigh_fits_the_lateral_femoral_cutaneous_nerve(service: NerveService, seed: int) -> None:
    asis, patella = _point(service, "anterior", "asis.right"), _point(service, "anterior", "patella.right")
    a = (asis[0] - 15, asis[1] + 90)
    b = (asis[0] + 0.6 * (patella[0] - asis[0]) - 40, asis[1] + 0.6 * (patella[1] - asis[1]))
    stroke = brush_strokes([a, b], seed, (14.0, 22.0))
    fits = service.fits_for_marks([PainMark("anterior", stroke, 4, "burning")])
    assert fits[0].id == "lateral_femoral_cutaneous", [f.id for f in fits[:3]]
    assert fits[0].kind == "nerve" and fits[0].side == "right"


def test_gluteus_minimus_pseudo_sciatica_ranks_a_trigger_point_above_every_nerve(service: NerveService) -> None:
    # Paint random dabs over the posterior gluteus minimus TrP's whole pattern (buttock, back of the thigh
    # and calf: the "pseudo-sciatica"), aching as myofascial pain is.
    pattern = shapely.union_all([z.geometry for z in service.catalog.zones_for(["gluteus_minimus_posterior_trp"])
                                 if z.view == "posterior" and z.side == "right"])
    rng = random.Random(7)
    minx, miny, maxx, maxy = pattern.bounds
    dabs = []
    while len(dabs) < 120:
        centre = shapely.Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if pattern.contains(centre):
            dabs.append(centre.buffer(rng.uniform(10, 16)))
    pain = shapely.intersection(shapely.union_all(dabs), pattern)
    comparison = service.compare([PainMark("posterior", pain, 7, "aching")])
    trps = [c.trp_id for c in comparison.trp_candidates]
    # Its pattern explains most of this pain: it ranks first, above the very common gluteus maximus TrP2
    # whose whole-buttock zone explains a quarter of it (docs/ranking.md: neatness can outweigh one
    # prevalence step).
    assert trps[0] == "gluteus_minimus_posterior_trp", trps[:3]
    assert comparison.trp_candidates[0].muscle_id.startswith("gluteus_")
    assert comparison.nerve_fits[0].score < comparison.trp_candidates[0].score
    assert comparison.summary.startswith("Gluteus"), comparison.summary
    lead = comparison.trp_candidates[0].score - comparison.nerve_fits[0].score
    assert ("fits better than the" if lead > CLOSE_FIT else "fits about as well as the") in comparison.summary


def test_neural_quality_and_dermatomal_shape_raise_the_nerve_score_and_say_so(service: NerveService) -> None:
    p = lambda name, **kw: _point(service, "anterior", f"{name}.right", **kw)  # noqa: E731
    stroke = brush_strokes([p("lateral_epicondyle", dy=30), p("radial_styloid"), p("first_mcp", dy=20)], 4)
    aching = service.fits_for_marks([PainMark("anterior", stroke, 6, "aching")])[0]
    tingling = service.fits_for_marks([PainMark("anterior", stroke, 6, "tingling")])[0]
    assert tingling.id == aching.id and tingling.score > aching.score
    assert "tingling" in tingling.why and "tingling" not in aching.why
    assert tingling.dermatomal and "dermatomal" in tingling.why


def test_root_card_lists_key_point_key_muscle_reflex_supplied_muscles_and_entrapments(service: NerveService) -> None:
    card = service.root_card("c6")
    assert card["id"] == "C6" and card["reflex"] == "Brachioradialis reflex"
    assert "thumb" in card["key_sensory_point"]["text"]
    views = {p["view"] for p in card["key_sensory_point"]["on_views"]}
    assert "posterior" in views and "anterior" not in views  # the dorsal thumb: not on the palm-forward view
    assert "extensor_carpi_radialis_longus" in card["key_muscle"]["muscles"]
    assert {"biceps_brachii", "supinator", "brachioradialis"} <= set(card["muscles"])
    assert "triceps_brachii" in card["muscles"] and "gastrocnemius" not in card["muscles"]
    sites = {(e["nerve"], e["muscle"]) for e in card["entrapment_sites"]}
    assert ("median", "pronator_teres") in sites and ("radial", "supinator") in sites


def test_every_root_from_c2_to_s4_5_and_every_listed_nerve_is_drawn(service: NerveService) -> None:
    drawn = {(t.kind, t.ref) for t in service.territories}
    roots = ["C2", "C3", "C4", "C5", "C6", "C7", "C8", *(f"T{i}" for i in range(1, 13)),
             "L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4-5"]
    assert [r.id for r in service.roots()] == roots
    assert {("root", r) for r in roots} <= drawn
    listed = {"greater_occipital", "lesser_occipital", "great_auricular", "supraclavicular", "axillary", "radial",
              "musculocutaneous", "medial_cutaneous_arm_forearm", "median", "ulnar", "intercostal", "iliohypogastric",
              "ilioinguinal", "genitofemoral", "lateral_femoral_cutaneous", "femoral_anterior_cutaneous", "saphenous",
              "obturator", "posterior_femoral_cutaneous", "superficial_fibular", "deep_fibular", "common_fibular",
              "sural", "tibial", "medial_plantar", "lateral_plantar"}
    assert {("nerve", n) for n in listed} <= drawn
    entrapping = {(n.id, e.muscle_id) for n in service.nerves() for e in n.entrapments}
    for pair in [("sciatic", "piriformis"), ("median", "pronator_teres"), ("radial", "supinator"),
                 ("ulnar", "flexor_carpi_ulnaris"), ("median", "scalenus_anterior"), ("median", "pectoralis_minor")]:
        assert pair in entrapping


def test_unknown_root_area_or_view_is_refused_by_name(service: NerveService) -> None:
    with pytest.raises(UnknownId, match="unknown root 'C9'"):
        service.root_card("C9")
    with pytest.raises(UnknownId, match="unknown skin area 'elbowz'"):
        service.fits_for_areas([("elbowz", "right")])
    with pytest.raises(UnknownId, match="unknown view 'top'"):
        service.fits_for_marks([PainMark("top", shapely.box(0, 0, 10, 10))])


def test_each_root_or_nerve_is_listed_once_per_side_at_its_best_view(service: NerveService) -> None:
    # The heel and outer ankle show on the posterior, lateral and plantar views; both sides hurt.
    fits = service.fits_for_areas([("heel", "right"), ("lateral_ankle", "right"), ("heel", "left")])
    keys = [(f.kind, f.id, f.side) for f in fits]
    assert len(keys) == len(set(keys))
    assert {("root", "S1", "right"), ("root", "S1", "left")} <= set(keys)
