"""`--area AREA[:SIDE]` as the pain commands take it (`tpx candidates`, `tpx nerves`)."""

from __future__ import annotations

from app.cli.errors import CliError
from app.domain.vocabulary import SIDES

AREA_SIDES = tuple(s for s in SIDES if s != "midline")


def parse_areas(values: list[str], default_side: str) -> list[tuple[str, str]]:
    """(slug, side) per --area value; a value without a side takes ``default_side`` (--side)."""
    areas = []
    for value in values:
        slug, _, side = value.partition(":")
        side = side or default_side
        if side not in AREA_SIDES:
            raise CliError(f"--area {value}: the side must be {' or '.join(AREA_SIDES)}, got '{side}'", exit_code=2)
        if not slug:
            raise CliError(f"--area takes AREA or AREA:SIDE (see `tpx areas`), got '{value}'", exit_code=2)
        areas.append((slug, side))
    return areas
