"""A referral zone whose shape is kept compact and made into shapely geometry when asked.

The catalog's ~1,900 zones hold about 840,000 vertices: about 35 MB as GEOS geometry, 13 MB as
WKB.  A click tests only the few zones whose edge passes near it exactly, and drawing a pattern
needs only its trigger points' zones, so the window keeps the shapes packed and makes them on
demand (about 10 microseconds per zone of 500 vertices).

Packed, a zone is its WKB with the coordinates taken out and kept as whole hundredths of a
millimetre in int32 (8 bytes a vertex instead of 16): the compiled catalog's zones lie on that
grid exactly, so the WKB put back together is byte for byte the stored one.  A shape that is
not on the grid (a catalog compiled otherwise) or not a (multi)polygon stays WKB.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from app.domain.cell_grid import unpack_cells

UNITS_PER_MM = 100  # coordinates kept as whole hundredths of a millimetre
_POLYGON, _MULTIPOLYGON = 3, 6
_INT32_LIMIT = 2**31 - 1


@dataclass(frozen=True)
class CompactShape:
    """WKB without its coordinates (``frame``), the coordinates in 0.01 mm (int32, x y x y ...),
    and per ring the length of the frame before it and its number of points (``runs``)."""

    frame: bytes
    coords: np.ndarray = field(compare=False)
    runs: np.ndarray = field(compare=False)

    def to_wkb(self) -> bytes:
        values = self.coords.astype(np.float64) / UNITS_PER_MM  # the same floats as packed (checked there)
        pieces, at, point = [], 0, 0
        for frame_length, points in self.runs.reshape(-1, 2).tolist():
            pieces += [self.frame[at:at + frame_length], values[2 * point:2 * (point + points)].tobytes()]
            at, point = at + frame_length, point + points
        pieces.append(self.frame[at:])
        return b"".join(pieces)

    @property
    def nbytes(self) -> int:
        return len(self.frame) + self.coords.nbytes + self.runs.nbytes


def pack_wkb(wkb: bytes) -> CompactShape | bytes:
    """The shape packed when it is a 2D little-endian (multi)polygon on the 0.01 mm grid whose
    WKB comes back identical; otherwise the WKB itself."""
    try:
        frame, runs, coords = bytearray(), [], []
        at = _read_polygonal(wkb, 0, frame, runs, coords)
    except (ValueError, struct.error):
        return wkb
    if at != len(wkb) or not coords:
        return wkb
    values = np.concatenate(coords)
    units = np.rint(values * UNITS_PER_MM)
    if not np.all(np.abs(units) <= _INT32_LIMIT) or not np.array_equal(units / UNITS_PER_MM, values):
        return wkb
    packed = CompactShape(bytes(frame), units.astype(np.int32), np.array(runs, dtype=np.int32))
    return packed if packed.to_wkb() == wkb else wkb


def _read_polygonal(wkb: bytes, at: int, frame: bytearray, runs: list[int], coords: list[np.ndarray]) -> int:
    order, kind = struct.unpack_from("<BI", wkb, at)
    if order != 1 or kind not in (_POLYGON, _MULTIPOLYGON):
        raise ValueError("not a little-endian 2D (multi)polygon")
    (count,) = struct.unpack_from("<I", wkb, at + 5)
    frame += wkb[at:at + 9]
    at += 9
    if kind == _MULTIPOLYGON:
        for _ in range(count):
            if struct.unpack_from("<BI", wkb, at)[1] != _POLYGON:
                raise ValueError("a multipolygon part that is not a polygon")
            at = _read_polygonal(wkb, at, frame, runs, coords)
        return at
    for _ in range(count):  # rings
        (points,) = struct.unpack_from("<I", wkb, at)
        frame += wkb[at:at + 4]
        at += 4
        ring = np.frombuffer(wkb, dtype="<f8", count=2 * points, offset=at)
        runs += [len(frame) - sum(runs[0::2]), points]
        coords.append(ring)
        at += 16 * points
    return at


@dataclass(frozen=True)
class PackedZone:
    """Reads like a ``ZoneShape`` (``geometry`` is made anew on each access: keep it if you need it twice)."""

    trp_id: str
    kind: str  # essential | spillover
    view: str
    side: str
    shape: CompactShape | bytes = field(repr=False)  # pack_wkb of the stored WKB
    # The cells on the view's CellGrid as stored (cell_grid.pack_cells: 0.15 MB for the catalog where
    # the int32 indices take 2.9 MB); read once per view, when its cell sums are built.
    packed_cells: bytes | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of_wkb(cls, trp_id: str, kind: str, view: str, side: str, wkb: bytes,
               packed_cells: bytes | None = None) -> PackedZone:
        return cls(trp_id, kind, view, side, pack_wkb(wkb), packed_cells)

    @property
    def has_cells(self) -> bool:
        return self.packed_cells is not None

    @property
    def cells(self) -> np.ndarray | None:
        """The zone's cell indices (int32), decoded now; None when the catalog has none."""
        return unpack_cells(self.packed_cells) if self.packed_cells is not None else None

    @property
    def wkb(self) -> bytes:
        shape = self.shape
        return shape.to_wkb() if isinstance(shape, CompactShape) else shape

    @property
    def geometry(self) -> BaseGeometry:
        return shapely.from_wkb(self.wkb)

    @property
    def is_empty(self) -> bool:
        """Without making the shape: a packed shape has at least one ring; an empty WKB shape is
        9 bytes, and a ring alone takes 64 (4 points)."""
        shape = self.shape
        if isinstance(shape, CompactShape):
            return shape.runs.size == 0
        return len(shape) < 64 and bool(shapely.is_empty(shapely.from_wkb(shape)))


def shapes_of(zones: Sequence[PackedZone]) -> np.ndarray:
    """The zones' geometries, made now (one array, in order)."""
    return shapely.from_wkb([z.wkb for z in zones]) if len(zones) else np.empty(0, dtype=object)
