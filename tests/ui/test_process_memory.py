"""The window's process does not keep the source of every module it imports (PySide6's import
hook read each one with ``inspect.getsource``, which caches every line in ``linecache``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json, linecache, sys
sys.path[:0] = [{root!r}, {folder!r}]
from app.ui.launch import create_application
create_application()
import uses_qt, plain  # imported after Qt, as the catalog and records stacks are
feature = sys.modules["shibokensupport.feature"]
print(json.dumps({{"cached": sorted(f for f in linecache.cache if f.endswith(("uses_qt.py", "plain.py"))),
                  "flags": [feature.pyside_feature_dict.get(n) for n in ("uses_qt", "plain")]}}))
"""


def test_modules_imported_after_qt_leave_no_source_in_memory_and_keep_pysides_flags(tmp_path: Path) -> None:
    (tmp_path / "uses_qt.py").write_text("from PySide6.QtCore import QObject\n" + "x = 1\n" * 2000)
    (tmp_path / "plain.py").write_text("import math\n" + "y = 2\n" * 2000)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT), folder=str(tmp_path))],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["cached"] == []  # was both files, every line, for the life of the process
    # PySide6 still tells a module that uses it (0: may switch features) from one that does not (-1).
    assert result["flags"] == [0, -1]


ARENAS_CHILD = """
import ctypes, json, re, sys, tempfile, threading
sys.path.insert(0, {root!r})
from app.ui.launch import create_application
create_application()
held, ready, done = [], threading.Barrier(7), threading.Event()
def worker():
    held.append(bytearray(64 * 1024))  # below the mmap threshold: from this thread's arena
    ready.wait()
    done.wait()
threads = [threading.Thread(target=worker) for _ in range(6)]
for t in threads:
    t.start()
ready.wait()  # six threads each hold a block at once
libc = ctypes.CDLL(None)
libc.fopen.restype, libc.fopen.argtypes = ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_char_p]
libc.fclose.argtypes = [ctypes.c_void_p]
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
path = tempfile.mktemp()
stream = libc.fopen(path.encode(), b"w")
libc.malloc_info(0, stream)
libc.fclose(stream)
done.set()
for t in threads:
    t.join()
print(json.dumps(len(re.findall('<heap nr=', open(path).read()))))
"""


def test_worker_threads_share_the_capped_arenas(tmp_path: Path) -> None:
    """glibc gives each new thread an arena of its own, up to 8 per core, each keeping its own free
    memory; the window's few workers (warm-up, pictures, metrics, saves) share two."""
    if not sys.platform.startswith("linux"):
        return
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", ARENAS_CHILD.format(root=str(ROOT))], capture_output=True,
                         text=True, env=env, cwd=tmp_path, timeout=120, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) <= 2  # 7 without the cap (six threads + main)
