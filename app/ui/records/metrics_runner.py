"""Visit metrics off the UI thread: the newest request wins, older results are dropped.

Measuring a pain map overlays it with every skin area (tens of ms, more for large maps and long
histories; issue 10 allows the UI no pause over 16 ms), so the client window asks this object
and carries on.  One worker thread runs the requests in order; a request that is no longer the
newest when its turn comes is skipped, and a result that arrives after a newer request is
dropped, so the Metrics tab never shows another visit's (or an older edit's) figures.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.domain.body_surface import BodySurface
from app.domain.pain_change import TrendCache
from app.domain.records import Visit
from app.domain.visit_metrics import VisitMetrics, summarize
from app.services.catalog_service import CatalogService

_SURFACES: weakref.WeakKeyDictionary[CatalogService, BodySurface] = weakref.WeakKeyDictionary()
_SURFACES_LOCK = threading.Lock()


def body_surface(catalog: CatalogService) -> BodySurface:
    """The catalog's outlines and skin areas, prepared once per catalog (shared by window and report)."""
    with _SURFACES_LOCK:
        surface = _SURFACES.get(catalog)
        if surface is None:
            surface = BodySurface({name: spec.outline for name, spec in catalog.views.items()}, catalog.skin_areas)
            _SURFACES[catalog] = surface
        return surface


class _Job(QRunnable):
    def __init__(self, runner: MetricsRunner, generation: int, visit: Visit, others: Sequence[Visit]) -> None:
        super().__init__()
        self.runner, self.generation, self.visit, self.others = runner, generation, visit, others

    def run(self) -> None:
        if self.generation != self.runner.generation:
            return  # a newer request is queued: skip this one
        try:
            result: object = summarize(self.runner.surface, self.visit, self.others,
                                           trend_cache=self.runner.trend_cache)
        except Exception as exc:  # noqa: BLE001 - shown in the Metrics tab instead of stale figures
            result = exc
        self.runner.sig_finished.emit(self.generation, result)


class MetricsRunner(QObject):
    sig_finished = Signal(int, object)
    """Internal: a job finished (generation, VisitMetrics or the exception); emitted from the worker."""
    sig_metrics = Signal(object)
    """The newest request's VisitMetrics."""
    sig_failed = Signal(str)
    """The newest request could not be measured (a plain-words reason)."""

    def __init__(self, catalog: CatalogService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.surface = body_surface(catalog)
        self.generation = 0
        self.trend_cache = TrendCache()  # used by the one worker thread only
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.sig_finished.connect(self._finished)

    def request(self, visit: Visit, others: Sequence[Visit]) -> int:
        """Measure ``visit`` (a snapshot: later edits do not change it); returns the request number."""
        self.generation += 1
        self._pool.start(_Job(self, self.generation, visit, tuple(others)))
        return self.generation

    def cancel(self) -> None:
        """Forget any pending request (no visit open)."""
        self.generation += 1

    def wait(self, timeout_ms: int = 30000) -> bool:
        return self._pool.waitForDone(timeout_ms)

    def _finished(self, generation: int, result: object) -> None:
        if generation != self.generation:
            return  # superseded by a newer edit or another visit
        if isinstance(result, VisitMetrics):
            self.sig_metrics.emit(result)
        else:
            self.sig_failed.emit(f"The metrics could not be computed ({type(result).__name__}: {result}).")
