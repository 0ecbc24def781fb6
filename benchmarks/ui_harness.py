"""Helpers for driving the real windows in benchmarks: settle after input, statistics, RSS.

An interaction is timed from just before its synthetic input event is delivered until the
event loop is idle after the repaint it caused: we wait until a watched widget has received
a Paint event (Qt paints every dirty widget of a window in the same backing-store pass), then
drain whatever that pass posted.  Nothing here changes the app; it only watches.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

SETTLE_TIMEOUT_S = 3.0
# UI-thread CPU time of each timed interaction, per label (``label`` below): on a loaded machine
# the wall time also counts waiting for a core; the CPU time says what the interaction costs.
CPU_MS: dict[str, list[float]] = {}
label = "unlabelled"


class PaintCounter(QObject):
    """Counts Paint events delivered to the watched widgets."""

    def __init__(self, widgets: Iterable[QWidget]) -> None:
        super().__init__()
        self.count = 0
        self._widgets = list(widgets)
        for widget in self._widgets:
            widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False

    def close(self) -> None:
        for widget in self._widgets:
            widget.removeEventFilter(self)


def drain(app: QApplication, rounds: int = 3) -> None:
    for _ in range(rounds):
        app.processEvents()


def settle(app: QApplication, counter: PaintCounter, before: int) -> bool:
    """Process events until a watched widget has repainted, then until idle.  False on timeout."""
    deadline = time.perf_counter() + SETTLE_TIMEOUT_S
    while counter.count == before:
        app.processEvents()
        if time.perf_counter() > deadline:
            return False
    app.processEvents()  # whatever the paint pass or the handlers posted (zero timers, layouts)
    return True


def timed(app: QApplication, watch: Iterable[QWidget], action: Callable[[], None]) -> float:
    """Milliseconds from the input (``action`` delivers it) until idle after the repaint."""
    counter = PaintCounter(watch)
    try:
        drain(app)
        before = counter.count
        c0, t0 = time.thread_time(), time.perf_counter()
        action()
        if not settle(app, counter, before):
            raise RuntimeError("the interaction did not repaint the watched widget")
        wall = (time.perf_counter() - t0) * 1000
        CPU_MS.setdefault(label, []).append((time.thread_time() - c0) * 1000)
        return wall
    finally:
        counter.close()


def click(widget: QWidget, pos: QPoint) -> Callable[[], None]:
    return lambda: QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def move(widget: QWidget, pos: QPoint) -> Callable[[], None]:
    return lambda: QTest.mouseMove(widget, pos)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = q * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary(values: list[float]) -> dict[str, float]:
    return {"n": len(values), "min": min(values), "median": statistics.median(values),
            "p90": percentile(values, 0.9), "p99": percentile(values, 0.99), "max": max(values)}


def rss_mb() -> float:
    """Resident set size of this process now (Linux /proc)."""
    with open("/proc/self/statm", encoding="ascii") as f:
        resident_pages = int(f.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def format_row(name: str, stats: dict[str, float], target: float | None) -> str:
    verdict = "" if target is None else ("  ok" if stats["p90"] <= target else f"  MISSES ≤ {target:g}")
    return (f"{name:<44} n={stats['n']:<4} min {stats['min']:7.2f}  median {stats['median']:7.2f}  "
            f"p90 {stats['p90']:7.2f}  p99 {stats['p99']:7.2f} ms{verdict}")
