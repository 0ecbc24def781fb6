"""'Where does it hurt?': every skin area yields a ranked, clinically sensible candidate list.

Spot-checks follow Travell, Simons & Simons' Trigger Point Manual (tsm1 = Vol. 1, 2nd ed. 1999;
tsm2 = Vol. 2, 1992); docs/catalog-review.md tabulates what was found.
"""

from __future__ import annotations

from functools import cache, lru_cache

import pytest

from app.domain.ranking import Candidate
from app.domain.vocabulary import REQUIRED_SKIN_AREAS
from app.paths import catalog_db_path
from app.services.catalog_service import CatalogService

pytestmark = pytest.mark.skipif(not catalog_db_path().exists(), reason="no compiled catalog (data/trigger_points.db)")

UPPER_LIMB_AREAS = ("lateral_epicondyle", "medial_epicondyle", "olecranon", "antecubital", "dorsal_forearm",
                    "volar_forearm", "dorsal_wrist_hand", "thumb_radial_hand", "volar_wrist_palm",
                    "dorsal_fingers", "volar_fingers")
LOWER_LIMB_AREAS = ("anterior_knee", "medial_knee", "lateral_knee", "posterior_knee", "anterior_leg",
                    "lateral_leg", "calf", "anterior_ankle", "lateral_ankle", "medial_ankle", "heel",
                    "dorsal_foot", "plantar_midfoot", "plantar_forefoot", "great_toe")
UPPER_BODY_REGIONS = {"head_face", "neck", "shoulder", "arm", "forearm_hand", "chest_abdomen"}
LOWER_BODY_REGIONS = {"pelvis_hip", "thigh", "leg", "foot"}


@lru_cache(maxsize=1)
def catalog() -> CatalogService:
    return CatalogService.open()


@cache
def ranked(slug: str, side: str) -> tuple[Candidate, ...]:
    return tuple(catalog().candidates_for_area(slug, side))


def top_muscles(slug: str, n: int, side: str = "right") -> list[str]:
    """The first `n` distinct muscles in the ranked candidates."""
    muscles: list[str] = []
    for c in ranked(slug, side):
        if c.muscle_id not in muscles:
            muscles.append(c.muscle_id)
    return muscles[:n]


@pytest.mark.parametrize("side", ["right", "left"])
@pytest.mark.parametrize("slug", REQUIRED_SKIN_AREAS)
def test_every_area_has_ranked_candidates(slug: str, side: str) -> None:
    cands = ranked(slug, side)
    assert cands, f"no candidates for {slug} ({side})"
    scores = [c.score for c in cands]
    assert scores == sorted(scores, reverse=True), f"{slug} ({side}) is not ranked by score"
    # A pain on one side is explained by trigger points on that side first.
    assert cands[0].side == side, f"{slug} ({side}): top candidate {cands[0].trp_id} is on the {cands[0].side} side"


# (area, muscles of which at least one must be in the top n, n, what the Manual says)
SPOT_CHECKS = [
    ("temple", {"trapezius", "temporalis", "sternocleidomastoid"}, 5, "tsm1: upper trapezius TrP1, temporalis, SCM sternal"),
    ("vertex", {"splenius_capitis", "sternocleidomastoid"}, 3, "tsm1: splenius capitis, SCM sternal division"),
    ("ear_tmj", {"lateral_pterygoid", "masseter", "sternocleidomastoid", "medial_pterygoid"}, 3, "tsm1: lateral pterygoid, deep masseter, SCM clavicular"),
    ("heel", {"soleus", "quadratus_plantae", "abductor_hallucis"}, 5, "tsm2: soleus TrP1, quadratus plantae, abductor hallucis"),
    ("lateral_epicondyle", {"supinator", "extensor_carpi_radialis_longus", "brachioradialis", "triceps_brachii"}, 8, "tsm1: supinator, ECRL, brachioradialis, triceps, anconeus"),
    ("low_back", {"quadratus_lumborum", "iliocostalis_lumborum", "iliocostalis_thoracis", "multifidus", "gluteus_medius", "psoas_major"}, 5, "tsm1/tsm2: QL, iliocostalis, multifidus, iliopsoas, gluteus medius"),
    ("anterior_shoulder", {"infraspinatus", "deltoid", "biceps_brachii", "pectoralis_major"}, 5, "tsm1: infraspinatus, anterior deltoid, biceps, pectoralis"),
    ("calf", {"soleus", "gastrocnemius", "gluteus_minimus"}, 5, "tsm2: soleus TrP2, gastrocnemius, gluteus minimus posterior"),
    ("great_toe", {"extensor_hallucis_longus", "tibialis_anterior", "flexor_hallucis_brevis", "flexor_hallucis_longus"}, 5, "tsm2: EHL, tibialis anterior, FHB, FHL"),
    ("buttock", {"gluteus_maximus", "gluteus_medius", "gluteus_minimus", "quadratus_lumborum", "iliocostalis_lumborum", "longissimus_thoracis"}, 3, "tsm1/tsm2: gluteals, QL, lumbar paraspinals"),
    ("sacrum_si", {"gluteus_medius", "gluteus_maximus", "quadratus_lumborum", "multifidus", "levator_ani", "psoas_major", "iliacus"}, 5, "tsm1/tsm2: gluteus medius TrP1, gluteus maximus, QL deep, multifidus"),
    ("anterior_knee", {"rectus_femoris", "vastus_medialis"}, 3, "tsm2: rectus femoris, vastus medialis"),
    ("posterior_knee", {"biceps_femoris", "gastrocnemius", "popliteus", "semimembranosus", "plantaris"}, 5, "tsm2: biceps femoris, popliteus, gastrocnemius, plantaris"),
    ("lateral_thigh", {"gluteus_minimus", "vastus_lateralis", "tensor_fasciae_latae"}, 3, "tsm2: gluteus minimus anterior, vastus lateralis, TFL"),
    ("anterior_chest", {"pectoralis_major", "sternalis", "scalenus_anterior", "pectoralis_minor"}, 5, "tsm1: pectoralis major, sternalis, scalenes"),
    ("lateral_ankle", {"peroneus_longus", "peroneus_brevis", "peroneus_tertius"}, 3, "tsm2: peroneal muscles"),
    ("dorsal_forearm", {"extensor_digitorum", "extensor_carpi_radialis_brevis", "supinator", "triceps_brachii", "teres_major", "coracobrachialis", "scalenus_minimus"}, 5, "tsm1: hand extensors, triceps, teres major, coracobrachialis"),
    ("volar_forearm", {"palmaris_longus", "pronator_teres", "flexor_carpi_radialis", "flexor_carpi_ulnaris", "latissimus_dorsi", "serratus_anterior"}, 5, "tsm1: palmaris longus, pronator teres, wrist flexors"),
    ("volar_fingers", {"flexor_digitorum_superficialis", "flexor_digitorum_profundus", "palmar_interossei_hand"}, 3, "tsm1: finger flexors, palmar interossei"),
    ("dorsal_fingers", {"extensor_digitorum", "dorsal_interossei_hand", "extensor_indicis", "abductor_digiti_minimi_hand", "scalenus_minimus"}, 3, "tsm1: finger extensors, dorsal interossei"),
    ("plantar_forefoot", {"flexor_digitorum_brevis", "flexor_digitorum_longus", "adductor_hallucis", "abductor_digiti_minimi_foot"}, 5, "tsm2: FDB, FDL, adductor hallucis"),
    ("medial_knee", {"vastus_medialis", "sartorius", "gracilis", "adductor_longus", "adductor_brevis"}, 5, "tsm2: vastus medialis, sartorius, gracilis, adductors"),
    ("posterior_thigh", {"gluteus_minimus", "semitendinosus", "semimembranosus", "biceps_femoris", "piriformis"}, 3, "tsm2: gluteus minimus posterior, hamstrings, piriformis"),
    ("lateral_hip", {"quadratus_lumborum", "gluteus_medius", "gluteus_minimus", "tensor_fasciae_latae", "vastus_lateralis"}, 3, "tsm1/tsm2: QL superficial lower TrP, gluteus medius, TFL"),
    ("volar_wrist_palm", {"palmaris_longus", "flexor_carpi_radialis", "flexor_carpi_ulnaris", "pronator_teres", "opponens_pollicis", "pronator_quadratus"}, 3, "tsm1: palmaris longus, wrist flexors, pronator teres"),
    ("thumb_radial_hand", {"brachialis", "adductor_pollicis", "opponens_pollicis", "scalenus_minimus", "supinator", "brachioradialis", "flexor_pollicis_longus"}, 3, "tsm1: brachialis, thumb muscles, scalenes, supinator"),
    ("occiput", {"semispinalis_capitis", "occipitalis", "rectus_capitis_posterior_major", "rectus_capitis_posterior_minor", "obliquus_capitis_inferior", "obliquus_capitis_superior", "sternocleidomastoid"}, 3, "tsm1: posterior cervical, suboccipital, occipitalis, SCM"),
    ("posterior_neck", {"levator_scapulae", "trapezius", "splenius_cervicis", "semispinalis_cervicis", "multifidus"}, 3, "tsm1: levator scapulae, trapezius, splenius cervicis"),
    ("coccyx", {"coccygeus", "levator_ani", "gluteus_maximus", "obturator_internus", "sphincter_ani"}, 3, "tsm2: coccygeus, levator ani, gluteus maximus TrP3, obturator internus"),
    ("groin", {"adductor_longus", "adductor_brevis", "adductor_magnus", "pectineus", "iliacus", "psoas_major", "quadratus_lumborum", "external_oblique"}, 5, "tsm1/tsm2: adductors, pectineus, iliopsoas, QL, obliques"),
]


@pytest.mark.parametrize(("slug", "expected", "n", "manual"), SPOT_CHECKS, ids=[c[0] for c in SPOT_CHECKS])
def test_spot_check_against_the_manual(slug: str, expected: set[str], n: int, manual: str) -> None:
    top = top_muscles(slug, n)
    assert expected & set(top), f"{slug}: top {n} = {top}; the Manual names {manual}"


def _region(muscle_id: str) -> str:
    return catalog().muscle(muscle_id).region


@pytest.mark.parametrize("slug", UPPER_LIMB_AREAS)
def test_hand_and_forearm_pain_is_not_blamed_on_the_hip_or_leg(slug: str) -> None:
    # No lower-body muscle refers to the elbow, forearm or hand (tsm2 throughout); a hip zone that
    # bleeds onto the hanging hand in the front or back view would rank here.
    wrong = [m for m in top_muscles(slug, 5) if _region(m) in LOWER_BODY_REGIONS]
    assert not wrong, f"{slug}: lower-body muscles in the top 5: {wrong}"


@pytest.mark.parametrize("slug", LOWER_LIMB_AREAS)
def test_knee_leg_and_foot_pain_is_not_blamed_on_the_upper_body(slug: str) -> None:
    wrong = [m for m in top_muscles(slug, 5) if _region(m) in UPPER_BODY_REGIONS]
    assert not wrong, f"{slug}: upper-body muscles in the top 5: {wrong}"


def _leading(slug: str, side: str, tie: float = 0.005) -> tuple[set[str], set[str]]:
    """The two leading muscles, and every muscle scoring within ``tie`` of the second (a tie)."""
    best: dict[str, float] = {}
    for c in ranked(slug, side):
        best.setdefault(c.muscle_id, c.score)
    order = list(best)
    second = best[order[min(1, len(order) - 1)]]
    return set(order[:2]), {m for m, score in best.items() if score >= second - tie}


# Areas where the atlas, not the catalog, makes the two sides rank differently.  The forehead was one
# (temporalis TrP1 covered 6 % of the right and 12 % of the left forehead on the lateral views) until
# the skin areas were smoothed (issue 9).
# The lateral hip: four TrPs score within a hundredth for second place and the model's two hips
# differ (the back view's right and left lateral hip differ by 11 % of their area when mirrored).
# On the session-5 atlas, with quadratus lumborum TrP2 and gluteus medius TrP2 drawn as curves, both
# sides led with those two; on the session-6 skin areas the left side's second place goes to
# iliocostalis (0.806 against gluteus medius 0.806) and the right side's third to gluteus maximus
# (0.809): a margin smaller than the two hips' difference.  Strict: it fails loudly once they agree.
LOPSIDED_ATLAS: set[str] = {"lateral_hip"}


def _both_sides_case(slug: str):
    if slug in LOPSIDED_ATLAS:
        return pytest.param(slug, marks=pytest.mark.xfail(strict=True, reason="atlas asymmetry"))
    return slug


@pytest.mark.parametrize("slug", [_both_sides_case(s) for s in REQUIRED_SKIN_AREAS])
def test_the_same_area_on_both_sides_gives_the_same_muscles(slug: str) -> None:
    # The catalog is symmetric and the atlas nearly so: the two leading muscles for an area match on
    # both sides (lower places may swap where left and right skin areas differ by a few per cent,
    # and muscles tied with the second place -- four TrPs fill the ear area alike -- may swap too).
    (right, right_ties), (left, left_ties) = _leading(slug, "right"), _leading(slug, "left")
    assert right <= left_ties and left <= right_ties, (top_muscles(slug, 3, "right"), top_muscles(slug, 3, "left"))


# Both guard the ranking against slivers: it keeps each TrP's best view, so a few mm² of an area seen
# edge-on used to decide it (failed until the atlas rebuild of 07:00 removed the slivers).
def test_a_sliver_of_the_area_on_one_view_does_not_decide_the_ranking() -> None:
    # tsm1, Hand and Finger Flexors in the Forearm: the finger flexors refer to the palmar side of the
    # fingers, so pain on the back of the fingers must not be blamed on them first.
    flexors = {"flexor_digitorum_superficialis", "flexor_digitorum_profundus"}
    assert not flexors & set(top_muscles("dorsal_fingers", 2)), top_muscles("dorsal_fingers", 2)


def test_top_candidates_really_overlap_the_area() -> None:
    grazing = [(slug, c.trp_id) for slug in REQUIRED_SKIN_AREAS for c in ranked(slug, "right")[:5]
               if c.pain_covered < 0.02 and c.pattern_covered < 0.02]
    assert not grazing, grazing


# Each muscle the Manual counts among the commonest sources of pain in an area ranks among the
# first n distinct muscles there (issue 9: QL was 10th for the low back, piriformis 15th for the
# buttock, under the additive prevalence term; docs/ranking.md).
COMMON_SOURCES = [
    ("low_back", "quadratus_lumborum", 4, "tsm2, Quadratus Lumborum: a commonly overlooked source of low back pain"),
    ("low_back", "gluteus_medius", 5, "tsm2, Gluteus Medius: low back pain ('lumbago')"),
    ("buttock", "piriformis", 6, "tsm2, Piriformis and Other Short Lateral Rotators: buttock pain"),
    ("buttock", "gluteus_medius", 4, "tsm2, Gluteus Medius: buttock pain"),
]


@pytest.mark.parametrize(("slug", "muscle", "n", "manual"), COMMON_SOURCES, ids=[f"{c[0]}-{c[1]}" for c in COMMON_SOURCES])
@pytest.mark.parametrize("side", ["right", "left"])
def test_the_manuals_common_sources_rank_high(slug: str, muscle: str, n: int, manual: str, side: str) -> None:
    top = top_muscles(slug, 20, side)
    assert muscle in top[:n], f"{slug} ({side}): {muscle} is #{top.index(muscle) + 1 if muscle in top else '>20'}; {manual}"


@pytest.mark.parametrize("slug", ["posterior_arm", "lateral_thigh", "lateral_epicondyle", "anterior_chest"])
def test_trps_that_refer_no_pain_never_rank_for_pain(slug: str) -> None:
    # Trapezius TrP7 causes gooseflesh on the outer arm and thigh; the right pectoralis major
    # arrhythmia TrP causes no pain at all (tsm1).  Neither is a candidate for pain anywhere.
    ids = {c.trp_id for side in ("right", "left") for c in ranked(slug, side)}
    assert not ids & {"trapezius_trp7", "pectoralis_major_trp_arrhythmia"}
