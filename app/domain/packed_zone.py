"""A referral zone whose shape is kept as WKB bytes and made into shapely geometry when asked.

The catalog's ~2,000 zones hold about 960,000 vertices: about 40 MB as GEOS geometry, 15 MB as
WKB.  A click tests only the few zones whose edge passes near it exactly, and drawing a pattern
needs only its trigger points' zones, so the window keeps the bytes and makes shapes on demand
(from WKB: about 10 microseconds per zone of 500 vertices).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import shapely
from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class PackedZone:
    """Reads like a ``ZoneShape`` (``geometry`` is made anew on each access: keep it if you need it twice)."""

    trp_id: str
    kind: str  # essential | spillover
    view: str
    side: str
    wkb: bytes = field(repr=False)
    cells: object = field(default=None, compare=False, repr=False)  # np.ndarray on the view's CellGrid

    @property
    def geometry(self) -> BaseGeometry:
        return shapely.from_wkb(self.wkb)
