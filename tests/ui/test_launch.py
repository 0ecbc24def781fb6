"""The application paints on its UI thread only: Qt's raster engine would otherwise hand large fills
to its GUI thread pool and wait for those threads (a wait that grows whenever the other core is busy)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json, os, sys
sys.path.insert(0, {root!r})
from app.ui.launch import create_application
app = create_application()
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
threads = lambda: len(os.listdir("/proc/self/task"))
before = threads()
image = QImage(2000, 2000, QImage.Format.Format_ARGB32_Premultiplied)
painter = QPainter(image)
for i in range(20):  # large translucent fills, as the map's dimmed picture and legend make
    painter.fillRect(QRect(0, 0, 2000, 2000), QColor(200, 20, 20, 100 + i))
painter.end()
print(json.dumps({{"before": before, "after": threads()}}))
"""


def _thread_counts(env: dict[str, str]) -> dict[str, int]:
    out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT))], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_large_fills_start_no_painting_threads() -> None:
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}
    counts = _thread_counts({**env, "QT_QPA_PLATFORM": "offscreen"})
    assert counts["after"] == counts["before"]
