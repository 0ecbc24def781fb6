"""A set of trigger points' referral pattern as drawn: one essential shape and one spillover shape.

Zones of several trigger points overlap; drawn one by one, their translucent fills would darken
where they meet and the spillover stipple would show through the essential red.  So the drawing
is the union of the essential zones, and the union of the spillover zones minus that.  A whole
muscle's pattern is compiled into the catalog once (app/catalog/compile_derived.py), so a click on
a muscle makes no union; a selection of some of its trigger points is made when asked.
"""

from __future__ import annotations

import shapely
from shapely.geometry.base import BaseGeometry

# A compiled pattern's edges are simplified within this distance (mm): far below a pixel even at the
# map's closest zoom (~19 px/mm), and it halves the stored vertices (zones are stored at 0.01 mm).
DRAWING_TOLERANCE_MM = 0.02


def pattern_shapes(essential: list[BaseGeometry], spillover: list[BaseGeometry]) -> tuple[BaseGeometry, BaseGeometry]:
    """Union of the essential zones, and of the spillover zones minus the essential area."""
    # One zone is already its own union (each union costs milliseconds on curved zones).
    ess = (essential[0] if len(essential) == 1 else shapely.union_all(essential)) if essential else shapely.Polygon()
    spill_all = spillover[0] if len(spillover) == 1 else shapely.union_all(spillover)
    spill = shapely.difference(spill_all, ess) if spillover else shapely.Polygon()
    return ess, spill


def drawn_pattern(essential: list[BaseGeometry], spillover: list[BaseGeometry]) -> tuple[BaseGeometry, BaseGeometry]:
    """``pattern_shapes``, its edges simplified for drawing (what the catalog stores per muscle)."""
    ess, spill = pattern_shapes(essential, spillover)
    return (shapely.simplify(ess, DRAWING_TOLERANCE_MM, preserve_topology=True),
            shapely.simplify(spill, DRAWING_TOLERANCE_MM, preserve_topology=True))
