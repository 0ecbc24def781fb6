"""The committed skin SVGs (assets/body_svgs/{view}_skin.svg): tiling, slugs, sides."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

import pytest
import shapely

from app.atlas_builder.skin_svg import SkinSvg, read_skin_svg
from app.domain.vocabulary import EXTRA_SKIN_AREAS, REQUIRED_SKIN_AREAS
from app.paths import ASSETS_DIR

ASSETS = Path(os.environ.get("TPX_ATLAS_ASSETS", ASSETS_DIR))
VIEWS = ("anterior", "posterior", "right_lateral", "left_lateral", "plantar")
A, P, R, L, PL = VIEWS
LAT = (R, L)
MAX_TILING_ERROR = 0.005  # fraction of the outline area

# Where each area must appear (on both sides; a lateral view shows its near side).  Areas may also
# appear elsewhere, e.g. as a narrow strip at the silhouette.
VISIBLE: dict[str, tuple[str, ...]] = {
    "vertex": (A, P, *LAT), "forehead": (A, *LAT), "temple": (A, *LAT), "occiput": (P, *LAT),
    "eye_eyebrow": (A, *LAT), "cheek": (A, *LAT), "ear_tmj": (A, P, *LAT), "jaw": (A, *LAT),
    "throat": (A, *LAT), "posterior_neck": (P, *LAT), "upper_thoracic_back": (P, *LAT),
    "mid_thoracic_back": (P, *LAT), "anterior_chest": (A, *LAT), "lateral_chest": (A, P, *LAT),
    "upper_abdomen": (A, *LAT), "lower_abdomen": (A, *LAT), "low_back": (P, *LAT), "sacrum_si": (P,),
    "buttock": (P, *LAT), "posterior_shoulder": (P, *LAT), "anterior_shoulder": (A, *LAT),
    "posterior_arm": (P, *LAT), "anterior_arm": (A, *LAT), "lateral_epicondyle": (A, P, *LAT),
    "medial_epicondyle": (A, P), "olecranon": (P, *LAT), "antecubital": (A, *LAT),
    "dorsal_forearm": (P, *LAT), "volar_forearm": (A, *LAT), "dorsal_wrist_hand": (P, *LAT),
    "thumb_radial_hand": (A, P), "volar_wrist_palm": (A,), "dorsal_fingers": (P,), "volar_fingers": (A,),
    "lateral_hip": (A, P, *LAT), "lateral_thigh": (A, P, *LAT), "posterior_thigh": (P, *LAT),
    "anterior_thigh": (A, *LAT), "medial_thigh": (A, P), "anterior_knee": (A, *LAT),
    "medial_knee": (A, P), "lateral_knee": (A, P, *LAT), "posterior_knee": (P, *LAT),
    "anterior_leg": (A, *LAT), "lateral_leg": (A, P, *LAT), "calf": (P, *LAT), "anterior_ankle": (A, *LAT),
    "lateral_ankle": (A, P, *LAT), "medial_ankle": (A,), "heel": (P, *LAT, PL), "dorsal_foot": (A, *LAT),
    "plantar_midfoot": (PL,), "plantar_forefoot": (PL,), "great_toe": (A, PL),
    "groin": (A,), "coccyx": (P,), "axilla": (A,),
}


@pytest.fixture(scope="module")
def skins() -> dict[str, SkinSvg]:
    missing = [v for v in VIEWS if not (ASSETS / f"{v}_skin.svg").exists()]
    assert not missing, f"no skin SVG for {missing} in {ASSETS}"
    return {v: read_skin_svg(ASSETS / f"{v}_skin.svg") for v in VIEWS}


def test_table_covers_the_contract() -> None:
    assert set(VISIBLE) == set(REQUIRED_SKIN_AREAS) | set(EXTRA_SKIN_AREAS)


@pytest.mark.parametrize("view", VIEWS)
def test_areas_tile_the_outline(skins, view) -> None:
    skin = skins[view]
    outline = skin.outline
    geoms = [a.geometry for a in skin.areas]
    union = shapely.union_all(geoms)
    uncovered = shapely.difference(outline, union).area / outline.area
    outside = shapely.difference(union, outline).area / outline.area
    overlap = (sum(g.area for g in geoms) - union.area) / outline.area
    assert uncovered < MAX_TILING_ERROR and outside < MAX_TILING_ERROR and overlap < MAX_TILING_ERROR


@pytest.mark.parametrize("view", VIEWS)
def test_ids_slugs_and_sides_are_well_formed(skins, view) -> None:
    areas = skins[view].areas
    ids = [a.id for a in areas]
    assert len(ids) == len(set(ids))
    for a in areas:
        assert a.id == f"{a.slug}.{a.side}"
        assert a.slug in VISIBLE, a.slug
        assert a.side in ("right", "left")
        assert a.geometry.is_valid and a.geometry.area > 0
    if view in LAT:
        assert {a.side for a in areas} == {"right" if view == R else "left"}


@pytest.mark.parametrize("slug", sorted(VISIBLE))
def test_required_areas_exist_on_both_sides(skins, slug) -> None:
    for view in VISIBLE[slug]:
        sides = {a.side for a in skins[view].areas if a.slug == slug}
        expected = {"right"} if view == R else {"left"} if view == L else {"right", "left"}
        assert expected <= sides, f"{slug} on {view}: sides {sorted(sides)}"


@pytest.mark.parametrize("view", (A, P, PL))
def test_sides_follow_the_midline(skins, view) -> None:
    """Right areas on the patient's right: screen left on anterior and plantar, screen right on posterior."""
    skin = skins[view]
    by_side: dict[str, list] = defaultdict(list)
    for a in skin.areas:
        by_side[a.side].append(a.geometry)
    right_x = shapely.union_all(by_side["right"]).centroid.x
    left_x = shapely.union_all(by_side["left"]).centroid.x
    assert (right_x < left_x) == (view != P)
    # Every right area lies (almost) entirely on the right of the body midline.
    midline = (right_x + left_x) / 2
    for a in skin.areas:
        x0, _, x1, _ = a.geometry.bounds
        on_right_screen_half = x1 <= midline + 2 if view != P else x0 >= midline - 2
        assert on_right_screen_half == (a.side == "right"), (view, a.id, round(x0), round(x1), round(midline))
