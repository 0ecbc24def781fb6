"""Presenter of the radicular-versus-myofascial panel: asks NerveService.compare for the pain being
examined (skin areas chosen in the explorer, or a client's painted map) on a worker thread and posts
the ranked roots and nerves, with the sentence comparing them to the best trigger point, back to
the UI thread.

The explorer's skin-area click and the client window's brush segment have 16 ms each: comparing a
pain with ~60 territories per view and re-ranking the TrPs takes longer, so it never runs on the UI
thread.  One worker runs the requests in order; a request that is no longer the newest when its turn
comes is skipped, and a result that arrives after a newer request is dropped (newest wins), so the
panel never shows an older pain's roots.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, QTimer, Signal

from app.domain.nerves import PainMark
from app.domain.pain_map import PainMap
from app.services.nerve_service import NerveService
from app.ui import worker_post

RED_FLAGS_TEXT = ("Red flags — refer at once, before any soft-tissue work: saddle numbness or new bladder or bowel "
                  "change; progressive weakness or numbness; pain with fever, unexplained weight loss or a history "
                  "of cancer; constant night pain not eased by rest.")
NERVE_ROWS = 8


@dataclass(frozen=True)
class NerveRow:
    """One ranked root or nerve as the panel shows it."""

    kind: str  # root | nerve
    id: str
    name: str
    side: str
    view: str  # the view where the pain fits it best
    score: float
    why: str


@dataclass(frozen=True)
class RadicularResult:
    rows: tuple[NerveRow, ...]
    summary: str  # the comparison sentence (never a diagnosis)
    nerve_leads: bool  # the best nerve fit beats every trigger-point pattern
    best_trp: str | None  # label of the best trigger point, for the heading


class _Newest:
    """The newest request's number, shared by the presenter and its jobs (plain Python: a job must
    not hold the presenter, see _Job)."""

    def __init__(self) -> None:
        self.generation = 0


def compare_pain(service: NerveService, marks: list[PainMark]) -> RadicularResult:
    """The comparison the panel shows: the ranked roots and nerves and the sentence (worker thread)."""
    comparison = service.compare(marks, limit=NERVE_ROWS)
    rows = tuple(NerveRow(f.kind, f.id, f.name, f.side, f.view, f.score, f.why) for f in comparison.nerve_fits)
    best = comparison.trp_candidates[0] if comparison.trp_candidates else None
    label = service.catalog.trigger_point(best.trp_id).label if best else None
    leads = bool(rows) and (best is None or rows[0].score > best.score)
    return RadicularResult(rows, comparison.summary, leads, label)


class _Job(QRunnable):
    """Holds no Qt object of a window (worker_post.py): the token, the newest-request holder, the
    service and the marks' maker (which must not hold the presenter either; a job that held it
    could free it on the pool thread: the tests/ui/nerves hang of session 7)."""

    def __init__(self, token: int, newest: _Newest, generation: int, service: NerveService,
                 make_marks: Callable[[], list[PainMark]]) -> None:
        super().__init__()
        self.token, self.newest, self.generation = token, newest, generation
        self.service, self.make_marks = service, make_marks

    def run(self) -> None:
        if self.generation != self.newest.generation:
            return  # a newer request is queued: skip this one
        # The UI thread goes first: on Linux this is SCHED_IDLE, so the comparison only takes a core the
        # window is not using (the explorer's click and the client's brush have 16 ms each).
        QThread.currentThread().setPriority(QThread.Priority.IdlePriority)
        try:
            result: object = compare_pain(self.service, self.make_marks())
        except Exception as exc:  # noqa: BLE001 - said in the panel instead of a stale list
            result = exc
        worker_post.post(self.token, (self.generation, result))


class RadicularPresenter(QObject):
    sig_finished = Signal(int, object)
    """Internal: a job of this presenter finished (generation, RadicularResult or the exception)."""
    sig_result = Signal(object)
    """The newest request's RadicularResult."""
    sig_cleared = Signal(str)
    """No pain to compare (or it could not be compared): empty the panel and show this text."""
    sig_waiting = Signal()
    """A newer pain is being compared; what is shown is about to be replaced."""

    def __init__(self, service: NerveService, parent: QObject | None = None, delay_ms: int = 0) -> None:
        super().__init__(parent)
        self.service = service
        self._newest = _Newest()
        self.token = worker_post.new_token()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pending: Callable[[], list[PainMark]] | None = None
        # Painting sends a request per brush segment: wait until the stroke pauses this long.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)
        self.sig_finished.connect(self._finished)
        worker_post.relay().sig_posted.connect(self._posted)

    @property
    def generation(self) -> int:
        return self._newest.generation

    @generation.setter
    def generation(self, value: int) -> None:
        self._newest.generation = value

    # Requests (UI thread; each returns at once) ---------------------------------------------------
    def request_areas(self, areas: Sequence[tuple[str, str]], prompt: str) -> None:
        """Skin areas (slug, side) chosen in the explorer; none: clear with ``prompt``."""
        chosen = list(areas)
        if not chosen:
            self.clear(prompt)
            return
        service = self.service  # the maker runs on the worker: it must not hold the presenter
        self._request(lambda: service.marks_for_areas(chosen))

    def request_pain(self, pain: PainMap | None, prompt: str) -> None:
        """A client's painted map (immutable: a snapshot); empty or none: clear with ``prompt``."""
        if pain is None or pain.is_empty():
            self.clear(prompt)
            return
        service = self.service
        self._request(lambda: service.marks_for_pain_map(pain))

    def clear(self, prompt: str) -> None:
        self.generation += 1  # whatever is running is stale now
        self._timer.stop()
        self._pending = None
        self.sig_cleared.emit(prompt)

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Run any delayed request now and wait for the worker (tests, closing)."""
        if self._timer.isActive():
            self._timer.stop()
            self._start()
        return self._pool.waitForDone(timeout_ms)

    def _request(self, make_marks: Callable[[], list[PainMark]]) -> None:
        self.generation += 1
        self._pending = make_marks
        self.sig_waiting.emit()
        if self._timer.interval() > 0:
            self._timer.start()
        else:
            self._start()

    def _start(self) -> None:
        if self._pending is not None:
            self._pool.start(_Job(self.token, self._newest, self.generation, self.service, self._pending))
            self._pending = None

    def compare(self, marks: list[PainMark]) -> RadicularResult:
        return compare_pain(self.service, marks)

    def _posted(self, token: int, generation_and_result: object) -> None:
        if token == self.token:  # not another presenter's, nor another worker's
            self.sig_finished.emit(*generation_and_result)

    def _finished(self, generation: int, result: object) -> None:
        if generation != self.generation:
            return  # superseded by a newer pain
        if isinstance(result, RadicularResult):
            self.sig_result.emit(result)
        else:
            self.sig_cleared.emit(f"The pain could not be compared with the nerve territories "
                                  f"({type(result).__name__}: {result}).")
