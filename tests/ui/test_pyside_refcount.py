"""Regression guard: PySide6 6.12.0 on Python 3.11 corrupts None's refcount on every Qt call
that returns nothing and aborts after a few thousand calls.  pyproject.toml excludes it."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

LOOP = "from PySide6.QtGui import QPainterPath\nfor _ in range(100_000):\n    QPainterPath().moveTo(1, 2)\nprint('ok')"


def test_installed_pyside_is_not_the_broken_pair() -> None:
    installed = version("PySide6-Essentials")
    assert not (sys.version_info[:2] == (3, 11) and installed.startswith("6.12.")), installed


def test_many_void_qt_calls_do_not_abort_the_interpreter() -> None:
    result = subprocess.run([sys.executable, "-c", LOOP], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-500:]
