"""What `tpx show` and `tpx candidates --area` load, in a fresh interpreter, on the shipped catalog:
their answers come from rows the compiler precomputed, so no geometry library is needed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

_PROBE = (
    "import io, json, sys, contextlib\n"
    "from app.cli.main import main\n"
    "out = io.StringIO()\n"
    "with contextlib.redirect_stdout(out):\n"
    "    code = main(sys.argv[1:])\n"
    "print(json.dumps([code, sorted({m.split('.')[0] for m in sys.modules}), len(out.getvalue())]))\n"
)


def _loaded(*args: str) -> tuple[int, set[str], int]:
    result = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=True)
    code, modules, printed = json.loads(result.stdout.strip().splitlines()[-1])
    return code, set(modules), printed


@pytest.mark.parametrize("args, allowed", [
    (("show", "infraspinatus", "--json"), set()),
    (("candidates", "--area", "temple", "--side", "right", "--json"), {"numpy"}),  # scores with the ranking
])
def test_catalog_commands_load_no_geometry_qt_or_orm(args: tuple[str, ...], allowed: set[str]) -> None:
    code, modules, printed = _loaded(*args)
    assert code == 0 and printed > 100
    heavy = {"numpy", "shapely", "PySide6", "sqlalchemy", "rapidfuzz", "yaml", "pydantic"} - allowed
    assert modules & heavy == set()
