"""`tpx candidates --pain FILE.json`: a pain map as a JSON list of marks, each
``{"view", "geometry" (WKT or GeoJSON in the view's mm), "intensity" 0..10, "quality"}`` -- the
shape of a visit's ``pain`` items in the records JSON, checked by the same pydantic model."""

from __future__ import annotations

from pathlib import Path

from pydantic import TypeAdapter, ValidationError
from shapely.geometry.base import BaseGeometry

from app.cli.errors import CliError
from app.services.records_io import RecordsImportError, load_file, one_line
from app.storage.records_format import OVERLAP_TOLERANCE_MM2, MarkModel

_MARKS = TypeAdapter(list[MarkModel])


def _where(loc: tuple) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")


def load_pain_marks(path: Path) -> list[tuple[str, BaseGeometry, float]]:
    """(view, geometry, intensity) per mark, or CliError naming the first problem in one line."""
    try:
        data = load_file(path)
    except RecordsImportError as exc:
        raise CliError(str(exc)) from None
    if not isinstance(data, list):
        raise CliError(f"{path}: a pain map is a JSON list of marks ({{\"view\", \"geometry\", \"intensity\", "
                       f"\"quality\"}}), got {type(data).__name__}")
    if not data:
        raise CliError(f"{path}: the pain map has no marks")
    try:
        marks = _MARKS.validate_python(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        first = errors[0]
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        message = str(first.get("msg", "invalid")).removeprefix("Value error, ")
        where = _where(tuple(first.get("loc", ())))
        raise CliError(one_line(f"{path}: mark {where}: {message}") + more) from None
    except (RecursionError, TypeError, ValueError) as exc:
        raise CliError(f"{path}: not a valid pain map ({type(exc).__name__})") from None
    for i, a in enumerate(marks):
        for j in range(i + 1, len(marks)):
            b = marks[j]
            if a.view == b.view and a.geometry.intersects(b.geometry) \
                    and a.geometry.intersection(b.geometry).area > OVERLAP_TOLERANCE_MM2:
                raise CliError(f"{path}: marks [{i}] and [{j}] overlap on the {a.view} view "
                               "(marks must be disjoint, as in a visit's pain map)")
    return [(m.view, m.geometry, float(m.intensity)) for m in marks]
