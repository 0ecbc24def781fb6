"""Cyclic garbage is collected on the UI thread, never on a worker (a Qt object destroyed on a worker
by the collector could deadlock with the UI thread: app/ui/main_thread_gc.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json, sys, threading
sys.path.insert(0, {root!r})
from app.ui.launch import create_application
app = create_application()
from PySide6.QtCore import QObject, Qt
from PySide6.QtTest import QTest

ui_thread, destroyed_on = threading.get_ident(), []

class Node(QObject):
    pass

def make_cycle():
    node = Node()  # owned by Python: freed by the collector, its Qt object destroyed with it
    node.me = node
    node.destroyed.connect(lambda *_: destroyed_on.append(threading.get_ident()),
                           Qt.ConnectionType.DirectConnection)

for _ in range(50):
    make_cycle()

def churn():  # a worker allocating far past the collector's thresholds, as the warm-up does
    for _ in range(20):
        junk = [[i] for i in range(20000)]

worker = threading.Thread(target=churn)
worker.start()
worker.join()
on_worker = sum(t != ui_thread for t in destroyed_on)
QTest.qWait(800)  # the UI thread's event loop runs its collector
print(json.dumps({{"on_worker": on_worker, "on_ui": sum(t == ui_thread for t in destroyed_on)}}))
"""


def test_cycles_of_qt_objects_are_freed_on_the_ui_thread_not_on_a_worker() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT))], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=120, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"on_worker": 0, "on_ui": 50}
