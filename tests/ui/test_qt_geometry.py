"""Shapes become the same QPainterPath by the fast (one block of elements) and the plain (one
point at a time) way: brush strokes with holes, several parts, collections, empty shapes."""

from __future__ import annotations

import random

import shapely
from PySide6.QtCore import QPointF
from shapely.geometry import GeometryCollection, LineString, Point, box

from app.ui.qt_geometry import painter_path_per_vertex, to_painter_path


def _stroke(rng: random.Random):
    x, y, points = rng.uniform(0, 500), rng.uniform(0, 900), []
    for _ in range(rng.randint(1, 30)):
        x, y = x + rng.uniform(-30, 30), y + rng.uniform(-30, 30)
        points.append((x, y))
    line = LineString(points) if len(points) > 1 else Point(points[0])
    return shapely.buffer(line, rng.uniform(2, 40), quad_segs=rng.choice((2, 6, 16)))


def test_fast_paths_equal_the_point_by_point_paths_and_keep_holes() -> None:
    rng = random.Random(8)
    shapes = [shapely.Polygon(), GeometryCollection(), box(0, 0, 10, 10),
              GeometryCollection([box(0, 0, 5, 5), LineString([(0, 0), (9, 9)]), Point(3, 3)])]
    for _ in range(60):
        shape = shapely.union_all([_stroke(rng) for _ in range(rng.randint(1, 4))])
        if rng.random() < 0.5:
            shape = shape.difference(_stroke(rng).buffer(-1))  # bites and holes, sometimes several parts
        shapes.append(shape)
    for shape in shapes:
        fast, plain = to_painter_path(shape), painter_path_per_vertex(shape)
        assert fast == plain
        assert fast.fillRule() == plain.fillRule()
        probe = shape.representative_point() if not shape.is_empty else None
        if probe is not None and shape.area > 0:
            assert fast.contains(QPointF(probe.x, probe.y))
    ring = Point(0, 0).buffer(50).difference(Point(0, 0).buffer(20))
    assert not to_painter_path(ring).contains(QPointF(0, 0))  # the hole stays a hole
    assert to_painter_path(ring).contains(QPointF(35, 0))


def test_a_thinned_path_keeps_every_nth_vertex_each_ring_closed_and_small_rings_whole() -> None:
    """Thumbnails draw every n-th vertex: each ring still starts and ends where it did (closed),
    rings too short to thin keep their form, and the thinned shape covers nearly the same area."""
    rng = random.Random(5)
    for _ in range(40):
        shape = shapely.union_all([_stroke(rng) for _ in range(rng.randint(1, 4))])
        shape = shapely.difference(shape, shapely.buffer(shapely.centroid(shape), 3, quad_segs=2))  # a small hole
        shape = shapely.segmentize(shape, 1.0)  # vertices about 1 mm apart, as the catalog's zones
        full, thin = to_painter_path(shape), to_painter_path(shape, 5)
        starts = [i for i in range(full.elementCount()) if full.elementAt(i).isMoveTo()]
        thin_starts = [i for i in range(thin.elementCount()) if thin.elementAt(i).isMoveTo()]
        assert len(starts) == len(thin_starts)  # every ring is still there
        for k, (a, b) in enumerate(zip(starts, thin_starts)):
            a_end = (starts[k + 1] if k + 1 < len(starts) else full.elementCount()) - 1
            b_end = (thin_starts[k + 1] if k + 1 < len(thin_starts) else thin.elementCount()) - 1
            assert QPointF(thin.elementAt(b)) == QPointF(full.elementAt(a))
            assert QPointF(thin.elementAt(b_end)) == QPointF(full.elementAt(a_end))  # closed as before
            if a_end - a + 1 < 40:
                assert b_end - b == a_end - a  # a short ring (the small hole) is kept whole
            else:
                assert b_end - b <= (a_end - a) // 5 + 1
        x0, y0, x1, y1 = shape.bounds
        points = [QPointF(rng.uniform(x0, x1), rng.uniform(y0, y1)) for _ in range(300)]
        same = sum(full.contains(p) == thin.contains(p) for p in points)
        assert same >= 0.95 * len(points)  # nearly the same shape (it is drawn ~0.4 px per kept vertex)
