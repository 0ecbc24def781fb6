"""Landmark rules and per-view visibility on small synthetic bones (no dataset needed)."""

from __future__ import annotations

import numpy as np
import pytest

from app.atlas_builder.glb import TriangleMesh
from app.atlas_builder.landmark_rules import LandmarkRuleError, direction_vector
from app.atlas_builder.landmarks import RULES_PATH, compute_landmarks_3d, landmarks_for_view
from app.atlas_builder.raster import ViewGrid


def box(name: str, lo: tuple[float, float, float], hi: tuple[float, float, float]) -> TriangleMesh:
    """An axis-aligned box (metres) as 12 triangles."""
    x0, y0, z0 = lo
    x1, y1, z1 = hi
    v = np.array([[x, y, z] for x in (x0, x1) for y in (y0, y1) for z in (z0, z1)], dtype=float)
    f = np.array([[0, 1, 3], [0, 3, 2], [4, 6, 7], [4, 7, 5], [0, 4, 5], [0, 5, 1],
                  [2, 3, 7], [2, 7, 6], [0, 2, 6], [0, 6, 4], [1, 5, 7], [1, 7, 3]])
    return TriangleMesh(name, v, f)


RULES = """
landmarks:
  lateral_epicondyle:
    paired: true
    bones: [humerus]
    within: {superior: [0.0, 0.15]}
    extreme: {lateral: 1}
  tip:
    paired: true
    bones: [humerus]
    extreme: {inferior: 1, lateral: 1}
    offset: {inferior: 10}
  centre:
    paired: true
    bones: [humerus]
    centroid: true
  chin:
    bones: [mandible]
    midline_mm: 60
    extreme: {anterior: 1}
  angle:
    paired: true
    bones: [mandible]
    extreme: {lateral: 1, inferior: 1}
  mid:
    paired: true
    between: [tip, centre]
    t: 0.5
  soft:
    surface_patch: umbilicus
    fallback: {between: [c7_spinous, chin], t: 0.0}
  missing:
    bones: [no such bone]
    extreme: {superior: 1}
spinous: {c7: seventh cervical vertebra}
"""


@pytest.fixture()
def bones() -> dict[tuple[str, str], list[TriangleMesh]]:
    # Humerus: a vertical bar with a lateral bump at its lower end (the epicondyle).
    right = [box("h", (-0.20, 1.00, -0.02), (-0.18, 1.30, 0.00)), box("bump", (-0.23, 1.02, -0.02), (-0.20, 1.03, 0.0))]
    left = [TriangleMesh(m.name, m.vertices * np.array([-1, 1, 1]), m.faces) for m in right]
    return {
        ("humerus", "right"): right,
        ("humerus", "left"): left,
        ("mandible", "midline"): [box("m", (-0.05, 1.50, -0.01), (0.05, 1.55, 0.07))],
        ("seventh cervical vertebra", "midline"): [box("c7", (-0.004, 1.44, -0.09), (0.004, 1.46, -0.05))],
    }


def test_rules_pick_the_characteristic_points(tmp_path, bones) -> None:
    rules = tmp_path / "landmarks.yaml"
    rules.write_text(RULES)
    errors: list[str] = []
    lm = compute_landmarks_3d(bones, rules_path=rules, errors=errors)
    assert lm["lateral_epicondyle.right"][0] == pytest.approx(-0.23)
    assert lm["lateral_epicondyle.left"][0] == pytest.approx(0.23)
    assert lm["tip.right"] == pytest.approx((-0.23, 1.02 - 0.010, -0.02), abs=0.0201)
    assert lm["tip.right"][1] == pytest.approx(1.01)
    assert lm["chin"][2] == pytest.approx(0.07) and lm["chin"][0] == pytest.approx(0.0)
    # A paired landmark on a midline bone uses that side's half.
    assert lm["angle.right"][0] < 0 < lm["angle.left"][0]
    mid = np.mean([lm["tip.right"], lm["centre.right"]], axis=0)
    assert lm["mid.right"] == pytest.approx(tuple(mid))
    assert lm["soft"] == pytest.approx(lm["c7_spinous"])  # fallback without region meshes
    assert lm["c7_spinous"][2] == pytest.approx(-0.09)
    assert "missing" not in lm and any(e.startswith("missing") for e in errors)


def test_surface_patch_used_when_region_meshes_are_given(tmp_path, bones) -> None:
    rules = tmp_path / "landmarks.yaml"
    rules.write_text(RULES)
    patch = box("umbilicus", (-0.01, 1.0, 0.10), (0.01, 1.02, 0.11))
    lm = compute_landmarks_3d(bones, [patch], rules_path=rules)
    assert lm["soft"] == pytest.approx((0.0, 1.01, 0.105))


def test_directions_depend_on_side() -> None:
    assert direction_vector("lateral", "right")[0] == -1.0
    assert direction_vector("medial", "left")[0] == -1.0
    with pytest.raises(LandmarkRuleError):
        direction_vector("lateral", "midline")


def test_shipped_rules_cover_the_contract_landmarks() -> None:
    import yaml

    doc = yaml.safe_load(RULES_PATH.read_text())
    names = set(doc["landmarks"]) | {f"{k}_spinous" for k in doc["spinous"]}
    from app.domain.vocabulary import MIDLINE_LANDMARKS, PAIRED_LANDMARKS

    assert set(PAIRED_LANDMARKS) <= names
    assert set(MIDLINE_LANDMARKS) <= names
    assert all(doc["landmarks"][n].get("paired") for n in PAIRED_LANDMARKS)


def _grid(view: str) -> ViewGrid:
    return ViewGrid.around(view, (-300.0, 300.0), (0.0, 400.0), 1.0, margin_mm=0.0)


def test_landmarks_for_view_hides_points_deep_behind_the_surface() -> None:
    grid = _grid("anterior")
    near = np.full((grid.height_px, grid.width_px), -np.inf, dtype=np.float32)
    near[100:300, 200:400] = 50.0  # a slab whose front surface is at z = 50 mm
    lm = {"front": (0.0, 0.2, 0.030), "deep": (0.0, 0.2, -0.150), "outside": (0.25, 0.2, 0.0),
          "rim.right": (-0.1005, 0.2, -0.02)}
    seen = landmarks_for_view(lm, grid, near)
    assert "front" in seen and "deep" not in seen and "outside" not in seen
    assert "rim.right" in seen  # edge-on at the silhouette, 70 mm behind
    x, y = seen["front"]
    assert x == pytest.approx(300.5, abs=1.0) and y == pytest.approx(200.0, abs=1.0)


def test_lateral_views_drop_the_far_side() -> None:
    grid = _grid("right_lateral")
    near = np.full((grid.height_px, grid.width_px), 500.0, dtype=np.float32)
    lm = {"a.right": (-0.1, 0.2, 0.0), "a.left": (-0.1, 0.2, 0.0), "mid": (-0.1, 0.2, 0.0)}
    near[:] = 100.0
    seen = landmarks_for_view(lm, grid, near)
    assert set(seen) == {"a.right", "mid"}
