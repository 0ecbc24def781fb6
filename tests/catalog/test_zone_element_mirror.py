"""Each zone element shows on the mirrored views for a left TrP as for a right one.

The Manual draws one side; the other is its mirror image.  An element anchored on a landmark the
atlas marks on one lateral view only (c3_spinous is on the right lateral view, not the left) drew
trapezius TrP1-3's neck curve for right TrPs and silently dropped it for left ones: the zone-level
mirror check in test_textbook.py missed it because other elements of the same zone still reached
the left lateral view.  Checked element by element, nothing can hide it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.catalog.sources import load_sources
from app.catalog.zones import zone_geometry
from app.domain.atlas import load_atlas

ROOT = Path(__file__).resolve().parents[2]
MIRROR = {"anterior": "anterior", "posterior": "posterior", "plantar": "plantar",
          "right_lateral": "left_lateral", "left_lateral": "right_lateral"}
MIN_MM2 = 1.0  # a crumb clipped at the outline is not a shown element


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(ROOT / "assets" / "body_svgs")


def _views_shown(atlas, side: str, element) -> set[str]:
    shown = set()
    for view in atlas.views:
        if zone_geometry(atlas, view, side, [element]).area >= MIN_MM2:
            shown.add(view if side == "right" else MIRROR[view])
    return shown


def test_every_zone_element_of_a_left_trp_shows_where_its_right_twin_does(atlas) -> None:
    lopsided = []
    for muscle in load_sources(ROOT / "data" / "catalog").muscles:
        for trp in muscle.trigger_points:
            sides = getattr(trp.location, "sides", None) or ["right", "left"]
            if set(sides) != {"right", "left"}:
                continue  # a one-sided TrP (the right pectoralis major's arrhythmia TrP) has no twin
            for kind in ("essential", "spillover"):
                for index, element in enumerate(getattr(trp, kind) or []):
                    right, left = _views_shown(atlas, "right", element), _views_shown(atlas, "left", element)
                    if right != left:
                        lopsided.append(f"{trp.id} {kind}[{index}]: right on {sorted(right)}, left on {sorted(left)}")
    assert not lopsided, "\n".join(lopsided)
