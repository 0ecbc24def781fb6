"""A coarse cell grid per view for fast overlap sums.

Ranking a painted map against hundreds of referral zones with exact polygon overlays takes
seconds; on a grid of 4 mm cells the same sums are one gather and one ``reduceat`` (a few
milliseconds).  A shape covers a cell when it contains the cell's centre.  Zones and skin
areas are gridded once, when the catalog is compiled, and stored compactly.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

CELL_MM = 4.0


@dataclass(frozen=True)
class CellGrid:
    width: float
    height: float
    cell: float = CELL_MM

    @property
    def cols(self) -> int:
        return max(1, math.ceil(self.width / self.cell))

    @property
    def rows(self) -> int:
        return max(1, math.ceil(self.height / self.cell))

    @property
    def size(self) -> int:
        return self.cols * self.rows

    def cells_of(self, geometry: BaseGeometry) -> np.ndarray:
        """Sorted flat indices of the cells whose centres lie in the geometry (even-odd rule).

        A vectorised scanline fill: every ring edge is cut by the horizontal lines through the
        cell centres; per line, the sorted crossings pair up into filled column spans.
        """
        if geometry.is_empty:
            return np.empty(0, dtype=np.int64)
        rings = shapely.get_rings(shapely.get_parts(geometry))
        coords, ring_index = shapely.get_coordinates(rings, return_index=True)
        if len(coords) < 3:
            return np.empty(0, dtype=np.int64)
        same_ring = ring_index[:-1] == ring_index[1:]
        _edge, row, x = _row_crossings(self, coords[:-1][same_ring], coords[1:][same_ring])
        if row.size == 0:
            return np.empty(0, dtype=np.int64)
        cell = self.cell
        order = np.lexsort((x, row))
        row, x = row[order], x[order]
        start, end = row[0::2], row[1::2]
        x_in, x_out = x[0::2], x[1::2]
        if len(start) != len(end) or not np.array_equal(start, end):
            raise ValueError("cannot grid an unclosed ring")
        c_first = np.maximum(np.ceil(x_in / cell - 0.5), 0).astype(np.int64)
        c_last = np.minimum(np.ceil(x_out / cell - 0.5) - 1, self.cols - 1).astype(np.int64)
        keep = c_last >= c_first
        start, c_first, c_last = start[keep], c_first[keep], c_last[keep]
        if start.size == 0:
            return np.empty(0, dtype=np.int64)
        # Even-odd over the bounding box: +1 where a span starts, -1 after it ends, running sum
        # along each row; odd counts are inside (so holes and overlapping parts come out right).
        r0, c0 = int(start.min()), int(c_first.min())
        rows_n, cols_n = int(start.max()) - r0 + 1, int(c_last.max()) - c0 + 2
        base = (start - r0) * cols_n - c0
        size = rows_n * cols_n
        diff = np.bincount(base + c_first, minlength=size) - np.bincount(base + c_last + 1, minlength=size)
        inside = (np.cumsum(diff.reshape(rows_n, cols_n), axis=1) % 2 == 1)[:, :-1]
        rr, cc = np.nonzero(inside)
        return (rr + r0) * self.cols + (cc + c0)


def _row_crossings(grid: CellGrid, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where the edges a[i] -> b[i] cross the horizontal lines through the cell centres: per
    crossing, its edge, its row and its x (the scanline fill's first step, for one shape or many)."""
    cell = grid.cell
    # Rows whose centre line y_r = (r + 0.5) * cell satisfies min(ya, yb) <= y_r < max(ya, yb).
    lo, hi = np.minimum(a[:, 1], b[:, 1]), np.maximum(a[:, 1], b[:, 1])
    r_first = np.maximum(np.ceil(lo / cell - 0.5), 0).astype(np.int64)
    r_last = np.minimum(np.ceil(hi / cell - 0.5) - 1, grid.rows - 1).astype(np.int64)
    spans = np.maximum(r_last - r_first + 1, 0)
    edge = np.repeat(np.arange(len(a)), spans)
    row = r_first[edge] + (np.arange(spans.sum()) - np.repeat(np.cumsum(spans) - spans, spans))
    y = (row + 0.5) * cell
    x = a[edge, 0] + (y - a[edge, 1]) * (b[edge, 0] - a[edge, 0]) / (b[edge, 1] - a[edge, 1])
    return edge, row, x


def pack_cells(cells: np.ndarray) -> bytes:
    """Delta-encode and compress (blobs give runs of 1s, which compress very well)."""
    deltas = np.diff(np.asarray(cells, dtype=np.int64), prepend=0).astype(np.int32)
    return zlib.compress(deltas.tobytes(), 9)


def unpack_cells(blob: bytes) -> np.ndarray:
    """Cell indices as int32 (a grid has far fewer than 2**31 cells; half the memory of int64)."""
    if not blob:
        return np.empty(0, dtype=np.int32)
    return np.cumsum(np.frombuffer(zlib.decompress(blob), dtype=np.int32), dtype=np.int32)


class CellSums:
    """Many cell sets on one grid, summed against a per-cell weight vector at once.

    Stored inverted -- for each cell, the sets covering it -- so a sum visits only the cells
    that carry weight: a brush stroke costs a few thousand reads however many sets (zones) the
    catalog holds, and no temporary as large as all the sets together is made.

    Neighbouring cells are mostly covered by the same sets (zones are blobs much larger than a
    cell), so cells are grouped into classes with identical covering sets (about 10x fewer
    classes than cells, and 8x fewer (class, set) pairs than (cell, set) pairs on the shipped
    catalog).  A sum first adds the weights per class, then spreads each touched class onto its
    sets: the work follows the distinct overlaps painted, not the painted cells times the sets.
    Once grouped, the per-cell lists are let go (4.5 MB for the catalog): a cell's sets are its
    class's, in the same order, so other weights are summed cell by cell from the classes.
    """

    def __init__(self, cell_sets: list[np.ndarray], group_cells: bool = True) -> None:
        """``group_cells=False``: keep the per-cell lists and sum from them only (a reference for tests)."""
        self.counts = np.array([len(c) for c in cell_sets], dtype=np.int64)
        cells = np.concatenate([np.asarray(c, dtype=np.int64) for c in cell_sets]) if self.counts.sum() else \
            np.empty(0, dtype=np.int64)
        owners = np.repeat(np.arange(len(cell_sets), dtype=np.int32), self.counts)
        order = np.argsort(cells, kind="stable")
        self._owners: np.ndarray | None = owners[order]  # set indices, grouped by cell, ascending within a cell
        self._size = int(cells.max()) + 1 if cells.size else 0
        # cell c: _starts[c]:_starts[c+1]
        self._starts: np.ndarray | None = np.searchsorted(cells[order], np.arange(self._size + 1))
        self._classes = _CellClasses.of(self._owners, self._starts) if group_cells else None
        if self._classes is not None:
            self._owners = self._starts = None

    def sums(self, weights: np.ndarray) -> np.ndarray:
        """Per set, the sum of ``weights`` over its cells (0 for empty sets)."""
        return self.weighted_and_count(weights)[0]

    def weighted_and_count(self, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per set: the sum of ``weights`` (>= 0) over its cells, and how many of them are non-zero."""
        painted = np.flatnonzero(weights[: self._size] > 0)
        values = weights[painted]
        n = len(self.counts)
        # Whole-number weights (intensities 0-10) sum exactly in any order, so summing per class
        # first gives the very same floats; other weights are summed cell by cell as before.
        if self._classes is not None:
            if np.array_equal(values, np.floor(values)):
                return self._classes.weighted_and_count(painted, values, n)
            return self._classes.cell_by_cell(painted, values, n)
        first, last = self._starts[painted], self._starts[painted + 1]
        owners = _spread(self._owners, first, last - first)
        lengths = last - first
        total = np.bincount(owners, weights=np.repeat(values, lengths), minlength=n)
        nonzero = np.bincount(owners, minlength=n).astype(np.float64)
        return total, nonzero


def _mix64(z: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: well-spread 64-bit fingerprints of 1, 2, 3... (numpy.random would
    cost ~25 ms to import at start-up for this)."""
    z = z * np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def _spread(owners: np.ndarray, first: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """owners[first[i]:first[i] + lengths[i]] for every i, concatenated (one gather)."""
    offsets = np.repeat(first - (np.cumsum(lengths) - lengths), lengths)
    return owners[offsets + np.arange(offsets.size)]


class _CellClasses:
    """Cells grouped by identical covering sets: per cell its class (-1: no set), per class its sets."""

    def __init__(self, cell_class: np.ndarray, owners: np.ndarray, starts: np.ndarray) -> None:
        self.cell_class = cell_class
        self.owners = owners
        self.starts = starts[:-1]
        self.lengths = np.diff(starts)

    @classmethod
    def of(cls, owners: np.ndarray, starts: np.ndarray) -> _CellClasses | None:
        lengths = np.diff(starts)
        covered = np.flatnonzero(lengths)
        if covered.size == 0:
            return None
        # A random 64-bit fingerprint per set, summed per cell (wrapping): equal covering sets give
        # equal keys; unequal ones that collide (odds ~1e-11) are caught below.
        marks = _mix64(np.arange(1, int(owners.max()) + 2, dtype=np.uint64))
        first = starts[covered]
        keys = np.add.reduceat(marks[owners], first)  # uint64 sums wrap
        _unique, representative, inverse = np.unique(keys, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
        rep_cells = covered[representative]
        # Exactness: every cell's covering sets must equal its class representative's, element by element.
        if not np.array_equal(lengths[covered], lengths[rep_cells][inverse]):
            return None  # a fingerprint collision (vanishingly rare): sum cell by cell
        cell_sets = _spread(owners, first, lengths[covered])
        rep_sets = _spread(owners, starts[rep_cells][inverse], lengths[covered])
        if not np.array_equal(cell_sets, rep_sets):
            return None  # a fingerprint collision (vanishingly rare): sum cell by cell
        cell_class = np.full(lengths.size, -1, dtype=np.int32)
        cell_class[covered] = inverse
        class_lengths = lengths[rep_cells]
        class_owners = _spread(owners, starts[rep_cells], class_lengths)
        return cls(cell_class, class_owners, np.concatenate([[0], np.cumsum(class_lengths)]))

    def cell_by_cell(self, painted: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        """``CellSums``' cell-by-cell sums, each painted cell's sets read from its class (the same
        sets in the same order, so the same floats)."""
        classes = self.cell_class[painted]
        inside = classes >= 0
        classes, values = classes[inside], values[inside]
        lengths = self.lengths[classes]
        owners = _spread(self.owners, self.starts[classes], lengths)
        total = np.bincount(owners, weights=np.repeat(values, lengths), minlength=n)
        nonzero = np.bincount(owners, minlength=n).astype(np.float64)
        return total, nonzero

    def weighted_and_count(self, painted: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        classes = self.cell_class[painted]
        inside = classes >= 0
        classes, values = classes[inside], values[inside]
        size = self.lengths.size
        class_weight = np.bincount(classes, weights=values, minlength=size)
        class_count = np.bincount(classes, minlength=size)
        touched = np.flatnonzero(class_count)
        lengths = self.lengths[touched]
        owners = _spread(self.owners, self.starts[touched], lengths)
        total = np.bincount(owners, weights=np.repeat(class_weight[touched], lengths), minlength=n)
        nonzero = np.bincount(owners, weights=np.repeat(class_count[touched].astype(np.float64), lengths), minlength=n)
        return total, nonzero


class PointCells:
    """Which shapes contain a point, answered from the point's cell and exact tests on few shapes.

    Per cell, the shapes whose boundary comes near it ("check") and the shapes that cover the whole
    cell ("sure": their boundary stays away and they contain its centre).  A boundary-free cell
    lies wholly inside or wholly outside a shape, so a point is in every "sure" shape of its cell
    and in exactly those "check" shapes that pass an exact point-in-polygon test.  Where shapes
    are much larger than a cell, almost every shape under a point is "sure".  Exact as long as the
    shapes are valid (built only then); points off the grid are for the caller to answer.
    """

    def __init__(self, grid: CellGrid, geometries: np.ndarray,
                 shapes_of: Callable[[np.ndarray], np.ndarray] | None = None) -> None:
        """``shapes_of(indices)`` gives the shapes again at lookup time (made anew, e.g. from WKB):
        then ``geometries`` are only read here and not kept."""
        self.grid = grid
        self._shapes_of = shapes_of if shapes_of is not None else geometries.__getitem__
        size = grid.size
        # Polygons and multipolygons go on the grid; anything else (a collection with stray lines
        # or points, which contain the points on them) is tested exactly at every point.
        polygonal = np.isin(shapely.get_type_id(geometries), (3, 6))
        self._always = np.flatnonzero(~polygonal)
        on_grid = np.flatnonzero(polygonal)
        near = _boundary_cells(grid, geometries[on_grid], on_grid)  # codes shape * size + cell
        inside = _centre_cells(grid, geometries[on_grid], on_grid)
        sure = np.setdiff1d(inside, near, assume_unique=True)
        self._sure = _by_cell(sure, size)
        self._check = _by_cell(near, size)

    def indices_at(self, x: float, y: float) -> np.ndarray | None:
        """Sorted indices of the shapes containing the point; None off the grid."""
        grid = self.grid
        col, row = math.floor(x / grid.cell), math.floor(y / grid.cell)
        if not (0 <= col < grid.cols and 0 <= row < grid.rows):
            return None
        cell = row * grid.cols + col
        sure_starts, sure = self._sure
        check_starts, check = self._check
        found = sure[sure_starts[cell]:sure_starts[cell + 1]]
        maybe = check[check_starts[cell]:check_starts[cell + 1]]
        if self._always.size:
            maybe = np.concatenate([maybe, self._always])
        if maybe.size:
            maybe = maybe[shapely.contains_xy(self._shapes_of(maybe), x, y)]
            if maybe.size:
                found = np.sort(np.concatenate([found, maybe]))
        return found


# A boundary this close to a cell counts as crossing it (the point's cell and the boundary's cells
# are computed with different float operations; far above their rounding, far below a cell).
_NEAR_MM = 1e-6


def _boundary_cells(grid: CellGrid, geometries: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Unique sorted codes id * grid.size + cell of every cell each (multi)polygon's boundary passes
    within _NEAR_MM of: rings cut into pieces no longer than half a cell, each piece's padded box."""
    if len(geometries) == 0:
        return np.empty(0, dtype=np.int64)
    polygons, polygon_of = shapely.get_parts(geometries, return_index=True)
    rings, ring_of = shapely.get_rings(polygons, return_index=True)
    coords, ring = shapely.get_coordinates(shapely.segmentize(rings, grid.cell / 2), return_index=True)
    same = ring[:-1] == ring[1:]  # consecutive points of one ring: a piece of boundary
    a, b = coords[:-1][same], coords[1:][same]
    shape = ids[polygon_of[ring_of[ring[:-1][same]]]]
    lo = np.floor((np.minimum(a, b) - _NEAR_MM) / grid.cell).astype(np.int64)
    hi = np.floor((np.maximum(a, b) + _NEAR_MM) / grid.cell).astype(np.int64)
    lo = np.clip(lo, 0, [grid.cols - 1, grid.rows - 1])
    hi = np.clip(hi, 0, [grid.cols - 1, grid.rows - 1])
    codes = []
    for dc in (0, 1):  # a piece no longer than half a cell, padded, spans at most 2 x 2 cells
        for dr in (0, 1):
            col, row = lo[:, 0] + dc, lo[:, 1] + dr
            keep = (col <= hi[:, 0]) & (row <= hi[:, 1])
            codes.append(shape[keep] * grid.size + row[keep] * grid.cols + col[keep])
    return _sorted_unique(np.concatenate(codes))


def _sorted_unique(codes: np.ndarray) -> np.ndarray:
    """np.unique for large int arrays, by sorting (numpy's hash-based unique is several times slower)."""
    codes = np.sort(codes)
    return codes[np.concatenate([[True], codes[1:] != codes[:-1]])] if codes.size else codes


def _centre_cells(grid: CellGrid, geometries: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Unique sorted codes id * grid.size + cell of the cells whose centre each (multi)polygon
    contains (even-odd), all shapes in one scanline pass (CellGrid.cells_of does one shape).

    Only cells away from the boundaries are trusted by PointCells, so ties at a boundary
    need not be resolved as cells_of resolves them.
    """
    if len(geometries) == 0:
        return np.empty(0, dtype=np.int64)
    polygons, polygon_of = shapely.get_parts(geometries, return_index=True)
    rings, ring_of = shapely.get_rings(polygons, return_index=True)
    coords, ring = shapely.get_coordinates(rings, return_index=True)
    same = ring[:-1] == ring[1:]
    edge, row, x = _row_crossings(grid, coords[:-1][same], coords[1:][same])
    if row.size == 0:
        return np.empty(0, dtype=np.int64)
    cell = grid.cell
    owner = ids[polygon_of[ring_of[ring[:-1][same]]]].astype(np.int64)[edge]
    order = np.lexsort((x, row, owner))
    row, x, owner = row[order], x[order], owner[order]
    # Sorted crossings of one shape on one row pair up: (1st, 2nd), (3rd, 4th)... are inside.
    c_first = np.maximum(np.ceil(x[0::2] / cell - 0.5), 0).astype(np.int64)
    c_last = np.minimum(np.ceil(x[1::2] / cell - 0.5) - 1, grid.cols - 1).astype(np.int64)
    lengths = np.maximum(c_last - c_first + 1, 0)
    base = owner[0::2] * grid.size + row[0::2] * grid.cols + c_first
    codes = np.repeat(base, lengths) + (np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths))
    return _sorted_unique(codes)


def _by_cell(codes: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(starts, shapes): the shapes of cell c are shapes[starts[c]:starts[c + 1]], ascending."""
    cells, shapes = codes % size, codes // size
    order = np.lexsort((shapes, cells))
    # int32: half the memory of int64 (a view has far fewer than 2**31 cells or shape-cell pairs)
    return np.searchsorted(cells[order], np.arange(size + 1)).astype(np.int32), shapes[order].astype(np.int32)


LABEL_CELL_MM = 2.0
NOTHING, MIXED = -1, -2


def label_grid(grid: CellGrid, shapes: list[BaseGeometry]) -> np.ndarray:
    """Per cell: the index of the one shape covering it, NOTHING, or MIXED near a border.

    Shapes tile (regions of one layer, skin areas of one view), so a cell whose whole
    3x3 neighbourhood carries one label lies inside that shape; any cell with a differing
    neighbour is MIXED and answered exactly (point in polygon) at lookup time.
    """
    labels = np.full(grid.size, NOTHING, dtype=np.int32)
    for index, shape in enumerate(shapes):
        labels[grid.cells_of(shape)] = index
    square = labels.reshape(grid.rows, grid.cols)
    padded = np.pad(square, 1, mode="constant", constant_values=NOTHING)
    mixed = np.zeros_like(square, dtype=bool)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            neighbour = padded[1 + dr:1 + dr + grid.rows, 1 + dc:1 + dc + grid.cols]
            mixed |= neighbour != square
    square = np.where(mixed, MIXED, square)
    return square.reshape(-1)


def pack_labels(labels: np.ndarray) -> bytes:
    return zlib.compress(np.asarray(labels, dtype=np.int32).tobytes(), 6)


def unpack_labels(blob: bytes) -> np.ndarray:
    """Labels in the smallest signed type that holds them (NOTHING and MIXED are negative): int8 for
    fewer than 127 shapes on a layer (side views, the soles, skin areas), int16 below 32,767."""
    labels = np.frombuffer(zlib.decompress(blob), dtype=np.int32)
    top = int(labels.max()) if labels.size else 0
    for small in (np.int8, np.int16):
        if top < np.iinfo(small).max:
            return labels.astype(small)
    return labels.copy()
