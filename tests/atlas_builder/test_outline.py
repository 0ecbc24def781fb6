"""The view's silhouette where the skin patches stop (app/atlas_builder/outline.py)."""

from __future__ import annotations

import numpy as np

from app.atlas_builder.outline import body_silhouette, fill_missing_skin
from app.atlas_builder.raster import ViewGrid

GRID = ViewGrid.around("right_lateral", (0, 100), (0, 200), 1.0, margin_mm=0)


def _limb() -> tuple[np.ndarray, np.ndarray]:
    """A limb seen from the side, 1 mm pixels: its muscles 40 mm wide all the way down; the skin
    patch covers only the lower half (rows 100-199), 10 mm proud of the muscles on either side."""
    body = np.zeros((GRID.height_px, GRID.width_px), dtype=bool)
    body[:, 30:70] = True
    skin = np.zeros_like(body)
    skin[100:, 20:80] = True
    return body, skin


def test_the_body_is_grown_by_the_skins_thickness_where_the_patch_is_missing() -> None:
    """Without the fill the silhouette stepped from the muscles (40 mm) to the patch (60 mm) where
    the patch stops: a ledge.  With it the uncovered part is as wide as the skin beside it."""
    body, skin = _limb()
    filled = fill_missing_skin(body | skin, body, GRID)
    width = filled.sum(axis=1)
    assert width[100:].min() == 60 and width[100:].max() == 60  # where the patch is, it is the outline
    assert width[90] >= 55  # just above the patch's edge: 2 mm short on either side, not 10
    assert 40 < width[5] <= 62  # far from any skin: grown by the thickness found lower down
    bare = body_silhouette(skin, body, GRID, reach_mm=25, close_mm=4, fill_skin=False).sum(axis=1)
    assert bare[90] == 40 and bare[110] == 60  # the ledge the fill removes


def test_without_skin_or_body_nothing_is_grown() -> None:
    body, skin = _limb()
    assert np.array_equal(fill_missing_skin(body, body, GRID), body)  # no skin anywhere: no thickness known
    empty = np.zeros_like(body)
    assert np.array_equal(fill_missing_skin(skin, empty, GRID), skin)
