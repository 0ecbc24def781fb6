"""Zone sentences for the cards and the quiz, read off the drawn geometry.

A sentence names the skin areas a zone covers in plain words, the main ones first ("back of the
neck and temple, reaching the jaw"), and a landmark where the zone is a spot around it.  It is
generated from the compiled geometry, so it says where the zone really is, whatever offsets
the author used to draw it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import shapely
from shapely.geometry.base import BaseGeometry

from app.catalog.schema import ZoneElement, as_point
from app.domain.model import SkinArea
from app.domain.vocabulary import landmark_key

# Plain words for each skin area (docs/catalog-format.md lists the slugs).
AREA_WORDS: dict[str, str] = {
    "vertex": "top of the head", "forehead": "forehead", "temple": "temple", "occiput": "back of the head",
    "eye_eyebrow": "eye and eyebrow", "cheek": "cheek", "ear_tmj": "ear and jaw joint", "jaw": "jaw",
    "throat": "throat", "posterior_neck": "back of the neck", "upper_thoracic_back": "upper back",
    "mid_thoracic_back": "mid back", "anterior_chest": "front of the chest", "lateral_chest": "side of the chest",
    "upper_abdomen": "upper abdomen", "lower_abdomen": "lower abdomen", "low_back": "low back",
    "sacrum_si": "sacrum and sacroiliac joint", "buttock": "buttock", "posterior_shoulder": "back of the shoulder",
    "anterior_shoulder": "front of the shoulder", "posterior_arm": "back of the upper arm",
    "anterior_arm": "front of the upper arm", "lateral_epicondyle": "outer elbow",
    "medial_epicondyle": "inner elbow", "olecranon": "point of the elbow", "antecubital": "crook of the elbow",
    "dorsal_forearm": "back of the forearm", "volar_forearm": "front of the forearm",
    "dorsal_wrist_hand": "back of the wrist and hand", "thumb_radial_hand": "thumb and thumb side of the hand",
    "volar_wrist_palm": "front of the wrist and palm", "dorsal_fingers": "backs of the fingers",
    "volar_fingers": "palm side of the fingers", "lateral_hip": "side of the hip", "lateral_thigh": "outer thigh",
    "posterior_thigh": "back of the thigh", "anterior_thigh": "front of the thigh", "medial_thigh": "inner thigh",
    "anterior_knee": "front of the knee", "medial_knee": "inner side of the knee",
    "lateral_knee": "outer side of the knee", "posterior_knee": "back of the knee", "anterior_leg": "shin",
    "lateral_leg": "outer side of the lower leg", "calf": "calf", "anterior_ankle": "front of the ankle",
    "lateral_ankle": "outer ankle", "medial_ankle": "inner ankle", "heel": "heel", "dorsal_foot": "top of the foot",
    "plantar_midfoot": "arch of the sole", "plantar_forefoot": "ball of the foot", "great_toe": "big toe",
    "groin": "groin", "coccyx": "tailbone", "axilla": "armpit",
}
LANDMARK_WORDS: dict[str, str] = {
    "mastoid_process": "mastoid process", "tmj": "temporomandibular joint", "angle_of_mandible": "angle of the mandible",
    "zygomatic_arch": "cheekbone", "orbit": "eye", "acromion": "acromion", "coracoid_process": "coracoid process",
    "clavicle_mid": "middle of the collarbone", "sternoclavicular_joint": "sternoclavicular joint",
    "scapula_superior_angle": "upper corner of the shoulder blade",
    "scapula_spine_root": "inner end of the spine of the shoulder blade",
    "scapula_inferior_angle": "lower tip of the shoulder blade", "greater_tubercle": "greater tubercle",
    "deltoid_tuberosity": "deltoid insertion", "lateral_epicondyle": "lateral epicondyle",
    "medial_epicondyle": "medial epicondyle", "olecranon": "olecranon", "radial_head": "radial head",
    "radial_styloid": "radial styloid", "ulnar_styloid": "ulnar styloid", "first_mcp": "thumb knuckle",
    "middle_fingertip": "tip of the middle finger", "costal_margin": "lower rib margin",
    "rib12_tip": "tip of the 12th rib", "iliac_crest": "iliac crest", "asis": "ASIS", "psis": "PSIS",
    "pubic_tubercle": "pubic tubercle", "ischial_tuberosity": "sitting bone", "greater_trochanter": "greater trochanter",
    "patella": "kneecap", "tibial_tuberosity": "tibial tuberosity", "fibular_head": "head of the fibula",
    "lateral_malleolus": "lateral malleolus", "medial_malleolus": "medial malleolus", "calcaneus": "calcaneus",
    "first_metatarsal_head": "head of the first metatarsal", "fifth_metatarsal_head": "head of the fifth metatarsal",
    "fifth_metatarsal_base": "base of the fifth metatarsal", "great_toe_tip": "tip of the great toe",
    "vertex": "crown", "nasion": "bridge of the nose", "chin": "chin",
    "external_occipital_protuberance": "occipital protuberance", "hyoid": "hyoid", "jugular_notch": "jugular notch",
    "sternal_angle": "sternal angle", "xiphoid": "xiphoid", "umbilicus": "navel", "pubic_symphysis": "pubic symphysis",
    "sacrum": "sacrum", "coccyx": "coccyx",
}
# An area is named when the zone covers at least this much of it (on its best view) and this
# share of the zone; the main areas are those within MAIN_SHARE of the largest.
NAMED_MIN_MM2 = 150.0
NAMED_MIN_SHARE = 0.06
MAIN_SHARE = 0.4
MAX_NAMED = 6
# A disk drawn within this distance of its landmark (offsets) may name the landmark.
LANDMARK_NEAR_MM = 12.0
# ... and only when that disk makes at least this share of the zone (a spot, not a landmark in passing).
SPOT_SHARE = 0.6
# A zone drawn about one landmark is placed by it ("below the coccyx") only when no point of it
# lies further from the landmark than this.
ANCHOR_REACH_MM = 80.0


@dataclass(frozen=True)
class AreaCoverage:
    slug: str
    sides: frozenset[str]  # "same", "opposite"
    covered_mm2: float  # on the view that shows most of it


def area_coverage(zone_by_view: Mapping[str, BaseGeometry], skin_areas: Iterable[SkinArea],
                  trp_side: str) -> list[AreaCoverage]:
    """How much of each skin area the zone covers (best view), largest first."""
    best: dict[tuple[str, str], float] = {}
    areas = [a for a in skin_areas if a.view in zone_by_view]
    for area in areas:
        zone = zone_by_view[area.view]
        if zone.is_empty or not zone.intersects(area.geometry):
            continue
        covered = shapely.intersection(zone, area.geometry).area
        relation = "same" if area.side == trp_side else "opposite"
        key = (area.slug, relation)
        best[key] = max(best.get(key, 0.0), covered)
    by_slug: dict[str, tuple[set[str], float]] = {}
    for (slug, relation), covered in best.items():
        if covered < NAMED_MIN_MM2 and (slug, "same" if relation == "opposite" else "opposite") in best:
            continue  # a sliver across the midline does not make it "both sides"
        sides, total = by_slug.get(slug, (set(), 0.0))
        by_slug[slug] = (sides | {relation}, max(total, covered))
    result = [AreaCoverage(slug, frozenset(sides), mm2) for slug, (sides, mm2) in by_slug.items()]
    return sorted(result, key=lambda c: (-c.covered_mm2, c.slug))


# Areas on the midline, split only by the atlas: "on both sides" would read oddly.
_MIDLINE_AREAS = frozenset({"coccyx", "sacrum_si"})


def _area_phrase(c: AreaCoverage) -> str:
    words = AREA_WORDS.get(c.slug, c.slug.replace("_", " "))
    if c.sides == {"opposite"}:
        return f"{words} on the opposite side"
    if c.sides == {"same", "opposite"} and c.slug not in _MIDLINE_AREAS:
        return f"{words} on both sides"
    return words


def _join(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'; all commas when a name itself holds an 'and'."""
    if len(items) == 1:
        return items[0]
    if any(" and " in i for i in items):
        return ", ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _spot_landmark(elements: Sequence[ZoneElement], zone_by_view: Mapping[str, BaseGeometry],
                   landmarks: Mapping[str, Mapping[str, tuple[float, float]]],
                   trp_side: str) -> tuple[str, str, tuple[float, float]] | None:
    """(words, view, point) of the landmark the zone is a spot around: a disk centred on it
    makes most of the zone on that view."""
    for element in elements:
        if element.disk is None or element.side != "same":
            continue
        spec = as_point(element.disk.at)
        offset = abs(spec.superior - spec.inferior) + abs(spec.lateral - spec.medial) + abs(spec.anterior - spec.posterior)
        if spec.landmark is None or offset > LANDMARK_NEAR_MM or spec.landmark not in LANDMARK_WORDS:
            continue
        key = landmark_key(spec.landmark, trp_side)
        disk_area = 3.1416 * element.disk.r ** 2
        for view, zone in zone_by_view.items():
            here = landmarks.get(view, {}).get(key)
            if here is not None and zone.covers(shapely.Point(here)) and disk_area >= SPOT_SHARE * zone.area:
                return LANDMARK_WORDS[spec.landmark], view, here
    return None


def _anchor_phrase(elements: Sequence[ZoneElement]) -> str | None:
    """'below the coccyx': where every element of the zone is drawn about one landmark (curves
    through points offset from it, disks at it), the zone is a place relative to that landmark,
    which the skin areas alone do not say (the anal region is 'buttock' and 'tailbone' to them)."""
    points = []
    for element in elements:
        if element.side != "same":
            continue
        if element.curve is not None:
            points += [as_point(p) for p in element.curve.through]
        elif element.disk is not None:
            points.append(as_point(element.disk.at))
        else:
            return None
    names = {p.landmark for p in points}
    if not points or len(names) != 1 or None in names or next(iter(names)) not in LANDMARK_WORDS:
        return None
    mean = {axis: sum(getattr(p, axis) for p in points) / len(points)
            for axis in ("superior", "inferior", "lateral", "medial", "anterior", "posterior")}
    offsets = {"above": mean["superior"] - mean["inferior"], "below": mean["inferior"] - mean["superior"],
               "beside": abs(mean["lateral"] - mean["medial"]),
               "in front of": mean["anterior"] - mean["posterior"], "behind": mean["posterior"] - mean["anterior"]}
    where, amount = max(offsets.items(), key=lambda kv: kv[1])
    reach = max((p.superior - p.inferior) ** 2 + (p.lateral - p.medial) ** 2 + (p.anterior - p.posterior) ** 2
                for p in points) ** 0.5
    if reach > ANCHOR_REACH_MM:
        return None  # a zone reaching far from its landmark is not placed by it ("below the tibial tuberosity")
    return f"{'around' if amount <= LANDMARK_NEAR_MM else where} the {LANDMARK_WORDS[next(iter(names))]}"


def _area_at(skin_areas: Iterable[SkinArea], view: str, point: tuple[float, float]) -> str | None:
    here = shapely.Point(point)
    return next((a.slug for a in skin_areas if a.view == view and a.geometry.covers(here)), None)


def zone_sentence(zone_by_view: Mapping[str, BaseGeometry], skin_areas: Iterable[SkinArea],
                  elements: Sequence[ZoneElement], landmarks: Mapping[str, Mapping[str, tuple[float, float]]],
                  trp_side: str = "right") -> str:
    """'back of the neck and temple, reaching the jaw' -- empty when the zone draws nothing."""
    coverage = area_coverage(zone_by_view, skin_areas, trp_side)
    if not coverage:
        return ""
    total = sum(c.covered_mm2 for c in coverage)
    largest = coverage[0].covered_mm2
    named = [c for c in coverage if c.covered_mm2 >= max(NAMED_MIN_MM2, NAMED_MIN_SHARE * total)][:MAX_NAMED]
    named = named or coverage[:1]  # a small spot still names the area it lies in
    main = [_area_phrase(c) for c in named if c.covered_mm2 >= MAIN_SHARE * largest]
    rest = [_area_phrase(c) for c in named if c.covered_mm2 < MAIN_SHARE * largest]
    text = _join(main)
    spot = _spot_landmark(elements, zone_by_view, landmarks, trp_side)
    # The landmark sits with the area it lies in: beside the first area when it is there,
    # otherwise as a place of its own at the end.
    if spot is not None and re.search(rf"\b{re.escape(spot[0])}\b", text):
        spot = None  # "eye and eyebrow (around the eye)" says nothing new
    in_first = spot is not None and len(main) == 1 and _area_at(skin_areas, spot[1], spot[2]) == named[0].slug
    if spot and in_first:
        text += f" (around the {spot[0]})"
    if rest:
        text += f", reaching the {_join(rest)}"
    if spot and not in_first:
        text += f", and around the {spot[0]}"
    anchor = None if spot else _anchor_phrase(elements)
    anchor_words = anchor.split(" the ", 1)[1] if anchor else ""
    if anchor and not re.search(rf"\b{re.escape(anchor_words)}\b", text) and not (anchor.startswith("around") and any(
            AREA_WORDS.get(c.slug) in text and LANDMARK_WORDS.get(c.slug) == anchor_words for c in named)):
        # (around the coccyx in the tailbone area would say it twice; below the coccyx says more)
        text += f", {anchor}"
    return text
