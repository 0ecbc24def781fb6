"""`python -m app.catalog.check [PATH ...]`: validate catalog sources without building the DB."""

from __future__ import annotations

import sys
from pathlib import Path

from app.catalog.sources import load_sources
from app.catalog.validate import validate
from app.paths import CATALOG_SOURCES_DIR


def main(argv: list[str]) -> int:
    only = [Path(a) for a in argv] or None
    sources = load_sources(CATALOG_SOURCES_DIR, only)
    problems = validate(sources, complete=only is None)
    trps = sum(len(m.trigger_points) for m in sources.muscles)
    for problem in problems:
        print(problem)
    print(f"{len(sources.muscles)} muscles, {trps} trigger points, {len(sources.conditions)} conditions: "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
