"""The client's painted pain map: per body view, marks that never overlap (newest wins).

Immutable: every edit returns a new ``PainMap`` sharing the untouched marks, so a snapshot is
just a reference and the UI's undo commands can keep "before" and "after" for free.
Geometry is in the view's drawing units (millimetres, docs/catalog-format.md).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import FrozenInstanceError, dataclass, field

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from app.domain.vocabulary import VIEWS

QUALITIES: tuple[str, ...] = (
    "aching", "burning", "tingling", "numbness", "sharp", "throbbing", "stabbing", "dull",
    "cramping", "shooting",
)
MIN_PART_AREA_MM2 = 1.0  # pieces smaller than this are slivers left by overlay, not pain
GRID_MM = 0.01  # strokes are snapped to this grid; overlays then run exactly (OverlayNG)
EMPTY = MultiPolygon()


class PainMapError(ValueError):
    """A mark with an unknown view or quality, or an intensity outside 0–10."""


def polygonal(geometry: BaseGeometry | None, min_area: float = MIN_PART_AREA_MM2) -> BaseGeometry:
    """The polygon parts of ``geometry`` of at least ``min_area``, made valid; empty if none."""
    if geometry is None or geometry.is_empty:
        return EMPTY
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    parts = [p for p in _polygons(geometry) if p.area >= min_area]
    if not parts:
        return EMPTY
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _polygons(geometry: BaseGeometry) -> Iterable[Polygon]:
    if isinstance(geometry, Polygon):
        yield geometry
    elif hasattr(geometry, "geoms"):
        for part in geometry.geoms:
            yield from _polygons(part)


_OUTLINES: dict[int, tuple[BaseGeometry, BaseGeometry]] = {}  # id(outline) -> (outline, its prepared polygons)
_OUTLINES_LOCK = threading.Lock()


def _prepared_outline(outline: BaseGeometry) -> BaseGeometry:
    """``polygonal(outline)``, prepared, once per outline object (a catalog has one per view)."""
    with _OUTLINES_LOCK:
        hit = _OUTLINES.get(id(outline))
        if hit is None or hit[0] is not outline:
            shape = polygonal(outline, 0.0)
            shape = shapely.from_wkb(shapely.to_wkb(shape)) if shape is outline else shape  # prepare a copy
            shapely.prepare(shape)
            if len(_OUTLINES) > 64:  # outlines of catalogs long closed
                _OUTLINES.clear()
            hit = _OUTLINES[id(outline)] = (outline, shape)
        return hit[1]


def clip_to_outline(stroke: BaseGeometry, outline: BaseGeometry) -> BaseGeometry:
    """``stroke ∩ outline``.  A brush segment well inside the body (nearly all of them) is kept as it
    is: overlaying it with the outline's thousands of vertices cost a quarter of a millisecond per
    segment and gives the same shape."""
    shape = _prepared_outline(outline)
    if shape.contains(stroke):
        return stroke
    return shapely.intersection(stroke, shape)


def check_mark_values(view: str, intensity: int, quality: str) -> None:
    if view not in VIEWS:
        raise PainMapError(f"unknown body view '{view}'")
    if isinstance(intensity, bool) or not isinstance(intensity, int) or not 0 <= intensity <= 10:
        raise PainMapError(f"pain intensity must be a whole number 0–10, not {intensity!r}")
    if quality not in QUALITIES:
        raise PainMapError(f"unknown pain quality '{quality}' (one of {', '.join(QUALITIES)})")


class PainMark:
    """One painted region on one view with a single intensity (0–10) and quality.

    Immutable.  A mark read back from the records database (``PainMark.stored``) keeps its shape
    as the stored WKB bytes and makes the geometry anew on each access (about 10 µs), as the
    catalog's zones do (packed_zone.py): a client's history holds 1,000 visits, of which the
    window shows one, and GEOS geometry made for all of them at once (with the database's
    bytes let go in between) took several MB more than the bytes and left the heap fragmented.
    Keep ``geometry`` in a local if you need it twice.
    """

    __slots__ = ("view", "_shape", "intensity", "quality", "__weakref__")
    view: str
    intensity: int
    quality: str

    def __init__(self, view: str, geometry: BaseGeometry, intensity: int, quality: str) -> None:
        _set = object.__setattr__
        _set(self, "view", view)
        _set(self, "_shape", geometry)
        _set(self, "intensity", intensity)
        _set(self, "quality", quality)

    @classmethod
    def stored(cls, view: str, wkb: bytes, intensity: int, quality: str) -> PainMark:
        """A mark whose shape is these WKB bytes (made into geometry when asked)."""
        mark = cls(view, EMPTY, intensity, quality)
        object.__setattr__(mark, "_shape", bytes(wkb))
        return mark

    @property
    def geometry(self) -> BaseGeometry:
        shape = self._shape
        return shapely.from_wkb(shape) if isinstance(shape, bytes) else shape

    @property
    def wkb(self) -> bytes:
        """The shape as WKB: the stored bytes themselves when read back from the database."""
        shape = self._shape
        return shape if isinstance(shape, bytes) else shapely.to_wkb(shape)

    @property
    def is_stored(self) -> bool:
        """Whether the shape is kept as WKB (read back, not yet painted over)."""
        return isinstance(self._shape, bytes)

    @property
    def area(self) -> float:
        return float(self.geometry.area)

    def _fields(self) -> tuple[str, BaseGeometry, int, str]:
        return self.view, self.geometry, self.intensity, self.quality

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (f"PainMark(view={self.view!r}, geometry={self.geometry!r}, intensity={self.intensity!r}, "
                f"quality={self.quality!r})")

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field '{name}'")

    def __reduce__(self) -> tuple:
        return _restore_mark, (self.view, self._shape, self.intensity, self.quality)


def _restore_mark(view: str, shape: BaseGeometry | bytes, intensity: int, quality: str) -> PainMark:
    if isinstance(shape, bytes):
        return PainMark.stored(view, shape, intensity, quality)
    return PainMark(view, shape, intensity, quality)


@dataclass(frozen=True)
class PainMap:
    """Marks per view, oldest first; marks in one view never overlap (beyond overlay residue
    of a few hundredths of a mm², far below the 1 mm² sliver limit)."""

    _by_view: Mapping[str, tuple[PainMark, ...]] = field(default_factory=dict)

    @classmethod
    def from_marks(cls, marks: Iterable[PainMark]) -> PainMap:
        """Rebuild a stored map (marks already disjoint, oldest first); values are checked."""
        by_view: dict[str, list[PainMark]] = {}
        for mark in marks:
            check_mark_values(mark.view, mark.intensity, mark.quality)
            by_view.setdefault(mark.view, []).append(mark)
        return cls({view: tuple(ms) for view, ms in by_view.items()})

    # Reading --------------------------------------------------------------------------------
    def views(self) -> list[str]:
        return [v for v in VIEWS if self._by_view.get(v)]

    def marks(self, view: str) -> tuple[PainMark, ...]:
        return self._by_view.get(view, ())

    def all_marks(self) -> list[PainMark]:
        return [m for view in self.views() for m in self.marks(view)]

    def strokes(self, view: str) -> list[tuple[BaseGeometry, float]]:
        """(shape, intensity) pairs as the lookup engine's ``candidates_for_pain`` takes them."""
        return [(m.geometry, float(m.intensity)) for m in self.marks(view) if m.intensity > 0]

    def painted(self, view: str) -> BaseGeometry:
        """Everything painted on a view, whatever the intensity."""
        marks = self.marks(view)
        return shapely.union_all([m.geometry for m in marks]) if marks else EMPTY

    def is_empty(self) -> bool:
        return not any(self._by_view.values())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PainMap):
            return NotImplemented
        mine, theirs = self.all_marks(), other.all_marks()
        return len(mine) == len(theirs) and all(
            (a.view, a.intensity, a.quality) == (b.view, b.intensity, b.quality)
            and a.geometry.equals(b.geometry) for a, b in zip(mine, theirs, strict=True))

    __hash__ = None  # type: ignore[assignment]

    # Editing --------------------------------------------------------------------------------
    def paint(self, view: str, geometry: BaseGeometry, intensity: int, quality: str,
              outline: BaseGeometry | None = None) -> PainMap:
        """Add a stroke (clipped to ``outline`` when given); it replaces what lay beneath.

        Touching marks with the same intensity and quality merge into the new one so a
        map painted in many small dabs stays a few shapes.
        """
        check_mark_values(view, intensity, quality)
        stroke = polygonal(geometry, 0.0)
        if outline is not None and not stroke.is_empty:
            stroke = clip_to_outline(stroke, outline)
        # Snapping the input (not the overlays) keeps marks exactly disjoint: a snapped
        # difference can leave a hair's overlap with its neighbour.
        if not stroke.is_empty:
            with np.errstate(divide="ignore", invalid="ignore"):  # denormal input coordinates
                stroke = shapely.set_precision(stroke, GRID_MM)
        stroke = polygonal(stroke)
        if stroke.is_empty:
            return self
        kept: list[PainMark] = []
        same: list[BaseGeometry] = [stroke]
        for mark in self.marks(view):
            if (mark.intensity, mark.quality) == (intensity, quality) and mark.geometry.intersects(stroke):
                same.append(mark.geometry)
                continue
            kept.extend(self._minus(mark, stroke))
        merged = polygonal(shapely.union_all(same)) if len(same) > 1 else stroke
        return self._with(view, (*kept, PainMark(view, merged, intensity, quality)))

    def erase(self, view: str, geometry: BaseGeometry) -> PainMap:
        eraser = polygonal(geometry, 0.0)
        if eraser.is_empty or not self.marks(view):
            return self
        kept = [piece for mark in self.marks(view) for piece in self._minus(mark, eraser)]
        return self._with(view, tuple(kept))

    def clear(self, view: str | None = None) -> PainMap:
        if view is None:
            return PainMap()
        return self._with(view, ())

    @staticmethod
    def _minus(mark: PainMark, cutter: BaseGeometry) -> list[PainMark]:
        if not mark.geometry.intersects(cutter):
            return [mark]
        rest = polygonal(shapely.difference(mark.geometry, cutter))
        return [] if rest.is_empty else [PainMark(mark.view, rest, mark.intensity, mark.quality)]

    def _with(self, view: str, marks: tuple[PainMark, ...]) -> PainMap:
        by_view = dict(self._by_view)
        if marks:
            by_view[view] = marks
        else:
            by_view.pop(view, None)
        return PainMap(by_view)
