"""A trigger point whose location uses a landmark hidden on a side view still gets its cross there,
on its own muscle (app/catalog/hidden_landmarks.py): upper trapezius TrP1 from the side, the
deltoid's and vastus lateralis' TrPs on the lateral views, as the Manual draws them."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

import pytest
import shapely

from app.catalog.hidden_landmarks import landmarks_with_hidden
from app.domain.atlas import Atlas, ViewInfo, load_atlas
from app.paths import ASSETS_DIR, catalog_db_path

SIDE_VIEW_TRPS = ["trapezius_trp1", "trapezius_trp2", "deltoid_trp_anterior", "deltoid_trp_posterior",
                  "vastus_lateralis_trp1", "vastus_lateralis_trp2", "triceps_brachii_trp1", "biceps_femoris_trp_long"]


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas(ASSETS_DIR)


@pytest.mark.parametrize("view", ["anterior", "posterior", "right_lateral", "left_lateral"])
def test_a_landmark_hidden_from_the_fit_is_projected_where_the_atlas_draws_it(atlas: Atlas, view: str) -> None:
    """Leave each visible landmark out in turn: the projection recovered from the others puts it
    back within half a millimetre of where the atlas builder projected it."""
    info = atlas.views[view]
    for name in list(info.landmarks)[::3]:
        others = {k: v for k, v in info.landmarks.items() if k != name}
        partial = Atlas(views={view: ViewInfo(view, info.width, info.height, info.layers, others)},
                        landmarks3d=atlas.landmarks3d)
        x, y = landmarks_with_hidden(partial, view)[name]
        assert abs(x - info.landmarks[name][0]) < 0.5 and abs(y - info.landmarks[name][1]) < 0.5, name


def test_without_3d_landmarks_only_the_visible_ones_are_used(atlas: Atlas) -> None:
    info = atlas.views["right_lateral"]
    assert landmarks_with_hidden(Atlas(views={"right_lateral": info}), "right_lateral") == info.landmarks
    assert "c7_spinous" in landmarks_with_hidden(atlas, "right_lateral")
    assert "c7_spinous" not in info.landmarks  # hidden behind the neck's contour from the side


@pytest.mark.skipif(not catalog_db_path().exists(), reason="no compiled catalog (data/trigger_points.db)")
def test_side_view_trigger_points_have_their_cross_on_their_own_muscle() -> None:
    db = sqlite3.connect(catalog_db_path())
    muscle_of = dict(db.execute("select id, muscle_id from trigger_points"))
    regions = defaultdict(list)
    for view, ref, side, blob in db.execute("select view, ref, side, geometry from regions where kind = 'muscle'"):
        regions[(view, ref, side)].append(shapely.from_wkb(blob))
    placed = {(trp, view, side): (x, y) for trp, view, side, x, y in
              db.execute("select trp_id, view, side, x, y from trp_placements")}
    for trp in SIDE_VIEW_TRPS:
        for view, side in (("right_lateral", "right"), ("left_lateral", "left")):
            assert (trp, view, side) in placed, f"{trp}: no cross on the {view} view"
            cross = shapely.Point(placed[(trp, view, side)])
            assert min(g.distance(cross) for g in regions[(view, muscle_of[trp], side)]) <= 1.0, (trp, view)
