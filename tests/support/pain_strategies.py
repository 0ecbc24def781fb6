"""Hypothesis strategies for pain maps painted the way a therapist paints them.

A map is built from *strokes*, each replayed through ``PainMap`` exactly as the client window
does it: a brush drag is a random walk of a round brush whose segments (press dab, then one
capsule per mouse move) are painted one after another into the same mark; the eraser is the
same walk taking paint away; the polygon tool gives a clicked outline (self-crossing ones
included, repaired with ``make_valid``, which can return a GeometryCollection).  Odd inputs a
real map can still meet are mixed in: GeometryCollections holding lines and points, empty or
zero-area shapes, tiny dabs and marks larger than the whole body.

Use them with any bounds; ``catalog_views(catalog)`` gives the shipped catalog's views with
their outlines, so the maps land on the real skin areas::

    views = catalog_views(CatalogService.open())

    @given(pain_maps(views))
    def test_...(pain): ...

``client_names()`` draws names a clinic meets (accents, CJK, right-to-left, emoji, HTML
specials); ``hostile_names()`` adds terminal escapes and other control characters.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import shapely
from hypothesis import strategies as st
from shapely.geometry import GeometryCollection, LineString, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from app.domain.pain_map import QUALITIES, PainMap

Bounds = tuple[float, float, float, float]  # minx, miny, maxx, maxy in the view's mm


@dataclass(frozen=True)
class ViewBox:
    """Where strokes may land on one view: its bounds and (optionally) the body outline."""

    bounds: Bounds
    outline: BaseGeometry | None = None


@dataclass(frozen=True)
class Stroke:
    """One user action: its pieces are painted (or erased) one after another, like a drag."""

    view: str
    pieces: tuple[BaseGeometry, ...]
    intensity: int
    quality: str
    erase: bool = False
    kind: str = "brush"  # brush | eraser | polygon | collection | empty | huge | dab

    @property
    def shape(self) -> BaseGeometry:
        """Everything the stroke covers, as one geometry (for expectations in tests)."""
        return shapely.union_all([shapely.make_valid(p) for p in self.pieces]) if self.pieces else Polygon()


def catalog_views(catalog, views: Sequence[str] | None = None) -> dict[str, ViewBox]:
    """The catalog's views (all, or those named) with outline bounds and outlines."""
    specs = catalog.views
    return {name: ViewBox(tuple(specs[name].outline.bounds), specs[name].outline)  # type: ignore[arg-type]
            for name in (views or list(specs))}


def box_views(bounds: Mapping[str, Bounds]) -> dict[str, ViewBox]:
    return {name: ViewBox(tuple(b)) for name, b in bounds.items()}  # type: ignore[arg-type]


# Pieces -------------------------------------------------------------------------------------------
def _walk(draw, bounds: Bounds, max_steps: int) -> list[tuple[float, float]]:
    """A mouse path: a start inside the bounds, then steps with a slowly turning heading."""
    x0, y0, x1, y1 = bounds
    x = draw(st.floats(x0, x1, allow_nan=False))
    y = draw(st.floats(y0, y1, allow_nan=False))
    heading = draw(st.floats(0, 2 * math.pi))
    points = [(x, y)]
    for _ in range(draw(st.integers(0, max_steps))):
        heading += draw(st.floats(-1.2, 1.2))
        length = draw(st.floats(0.5, 45))
        x, y = x + length * math.cos(heading), y + length * math.sin(heading)
        points.append((x, y))
    return points


def _brush_pieces(points: list[tuple[float, float]], radius: float) -> tuple[BaseGeometry, ...]:
    """What BrushTool sends: a dab at the press, then one capsule per move."""
    pieces = [Point(points[0]).buffer(radius, quad_segs=6)]
    for a, b in zip(points, points[1:]):
        pieces.append((Point(a) if a == b else LineString([a, b])).buffer(radius, quad_segs=6))
    return tuple(pieces)


@st.composite
def brush_strokes(draw, view: str, area: ViewBox, erase: bool = False, max_steps: int = 24) -> Stroke:
    radius = draw(st.floats(2.0, 60.0))  # the size box offers 4–200 mm; most work is 10–60
    points = _walk(draw, area.bounds, max_steps)
    return Stroke(view, _brush_pieces(points, radius), draw(st.integers(0, 10)), draw(st.sampled_from(QUALITIES)),
                  erase, "eraser" if erase else "brush")


@st.composite
def polygon_strokes(draw, view: str, area: ViewBox) -> Stroke:
    """Clicked corners, often crossing themselves (a bow-tie keeps both lobes)."""
    x0, y0, x1, y1 = area.bounds
    cx, cy = draw(st.floats(x0, x1)), draw(st.floats(y0, y1))
    n = draw(st.integers(3, 10))
    corners = [(cx + draw(st.floats(-150, 150)), cy + draw(st.floats(-150, 150))) for _ in range(n)]
    return Stroke(view, (shapely.make_valid(Polygon(corners)),), draw(st.integers(0, 10)),
                  draw(st.sampled_from(QUALITIES)), False, "polygon")


@st.composite
def collection_strokes(draw, view: str, area: ViewBox) -> Stroke:
    """A GeometryCollection mixing a polygon with a line and a point (what overlays can give)."""
    x0, y0, x1, y1 = area.bounds
    x, y = draw(st.floats(x0, x1)), draw(st.floats(y0, y1))
    w, h = draw(st.floats(1, 120)), draw(st.floats(1, 120))
    shape = GeometryCollection([box(x, y, x + w, y + h), LineString([(x, y), (x - 30, y - 40)]), Point(x + w + 5, y)])
    return Stroke(view, (shape,), draw(st.integers(0, 10)), draw(st.sampled_from(QUALITIES)), False, "collection")


@st.composite
def empty_strokes(draw, view: str, area: ViewBox) -> Stroke:
    """Nothing to paint: an empty shape, a zero-area sliver, a bare line."""
    x0, y0, x1, y1 = area.bounds
    x, y = draw(st.floats(x0, x1)), draw(st.floats(y0, y1))
    shape = draw(st.sampled_from([
        Polygon(), GeometryCollection(), Polygon([(x, y), (x + 10, y), (x + 20, y)]),
        LineString([(x, y), (x + 50, y + 50)]), Point(x, y)]))
    return Stroke(view, (shape,), draw(st.integers(0, 10)), draw(st.sampled_from(QUALITIES)),
                  draw(st.booleans()), "empty")


@st.composite
def huge_strokes(draw, view: str, area: ViewBox) -> Stroke:
    """A mark larger than the whole view (the 200 mm brush swept across everything)."""
    x0, y0, x1, y1 = area.bounds
    shape = box(x0 - 200, y0 - 200, x1 + 200, y1 + 200)
    return Stroke(view, (shape,), draw(st.integers(0, 10)), draw(st.sampled_from(QUALITIES)),
                  draw(st.booleans()), "huge")


@st.composite
def dab_strokes(draw, view: str, area: ViewBox) -> Stroke:
    """A single click with the smallest brush: at or below the 1 mm² sliver limit."""
    x0, y0, x1, y1 = area.bounds
    centre = Point(draw(st.floats(x0, x1)), draw(st.floats(y0, y1)))
    return Stroke(view, (centre.buffer(draw(st.floats(0.3, 2.0)), quad_segs=6),), draw(st.integers(0, 10)),
                  draw(st.sampled_from(QUALITIES)), False, "dab")


@st.composite
def strokes(draw, views: Mapping[str, ViewBox]) -> Stroke:
    view = draw(st.sampled_from(sorted(views)))
    area = views[view]
    kind = draw(st.sampled_from(["brush"] * 8 + ["eraser"] * 3 + ["polygon"] * 2 +
                                ["collection", "empty", "huge", "dab"]))
    if kind in ("brush", "eraser"):
        return draw(brush_strokes(view, area, erase=kind == "eraser"))
    maker = {"polygon": polygon_strokes, "collection": collection_strokes, "empty": empty_strokes,
             "huge": huge_strokes, "dab": dab_strokes}[kind]
    return draw(maker(view, area))


def stroke_lists(views: Mapping[str, ViewBox], min_size: int = 1, max_size: int = 8):
    return st.lists(strokes(views), min_size=min_size, max_size=max_size)


# Replaying ----------------------------------------------------------------------------------------
def apply_strokes(strokes_: Sequence[Stroke], views: Mapping[str, ViewBox] | None = None,
                  pain: PainMap | None = None) -> PainMap:
    """Paint (or erase) every piece in order, clipped to the view's outline when known."""
    pain = pain if pain is not None else PainMap()
    for stroke in strokes_:
        outline = views[stroke.view].outline if views and stroke.view in views else None
        for piece in stroke.pieces:
            if stroke.erase:
                pain = pain.erase(stroke.view, piece)
            else:
                pain = pain.paint(stroke.view, piece, stroke.intensity, stroke.quality, outline)
    return pain


def pain_maps(views: Mapping[str, ViewBox], min_strokes: int = 1, max_strokes: int = 8):
    """Random brush-like pain maps over the given views (every view can be drawn)."""
    return stroke_lists(views, min_strokes, max_strokes).map(lambda s: apply_strokes(s, views))


# Names --------------------------------------------------------------------------------------------
_NAME_SAMPLES = ("Zoë Ünïcode 李小龍", "Ωμέγα O'Brien-Smith", "محمد الأحمد", "<b>Bold</b> & Co", "Émile \"Mimi\" Noël",
                 "Søren Ærø", "Nguyễn Thị Minh Khai", "🙂 Smiley", "a" * 120)


def client_names() -> st.SearchStrategy[str]:
    """Printable names of any script, with markup characters; never blank."""
    free = st.text(st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=60)
    return st.one_of(st.sampled_from(_NAME_SAMPLES), free).filter(lambda s: s.strip() != "")


def hostile_names() -> st.SearchStrategy[str]:
    """Names carrying terminal escapes, control characters, NULs and bidi overrides."""
    nasty = st.sampled_from(["\x1b[31mRed\x1b[0m", "Bell\x07", "Null\x00Byte", "Line\nBreak", "\u202eevil\u202c",
                             "Tab\tName", "\x1b]0;title\x07"])
    return st.one_of(nasty, st.tuples(client_names(), nasty).map("".join))
