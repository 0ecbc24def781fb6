"""Visit metrics off the UI thread: the newest request wins, older results are dropped.

Measuring a pain map overlays it with every skin area (tens of ms, more for large maps and long
histories; issue 10 allows the UI no pause over 16 ms), so the client window asks this object
and carries on.  One worker thread measures the newest request; a newer one replaces a request
still waiting (freeing the history it holds), stops a running trend between visits, and a result
that arrives after a newer request is dropped, so the Metrics tab never shows another visit's
(or an older edit's) figures.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from app.domain.body_surface import BodySurface
from app.domain.pain_change import Superseded, TrendCache
from app.domain.records import Visit
from app.domain.visit_metrics import VisitMetrics, summarize
from app.services.catalog_service import CatalogService
from app.ui.process_memory import release_free_memory

RELEASE_RETRY_MS = 50  # a measuring still finishing on the worker: look again this much later

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
    """Measures the newest request waiting when it starts (older ones were dropped, not queued:
    each holds a whole history, and opening a long history again and again piled them up)."""

    def __init__(self, runner: MetricsRunner) -> None:
        super().__init__()
        self.runner = runner

    def run(self) -> None:
        runner = self.runner
        taken = runner.take_pending()
        if taken is None:
            return
        generation, visit, others = taken
        try:
            result: object = summarize(runner.surface, visit, others, trend_cache=runner.trend_cache,
                                       superseded=lambda: generation != runner.generation)
        except Superseded:
            return  # a newer request came while this one measured the history; that one runs next
        except Exception as exc:  # noqa: BLE001 - shown in the Metrics tab instead of stale figures
            result = exc
        del visit, others
        try:
            runner.sig_finished.emit(generation, result)
        except RuntimeError:  # the window went away meanwhile
            pass


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
        self.releases = 0  # free memory handed back (counted for the tests)
        self.trend_cache = TrendCache()  # used by the one worker thread only
        self._pending: tuple[int, Visit, tuple[Visit, ...]] | None = None
        self._pending_lock = threading.Lock()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.sig_finished.connect(self._finished)
        # Measuring a long history makes and frees every visit's geometry (several MB the heap would
        # keep as free pages): handed back on the UI thread once a measuring ends and none runs.
        self._release_timer = QTimer(self)
        self._release_timer.setSingleShot(True)
        self._release_timer.setInterval(RELEASE_RETRY_MS)
        self._release_timer.timeout.connect(self._release_memory)

    def request(self, visit: Visit, others: Sequence[Visit]) -> int:
        """Measure ``visit`` (a snapshot: later edits do not change it); returns the request number."""
        self.generation += 1
        with self._pending_lock:
            had_pending = self._pending is not None
            self._pending = (self.generation, visit, tuple(others))  # replaces (frees) an older one
        if not had_pending:
            self._pool.start(_Job(self))
        return self.generation

    def take_pending(self) -> tuple[int, Visit, tuple[Visit, ...]] | None:
        """The newest request, removed (worker thread)."""
        with self._pending_lock:
            taken, self._pending = self._pending, None
            return taken

    def cancel(self) -> None:
        """Forget any pending request (no visit open)."""
        self.generation += 1
        with self._pending_lock:
            self._pending = None

    def wait(self, timeout_ms: int = 30000) -> bool:
        return self._pool.waitForDone(timeout_ms)

    def _release_memory(self) -> None:
        """malloc_trim (0.6 ms) while no measuring runs or waits; else once the worker is done."""
        if self._pending is not None:
            return  # the next result comes back here
        if self._pool.activeThreadCount():
            self._release_timer.start()  # the job that just reported is still returning
            return
        self.releases += 1
        release_free_memory()

    def _finished(self, generation: int, result: object) -> None:
        if generation == self.generation:  # else superseded by a newer edit or another visit
            if isinstance(result, VisitMetrics):
                self.sig_metrics.emit(result)
            else:
                self.sig_failed.emit(f"The metrics could not be computed ({type(result).__name__}: {result}).")
        self._release_memory()
