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
