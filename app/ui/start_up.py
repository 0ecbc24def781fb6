"""The explorer's start-up: what its first click needs is made first and ready when the window shows.

A person who clicks the moment the window appears used to wait ~100 ms for that click (py-spy of
the cold first click, session 7): the map turned to a view whose picture was not rendered yet and
drew its SVG on the UI thread (~30 ms), the muscle records were still being read by the warm-up
(~20 ms), the shown layer's label grid was decoded on the click (~6 ms), the thumbnails' backgrounds
landed in it (~5 ms), and the UI thread queued for the interpreter lock behind the warm-up (~13 ms).
Now, in this order:

1. a worker builds the catalog's first-click part (``CatalogService.warm_for_first_click``: the
   lookup index, the shown layer's label grids, the muscle records; ~50 ms on a quiet core) while
   the UI thread builds the window;
2. when the window first shows (its layout has sized the map, nothing is on the screen yet), the
   shown layer's picture of every view is rendered on two picture workers while the UI thread
   waits for them and for step 1 (it is idle: the workers have both cores).  The thumbnails are
   scaled down from those pictures;
3. once the window is shown, the rest of the warm-up runs on the worker, pausing while the window
   answers input (``InputGate``), then the other layers' pictures are rendered.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

from app.services.catalog_service import CatalogService
from app.ui import worker_post

PICTURE_WORKERS_BEFORE_SHOW = max(1, min(2, os.cpu_count() or 1))
# The window shows after at most this wait (~0.1 s on a quiet 2-core machine): on a loaded one, a
# later start would cost more than a first click that draws a picture itself.
WAIT_BEFORE_SHOW_S = 0.3
# The rest of the warm-up waits for the window to show, but not for ever: a window made and never
# shown (tests, tools) still gets its caches.
_WAIT_FOR_SHOW_S = 1.0


class StartUp:
    def __init__(self, service: CatalogService, layer: str, pause: Callable[[], None] | None = None) -> None:
        """``layer``: the layer the window shows first; ``pause``: called between the later warm-up's
        pieces (plain Python: see input_gate._Gate).  When the whole warm-up is done, it is posted to
        ``self.token`` (worker_post.py; the payload is None)."""
        self.service = service
        self.layer = layer
        self.token = worker_post.new_token()
        self._pause = pause
        worker_post.relay()  # made here, on the UI thread
        self.first_click_ready = threading.Event()
        self.shown = threading.Event()

    def run(self) -> None:
        """The warm-up (on a worker thread)."""
        try:
            self.service.warm_for_first_click(self.layer)
        finally:
            self.first_click_ready.set()  # a broken catalog must not keep the window waiting
        self.shown.wait(_WAIT_FOR_SHOW_S)  # the pictures before show have the cores first
        try:
            self.service.warm_up(self._pause)
        finally:
            worker_post.post(self.token, None)  # the other layers' pictures next; the input gate stops

    def wait_before_show(self, body_map, rehearse: Callable[[], None] | None = None) -> bool:
        """Render the map's pictures ahead now and wait for them and for the first-click part, at
        most ``WAIT_BEFORE_SHOW_S``; ``rehearse`` (the UI thread's share, while the pictures render)
        runs once that part is made."""
        timeout_s = WAIT_BEFORE_SHOW_S
        deadline = time.monotonic() + timeout_s
        pictures = body_map.pictures
        try:
            pictures.set_workers(PICTURE_WORKERS_BEFORE_SHOW)  # the UI thread waits: the cores are theirs
            body_map.prerender_now()
            ready = self.first_click_ready.wait(timeout_s)
            if ready and rehearse is not None:
                rehearse()
            rendered = pictures.wait_for_renders(max(0.0, deadline - time.monotonic()))
            return ready and rendered
        finally:
            pictures.set_workers(1)
            self.shown.set()
