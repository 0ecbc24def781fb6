"""Pain maps painted the way the client window's brush paints them: random-walk drags."""

from __future__ import annotations

import random

import shapely

from app.domain.pain_map import PainMap


def brush_pain(catalog, rng: random.Random, strokes: int, step_mm: float = 20, steps: tuple[int, int] = (2, 20),
               width_mm: tuple[float, float] = (8, 25)) -> PainMap:
    """``strokes`` drags on the front and back views, each a buffered random walk inside the outline."""
    pain = PainMap()
    for _ in range(strokes):
        view = rng.choice(("anterior", "posterior"))
        outline = catalog.views[view].outline
        x0, y0, x1, y1 = outline.bounds
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        points = [(x, y)]
        for _step in range(rng.randint(*steps)):
            x, y = x + rng.uniform(-step_mm, step_mm), y + rng.uniform(-step_mm, step_mm)
            points.append((x, y))
        shape = shapely.buffer(shapely.LineString(points), rng.uniform(*width_mm), quad_segs=6)
        pain = pain.paint(view, shape, rng.randint(1, 10), "aching", outline)
    return pain
