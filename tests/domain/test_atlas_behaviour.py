"""Reading the body atlas: every muscle, bone, skin area and landmark lands on its view and side.

The compiled catalog is built from what ``load_atlas`` reads, so a region read on the wrong
side, a dropped layer or a skin area read from the wrong view would put every referral zone
built on it in the wrong place.  The tests read the small hand-checkable atlas of
tests/support/mini_catalog.py, whose every shape is known.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shapely.geometry import box

from app.domain.atlas import AtlasError, load_atlas
from tests.support.mini_catalog import BANDS, OUTLINE, _side_box, write_atlas


@pytest.fixture()
def assets(tmp_path: Path) -> Path:
    write_atlas(tmp_path)
    return tmp_path


def _same(a, b) -> bool:
    return a.symmetric_difference(b).area < 1e-6


def test_views_keep_their_size_layers_and_landmarks(assets: Path) -> None:
    atlas = load_atlas(assets)
    assert sorted(atlas.views) == ["anterior", "posterior"]
    posterior = atlas.views["posterior"]
    assert (posterior.name, posterior.width, posterior.height) == ("posterior", 400.0, 1000.0)
    assert posterior.layers == ("superficial", "deep")
    # The client's right acromion is on screen left from the front and screen right from behind.
    assert atlas.views["anterior"].landmarks["acromion.right"] == (120.0, 200.0)
    assert posterior.landmarks["acromion.right"] == (280.0, 200.0)
    assert posterior.landmarks["c7_spinous"] == (200.0, 180.0)
    assert "c7_spinous" not in atlas.views["anterior"].landmarks
    assert all(isinstance(v, float) for xy in posterior.landmarks.values() for v in xy)
    assert atlas.attribution == ["test atlas"]


def test_every_muscle_and_bone_is_read_on_its_view_layer_and_side(assets: Path) -> None:
    atlas = load_atlas(assets)
    keys = {(r.view, r.layer, r.kind, r.key) for r in atlas.regions}
    expected = {(view, layer, kind, key)
                for view in ("anterior", "posterior") for layer in ("superficial", "deep") for side in ("right", "left")
                for kind, key in (("muscle", f"trapezius.upper.{side}"), ("muscle", f"supinator.{side}"),
                                  ("bone", f"humerus.{side}"))}
    assert keys == expected and len(atlas.regions) == len(expected)
    for region in atlas.regions:
        if region.ref == "supinator":
            assert region.part is None  # no data-part attribute: no part, not ""
            assert _same(region.geometry, _side_box(region.view, region.side, 100, 400, 130, 450))
        if region.ref == "trapezius":
            assert region.part == "upper"
            assert _same(region.geometry, _side_box(region.view, region.side, 100, 150, 200, 200))


def test_skin_areas_and_outlines_are_read_per_view_and_side(assets: Path) -> None:
    atlas = load_atlas(assets)
    assert len(atlas.skin_areas) == 2 * 2 * len(BANDS)
    for area in atlas.skin_areas:
        y0, y1 = next((a, b) for slug, a, b in BANDS if slug == area.slug)
        assert _same(area.geometry, _side_box(area.view, area.side, 100, y0, 200, y1)), (area.view, area.slug)
    right_temple = {a.view: a.geometry.centroid.x for a in atlas.skin_areas if (a.slug, a.side) == ("temple", "right")}
    assert right_temple["anterior"] < 200 < right_temple["posterior"]
    assert set(atlas.outlines) == {"anterior", "posterior"}
    assert all(_same(g, OUTLINE) for g in atlas.outlines.values())


def test_a_path_without_a_side_is_midline_and_other_classes_are_ignored(assets: Path) -> None:
    svg = (assets / "anterior_superficial.svg").read_text()
    extra = ('<path class="muscle" data-ref="rectus_abdominis" d="M190 500L210 500L210 600L190 600Z"/>'
             '<path class="label" data-ref="ignored" d="M0 0L5 0L5 5Z"/>'
             '<path class="outline" d="M0 0L1 0L1 1Z"/>')  # a second outline does not replace the first
    (assets / "anterior_superficial.svg").write_text(svg.replace("</svg>", extra + "</svg>"))
    skin = (assets / "posterior_skin.svg").read_text()
    (assets / "posterior_skin.svg").write_text(
        skin.replace("</svg>", '<path class="skin" data-ref="sacrum_si" d="M190 600L210 600L210 650L190 650Z"/></svg>'))
    atlas = load_atlas(assets)
    rectus = [r for r in atlas.regions if r.ref == "rectus_abdominis"]
    assert [(r.side, r.part, r.layer, r.kind) for r in rectus] == [("midline", None, "superficial", "muscle")]
    assert _same(rectus[0].geometry, box(190, 500, 210, 600))
    assert not [r for r in atlas.regions if r.ref == "ignored"]
    assert _same(atlas.outlines["anterior"], OUTLINE)
    sacrum = [a for a in atlas.skin_areas if a.slug == "sacrum_si"]
    assert [(a.view, a.side) for a in sacrum] == [("posterior", "midline")]


def test_a_view_without_a_skin_file_still_loads_its_regions(assets: Path) -> None:
    (assets / "posterior_skin.svg").unlink()
    atlas = load_atlas(assets)
    assert {a.view for a in atlas.skin_areas} == {"anterior"}
    assert {r.view for r in atlas.regions} == {"anterior", "posterior"}


def test_no_attribution_and_no_landmarks_are_allowed(assets: Path) -> None:
    meta = json.loads((assets / "atlas.json").read_text())
    del meta["attribution"]
    del meta["views"]["anterior"]["landmarks"]
    (assets / "atlas.json").write_text(json.dumps(meta))
    atlas = load_atlas(assets)
    assert atlas.attribution == [] and atlas.views["anterior"].landmarks == {}


@pytest.mark.parametrize("damage, message", [
    (lambda a: (a / "atlas.json").unlink(), "atlas.json"),
    (lambda a: (a / "atlas.json").write_text("{not json"), "atlas.json"),
    (lambda a: (a / "posterior_deep.svg").unlink(), "posterior_deep.svg"),
    (lambda a: (a / "anterior_superficial.svg").write_text("<svg><path"), "anterior_superficial.svg"),
    (lambda a: (a / "anterior_skin.svg").write_text("<svg"), "anterior_skin.svg"),
])
def test_missing_or_broken_files_name_the_file(assets: Path, damage, message: str) -> None:
    damage(assets)
    with pytest.raises(AtlasError, match="cannot read") as caught:
        load_atlas(assets)
    assert message in str(caught.value)
