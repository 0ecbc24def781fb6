"""Patterns where the Manual is specific about the side of a limb (issue 9's review)."""

from __future__ import annotations

import sqlite3

import pytest

from app.paths import catalog_db_path

pytestmark = pytest.mark.skipif(not catalog_db_path().exists(), reason="no compiled catalog")


def _essential_views(trp_id: str) -> set[str]:
    db = sqlite3.connect(catalog_db_path())
    return {v for (v,) in db.execute("select view from zones where trp_id = ? and kind = 'essential'", (trp_id,))}


@pytest.mark.parametrize("trp_id", ["brachialis_trp_distal", "brachialis_trp_proximal"])
def test_brachialis_refers_to_the_back_of_the_thumb_base_not_its_palmar_face(trp_id: str) -> None:
    """The Manual: the dorsum of the thumb's carpometacarpal joint and the web space.  Seen from
    the front (palms forward) the thumb shows its palmar face, so the front view has no essential zone."""
    views = _essential_views(trp_id)
    assert "posterior" in views and "right_lateral" in views
    assert "anterior" not in views
