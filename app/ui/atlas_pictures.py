"""Atlas pictures: each view's SVG rasterised on a worker thread at the scale the map shows it,
so that painting the map, even right after a click turns it to another view, is one blit.

Parsing and rasterising a view's SVG takes 25-45 ms on the UI thread, more than a frame: a
click that turns the map to the view showing a pattern best used to spend most of its time
there.  The map asks for the picture at its exact device size; until a worker has made it, the
map draws what it has (another scale of the same picture, scaled) or the SVG itself.

The worker reads the SVG with ``QImageReader``, which releases the GIL while it renders
(``QSvgRenderer.render`` does not: on a worker it would stall every Python event handler of the
UI thread for the whole render).  The pictures are kept under a byte budget, least recently
used first out, so memory stays bounded whatever the window size or zoom history.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, QSize, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader

# Room for every view x layer and skin overlay at the fitted size of a large window (about
# 12 MB at the default 1280x860), plus a zoomed region or two.
DEFAULT_BUDGET_BYTES = 40 * 2**20
# A zoomed map needs only what the viewport shows; a larger region is rendered around it so a
# pan stays within the picture for a while, but never more pixels than this.
MAX_REGION_PIXELS = 3_000_000


@dataclass(frozen=True)
class PictureKey:
    path: str
    size: tuple[int, int]  # the whole picture's size on screen (px): its scale
    region: tuple[int, int, int, int]  # the part rendered: x, y, width, height within that size


def _render(key: PictureKey) -> QImage:
    """Rasterise one picture (worker thread: QImage only, no QPixmap; the GIL is released in read())."""
    reader = QImageReader(key.path)
    reader.setScaledSize(QSize(*key.size))
    x, y, w, h = key.region
    if (x, y, w, h) != (0, 0, *key.size):
        reader.setScaledClipRect(QRect(x, y, w, h))
    image = reader.read()
    if image.format() != QImage.Format.Format_ARGB32_Premultiplied:  # the raster engine's fastest blit
        image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    return image


class _Jobs:
    """How many render jobs are started and not finished (counted on both threads)."""

    def __init__(self) -> None:
        self._count = 0
        self._changed = threading.Condition()

    def start(self) -> None:
        with self._changed:
            self._count += 1

    def finish(self) -> None:
        with self._changed:
            self._count -= 1
            self._changed.notify_all()

    def wait_until_none(self, timeout_s: float) -> bool:
        deadline = time.monotonic() + timeout_s
        with self._changed:
            while self._count and time.monotonic() < deadline:
                self._changed.wait(max(0.0, deadline - time.monotonic()))  # releases the GIL
            return self._count == 0


class _Posted(QObject):
    sig_done = Signal(object, QImage)
    """A picture is ready (emitted on the worker, delivered on the UI thread)."""


class AtlasPictures(QObject):
    sig_ready = Signal(str)
    """A picture of this SVG file is now available: maps showing it should repaint."""

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET_BYTES, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.budget_bytes = budget_bytes
        self._images: OrderedDict[PictureKey, QImage] = OrderedDict()
        self._bytes = 0
        self._queued: set[PictureKey] = set()
        self._wanted: dict[str, PictureKey] = {}  # per file, the latest on-demand request (zoom)
        # One worker: rendering is CPU-bound and the machine may have two cores; the catalog's
        # warm-up and the first paint should not have to share them with several renders.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._posted = _Posted(self)
        self._posted.sig_done.connect(self._store)
        self._jobs = _Jobs()

    # Reading ------------------------------------------------------------------------------------
    def find(self, path: str, size: QSize, needed: QRect) -> tuple[QImage, QRect] | None:
        """A picture of ``path`` at this size covering ``needed`` (pixels within the whole picture),
        with the region it covers; the smallest such one."""
        best = None
        for key, image in self._images.items():
            if key.path == path and key.size == (size.width(), size.height()):
                region = QRect(*key.region)
                if region.contains(needed) and (best is None or _area(region) < _area(best[1])):
                    best = (key, region)
        if best is None:
            return None
        self._images.move_to_end(best[0])
        return self._images[best[0]], best[1]

    def any_of(self, path: str) -> tuple[QImage, PictureKey] | None:
        """The most detailed whole picture of ``path`` at any scale (a stand-in while the right one
        is being rendered)."""
        whole = [(key, image) for key, image in self._images.items()
                 if key.path == path and key.region == (0, 0, *key.size)]
        if not whole:
            return None
        key, image = max(whole, key=lambda kv: kv[0].size[0])
        return image, key

    # Rendering ----------------------------------------------------------------------------------
    def request(self, path: str, size: QSize, region: QRect | None = None, superseding: bool = True) -> None:
        """Render ``path`` at ``size`` (the region of it, default all) on the worker unless it is
        cached or queued.  ``superseding``: a newer request for the same file replaces this one if
        the worker has not started it yet (zooming asks for many scales in a row)."""
        if size.isEmpty():
            return
        region = QRect(0, 0, size.width(), size.height()) if region is None else region
        key = PictureKey(path, (size.width(), size.height()),
                         (region.x(), region.y(), region.width(), region.height()))
        if key in self._images or key in self._queued:
            return
        if superseding:
            self._wanted[path] = key
        self._queued.add(key)
        done, wanted, jobs = self._posted.sig_done, self._wanted, self._jobs

        def job() -> None:
            try:
                if superseding and wanted.get(path) != key:
                    done.emit(key, QImage())  # superseded before it started: skip the render
                    return
                done.emit(key, _render(key))
            finally:
                jobs.finish()

        jobs.start()
        self._pool.start(job)

    def set_workers(self, count: int) -> None:
        """How many pictures render at once (one, except while the window waits to show: start_up.py)."""
        self._pool.setMaxThreadCount(max(1, count))

    def wait_for_renders(self, timeout_s: float) -> bool:
        """Block (the UI thread, processing no events) until every requested picture is rendered,
        then store them; False if the time ran out first.  The window waits here before it first
        shows (app/ui/start_up.py), and the map, whatever view a first click turns it to, is then a
        blit."""
        done = self._jobs.wait_until_none(timeout_s)
        # The finished pictures' queued signals, delivered now and to this object only: no other
        # event (no paint, no timer) runs before the window shows.
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        return done

    def _store(self, key: PictureKey, image: QImage) -> None:
        self._queued.discard(key)
        if image.isNull():
            return
        self._images[key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > self.budget_bytes and len(self._images) > 1:
            _old, dropped = self._images.popitem(last=False)
            self._bytes -= dropped.sizeInBytes()
        self.sig_ready.emit(key.path)

    # Introspection (tests, benchmarks) ------------------------------------------------------
    @property
    def cached_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._images)

    def wait_until_idle(self) -> None:
        """Block until every queued picture is rendered and stored (tests, screenshots)."""
        from PySide6.QtWidgets import QApplication

        while self._queued:
            self._pool.waitForDone(50)
            QApplication.processEvents()


def _area(rect: QRect) -> int:
    return rect.width() * rect.height()


_shared: AtlasPictures | None = None


def shared_pictures() -> AtlasPictures:
    """The one picture cache of the application: every map shares it (and its byte budget)."""
    global _shared
    if _shared is None:
        from PySide6.QtWidgets import QApplication

        _shared = AtlasPictures(parent=QApplication.instance())
    return _shared
