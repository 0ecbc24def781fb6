"""Skin areas on small synthetic input: rules, tiling, sides and the SVG file."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from affine import Affine
from shapely.geometry import box as rect

from app.atlas_builder.glb import TriangleMesh
from app.atlas_builder.raster import ViewGrid
from app.atlas_builder.skin import SkinArea, build_skin_areas, write_skin_svg
from app.atlas_builder.skin_features import LEFT, RIGHT, SkinPixels
from app.atlas_builder.skin_rules import classify
from app.atlas_builder.skin_svg import read_skin_svg
from app.atlas_builder.skin_vector import fill_from_nearest, majority_smooth, tile_outline, tiling_error, vectorise

RULES = """
segments: {thigh: [femur]}
axes: {thigh: [thigh]}
rules:
  - {slug: anterior_knee, y: [null, "patella + 20"]}
  - {slug: anterior_thigh, segments: [thigh], facing: [-45, 45]}
  - {slug: lateral_thigh, segments: [thigh], facing: [45, 135]}
  - {slug: medial_thigh, segments: [thigh], facing: [-135, -45]}
  - {slug: posterior_thigh, segments: [thigh]}
"""


def cylinder(name: str, cx: float, cz: float, r: float, y0: float, y1: float, n: int = 32) -> TriangleMesh:
    a = np.linspace(0, 2 * np.pi, n, endpoint=False)
    ring = np.column_stack([cx + r * np.cos(a), np.zeros(n), cz + r * np.sin(a)])
    v = np.vstack([ring + [0, y0, 0], ring + [0, y1, 0], [[cx, y0, cz], [cx, y1, cz]]])
    faces = []
    for i in range(n):
        j = (i + 1) % n
        faces += [[i, j, n + j], [i, n + j, n + i], [2 * n, j, i], [2 * n + 1, n + i, n + j]]
    return TriangleMesh(name, v, np.array(faces))


@pytest.fixture()
def legs():
    bones = {("femur", "right"): [cylinder("fr", -0.1, 0.0, 0.012, 0.1, 0.5)],
             ("femur", "left"): [cylinder("fl", 0.1, 0.0, 0.012, 0.1, 0.5)]}
    skin = [cylinder("leg_r", -0.1, 0.0, 0.06, 0.1, 0.5), cylinder("leg_l", 0.1, 0.0, 0.06, 0.1, 0.5)]
    landmarks = {"patella.right": (-0.1, 0.15, 0.05), "patella.left": (0.1, 0.15, 0.05)}
    return bones, skin, landmarks


def _outline(grid: ViewGrid, skin: list[TriangleMesh]) -> shapely.Geometry:
    from app.atlas_builder.raster import rasterize

    labels, _ = rasterize([(1, m) for m in skin], grid)
    # Slightly larger than the raster: the builder must fill the rim so the areas still tile it.
    return vectorise((labels > 0).astype(np.int32), Affine(*grid.pixel_to_svg_affine()))[1].buffer(0.6)


@pytest.mark.parametrize("view", ["anterior", "posterior", "right_lateral"])
def test_areas_tile_the_outline_and_follow_the_sides(tmp_path, legs, view) -> None:
    bones, skin, landmarks = legs
    rules = tmp_path / "skin.yaml"
    rules.write_text(RULES)
    from app.atlas_builder.projection import project

    pts = project(np.vstack([m.vertices for m in skin]), view)
    grid = ViewGrid.around(view, (pts[:, 0].min(), pts[:, 0].max()), (pts[:, 1].min(), pts[:, 1].max()), 1.0)
    outline = _outline(grid, skin)
    areas = build_skin_areas(view, grid, skin, outline, {}, landmarks3d=landmarks, meshes_by_part=bones,
                             midline_x_m=0.0, rules_path=rules)
    gap, overlap = tiling_error([a.geometry for a in areas], outline)
    assert gap < 1e-4 and overlap < 1e-4
    by_id = {a.id: a.geometry for a in areas}
    if view == "right_lateral":
        assert {a.side for a in areas} == {"right"}
        assert {"anterior_thigh.right", "posterior_thigh.right", "anterior_knee.right"} <= set(by_id)
        # Face towards screen right: the anterior thigh lies right of the posterior thigh.
        assert by_id["anterior_thigh.right"].centroid.x > by_id["posterior_thigh.right"].centroid.x
        return
    front = "anterior_thigh" if view == "anterior" else "posterior_thigh"
    right_x, left_x = by_id[f"{front}.right"].centroid.x, by_id[f"{front}.left"].centroid.x
    assert (right_x < left_x) if view == "anterior" else (right_x > left_x)
    # Lateral strips on the outer edges, medial strips on the inner ones.
    assert abs(by_id["lateral_thigh.right"].centroid.x - right_x) > 20
    lateral_outer = by_id["lateral_thigh.right"].centroid.x < by_id["medial_thigh.right"].centroid.x
    assert lateral_outer == (view == "anterior")
    # The knee band sits at the bottom (SVG y grows downwards).
    assert by_id["anterior_knee.right"].centroid.y > by_id[f"{front}.right"].centroid.y


def test_missing_inputs_give_no_areas(legs) -> None:
    _, skin, _ = legs
    grid = ViewGrid.around("anterior", (-200, 200), (0, 600), 2.0)
    with pytest.warns(UserWarning):
        assert build_skin_areas("anterior", grid, skin, rect(0, 0, 10, 10), {}) == []


def _pixels(points_mm, facing, side, segment=None) -> SkinPixels:
    n = len(points_mm)
    return SkinPixels(np.arange(n), np.arange(n), np.array(points_mm, dtype=float), np.zeros(n, int),
                      np.zeros(n, int) if segment is None else np.array(segment), np.array(side),
                      np.full(n, -1), np.array(facing, dtype=float), ["femur"], ["thigh", "leg"], [])


def test_rules_first_match_wraparound_and_landmark_expressions() -> None:
    rules = {"rules": [
        {"slug": "near_it", "near": {"spot": 10}},
        {"slug": "back", "facing": [135, -135]},
        {"slug": "high", "y": ["spot + 50", None]},
        {"slug": "gone", "y": ["no_such_landmark", None]},
        {"slug": "leg_only", "segments": ["leg"]},
        {"slug": "toes", "ahead_of": ["a", "b", 5]},
        {"slug": "rest"},
    ]}
    lm = {"spot.right": (-0.1, 0.2, 0.0), "spot.left": (0.1, 0.3, 0.0), "a": (0, 0, 0.1), "b": (0.1, 0, 0.1)}
    pts = [[-100, 205, 0], [-50, 0, 0], [-50, 0, 0], [50, 355, 0], [50, 300, 0], [50, 0, 0], [0, 0, 120], [0, 0, 0]]
    facing = [0, 170, -170, 0, 0, 0, 0, 0]
    side = [RIGHT, RIGHT, RIGHT, LEFT, LEFT, LEFT, LEFT, LEFT]
    segment = [0, 0, 0, 0, 0, 1, 0, 0]
    skipped: list[str] = []
    label, keys = classify("anterior", _pixels(pts, facing, side, segment), rules, lm, 0.0, skipped)
    names = [keys[i - 1] for i in label]
    assert names == [("near_it", "right"), ("back", "right"), ("back", "right"), ("high", "left"),
                     ("rest", "left"), ("leg_only", "left"), ("toes", "left"), ("rest", "left")]
    assert any("no_such_landmark" in s for s in skipped)


def test_tile_outline_fills_gaps_and_absorbs_specks() -> None:
    labels = np.zeros((40, 60), dtype=np.int32)
    labels[5:35, 5:30] = 1
    labels[5:35, 30:55] = 2
    labels[20, 40] = 1  # a one-pixel speck inside area 2
    inside = labels > 0
    labels = majority_smooth(labels, inside, 3)
    assert labels[20, 40] == 2
    labels[10, 10] = 0
    labels = fill_from_nearest(labels, inside)
    assert labels[10, 10] == 1
    labels[20, 41] = 1
    outline = rect(4, 4, 56, 36)  # larger than the labelled pixels
    tiles = tile_outline(vectorise(labels, Affine.identity()), outline, tolerance_mm=0.5, min_piece_mm2=4.0)
    gap, overlap = tiling_error(list(tiles.values()), outline)
    assert gap < 1e-9 and overlap < 1e-9
    assert len(shapely.get_parts(tiles[1])) == 1  # the speck went to area 2


def test_svg_round_trip(tmp_path) -> None:
    outline = rect(0, 0, 100, 50)
    areas = [SkinArea("temple", "right", rect(0, 0, 50, 50)), SkinArea("temple", "left", rect(50, 0, 100, 50))]
    path = tmp_path / "anterior_skin.svg"
    write_skin_svg(path, "anterior", 100, 50, areas, outline)
    svg = read_skin_svg(path)
    assert (svg.view, svg.width, svg.height) == ("anterior", 100.0, 50.0)
    assert [(a.id, a.slug, a.side) for a in svg.areas] == [("temple.left", "temple", "left"), ("temple.right", "temple", "right")]
    assert svg.outline.area == pytest.approx(5000.0)
    assert svg.areas[1].geometry.equals(rect(0, 0, 50, 50))
    text = path.read_text()
    assert 'id="outline" class="outline"' in text and 'class="skin" data-ref="temple" data-side="right"' in text


def test_far_side_seen_through_a_hole_is_reflected(tmp_path, legs) -> None:
    """Without its front faces the skin shows its inner back surface; that must not turn the
    front of the leg into 'posterior_thigh'."""
    bones, skin, landmarks = legs
    rules = tmp_path / "skin.yaml"
    rules.write_text(RULES)
    open_skin = []
    for mesh in skin:
        centroid_z = mesh.vertices[mesh.faces].mean(axis=1)[:, 2]
        open_skin.append(TriangleMesh(mesh.name, mesh.vertices, mesh.faces[centroid_z < 0.0]))
    grid = ViewGrid.around("anterior", (-170, 170), (90, 510), 1.0)
    outline = _outline(grid, skin)
    areas = build_skin_areas("anterior", grid, open_skin, outline, {}, landmarks3d=landmarks,
                             meshes_by_part=bones, midline_x_m=0.0, rules_path=rules)
    area = {a.id: a.geometry.area for a in areas}
    assert area.get("anterior_thigh.right", 0) > 5 * area.get("posterior_thigh.right", 0)


def test_level_slope_tilts_a_bound_through_its_landmark() -> None:
    """A level through a landmark runs down and forward: 40 mm in front of it, a pixel 10 mm below
    the landmark's height is already above a 0.35 slope's level; 40 mm behind it, 10 mm above is not."""
    lm = {"spot.right": (-0.1, 0.3, 0.0)}
    pts = [[-100, 300, 0], [-100, 295, 40], [-100, 280, 40], [-100, 310, -40], [-100, 318, -40]]
    px = _pixels(pts, [0] * 5, [RIGHT] * 5, [0] * 5)
    rule = [{"slug": "above", "y": ["spot", None]}, {"slug": "below"}]
    flat, keys_flat = classify("anterior", px, {"rules": rule}, lm, 0.0)
    tilted, keys_tilted = classify("anterior", px, {"rules": rule, "level_slope": {"y": 0.35}}, lm, 0.0)
    assert [keys_flat[i - 1][0] for i in flat] == ["above", "below", "below", "above", "above"]
    assert [keys_tilted[i - 1][0] for i in tilted] == ["above", "above", "below", "below", "above"]
    # A rule can keep its bounds level.
    level, keys_level = classify("anterior", px, {"rules": [{**rule[0], "slope": {"y": 0}}, rule[1]],
                                                  "level_slope": {"y": 0.35}}, lm, 0.0)
    assert [keys_level[i - 1][0] for i in level] == ["above", "below", "below", "above", "above"]


def test_a_border_converging_downward_follows_its_line_not_a_ruled_vertical() -> None:
    """The sacrum rule's ``x_abs_line``: 60 mm from the midline at the top landmark's height, 10 mm
    at the bottom one's, straight in between and beyond (the box it replaced kept 60 mm all the way)."""
    lm = {"top": (0.0, 0.5, 0.0), "bottom": (0.0, 0.3, 0.0)}
    # (distance from the midline, height): inside near the top, outside near the bottom, and the
    # same distance judged differently halfway (limit 35 mm) and below the bottom (limit 5 mm).
    pts = [[55, 500, 0], [55, 300, 0], [30, 400, 0], [40, 400, 0], [8, 300, 0], [8, 250, 0], [-30, 400, 0]]
    px = _pixels(pts, [0] * 7, [LEFT] * 6 + [RIGHT], [0] * 7)
    rules = {"rules": [{"slug": "sacrum", "x_abs_line": [["top", 60], ["bottom", 10]]}, {"slug": "buttock"}]}
    label, keys = classify("posterior", px, rules, lm, 0.0)
    assert [keys[i - 1][0] for i in label] == ["sacrum", "buttock", "sacrum", "buttock", "sacrum", "buttock",
                                               "sacrum"]


def test_a_level_falling_away_from_the_midline_follows_its_line() -> None:
    """``y_below``: the costal margin, a rib, the sacrum's upper sides fall from the midline; the
    limit is the line through (distance, height) points, level beyond its last point (a level at
    the first landmark's height judged all four points alike)."""
    lm = {"xiphoid": (0.0, 0.50, 0.0), "margin.left": (0.1, 0.40, 0.0), "margin.right": (-0.1, 0.40, 0.0)}
    # (x, height): under the line at the midline, over it halfway (limit 450), under it halfway,
    # beyond the margin (limit 400 wherever), and the same on the right side.
    pts = [[0, 490, 0], [50, 460, 0], [50, 440, 0], [150, 405, 0], [150, 395, 0], [-50, 440, 0]]
    px = _pixels(pts, [0] * 6, [LEFT] * 5 + [RIGHT], [0] * 6)
    rules = {"rules": [{"slug": "abdomen", "y_below": [[0, "xiphoid"], ["margin", "margin"]]}, {"slug": "chest"}]}
    label, keys = classify("anterior", px, rules, lm, 0.0)
    assert [keys[i - 1][0] for i in label] == ["abdomen", "chest", "abdomen", "chest", "abdomen", "abdomen"]
    above = {"rules": [{"slug": "chest", "y_above": [[0, "xiphoid"], ["margin", "margin"]]}, {"slug": "abdomen"}]}
    label, keys = classify("anterior", px, above, lm, 0.0)
    assert [keys[i - 1][0] for i in label] == ["abdomen", "chest", "abdomen", "chest", "abdomen", "abdomen"]


def test_a_facing_range_can_widen_along_the_limb() -> None:
    """``facing_along``: bounds interpolated with height between two levels, constant beyond them
    (the front of the leg widening towards the ankle)."""
    lm = {"knee.right": (-0.1, 0.5, 0.0), "ankle.right": (-0.1, 0.1, 0.0)}
    # facing 70: outside [-65, 55] at the knee, inside at the ankle ([-95, 80]) and halfway ([-80, 67.5]
    # is still outside); below the ankle level the ankle's range holds.
    pts = [[-100, 500, 0], [-100, 100, 0], [-100, 300, 0], [-100, 50, 0], [-100, 600, 0]]
    px = _pixels(pts, [70, 70, 70, -90, -70], [RIGHT] * 5, [0] * 5)
    rules = {"rules": [{"slug": "front", "facing_along": [["knee", [-65, 55]], ["ankle", [-95, 80]]]},
                       {"slug": "calf"}]}
    label, keys = classify("anterior", px, rules, lm, 0.0)
    assert [keys[i - 1][0] for i in label] == ["calf", "front", "calf", "front", "calf"]


def test_near_offset_measures_from_the_landmark_moved_away_from_the_midline() -> None:
    """``near_offset``: a sphere about a landmark moved (lateral, up, forward); lateral is away from
    the midline on either side (the temple's fossa above the zygomatic arch)."""
    lm = {"arch.right": (-0.06, 0.5, 0.0), "arch.left": (0.06, 0.5, 0.0)}
    rule = {"slug": "temple", "near_offset": ["arch", [10, 30, -5], 20]}
    # Centres: right (-70, 530, -5), left (70, 530, -5); the mirrored point misses on each side.
    pts = [[-70, 545, -5], [70, 545, -5], [-50, 545, -5], [50, 545, -5], [-70, 500, -5]]
    px = _pixels(pts, [0] * 5, [RIGHT, LEFT, RIGHT, LEFT, RIGHT], [0] * 5)
    label, keys = classify("anterior", px, {"rules": [rule, {"slug": "rest"}]}, lm, 0.0)
    assert [keys[i - 1][0] for i in label] == ["temple", "temple", "rest", "rest", "rest"]


def test_the_calfs_edge_seen_from_the_front_is_not_taken_for_the_far_side() -> None:
    """Skin at the edge of the leg's silhouette lies behind the bones' axis where the calf bulges
    (the gastrocnemius' medial head): mirrored to the front it became anterior leg, medial to a strip
    of calf.  On a limb wide behind its bones only a point more behind the axis than beside it is
    the far side seen through a hole; elsewhere the old rule holds."""
    from app.atlas_builder.skin_features import _mirror_far_side

    centre, half = np.zeros((3, 2)), np.full((3, 2), 20.0)
    # (x, y, z) mm, the front view looks along -z: the calf's edge (out to the side, a bit behind),
    # a point straight behind the axis, and one in front.
    points = np.array([[-45.0, 0.0, -15.0], [-5.0, 0.0, -25.0], [0.0, 0.0, 15.0]])
    far = _mirror_far_side(points.copy(), centre, half, "anterior", np.array([True, True, True]))
    assert far.tolist() == [False, True, False]
    far = _mirror_far_side(points.copy(), centre, half, "anterior", np.array([False, False, False]))
    assert far.tolist() == [True, True, False]
