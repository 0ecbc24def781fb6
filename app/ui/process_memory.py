"""How glibc's allocator serves the window: set once at start, before any thread exists.

Building the catalog's indexes makes large numpy temporaries (several MB each).  glibc serves a
large block from its own mmap, but after the first such block is freed it raises that limit
(the "dynamic mmap threshold", up to 32 MB) and serves later large blocks from the heap, where
their freed pages stay resident between smaller live blocks: measured, ~40 MB of the window's
RSS after the lookup's click index was built was such free memory.  A fixed threshold keeps
every large block in its own mapping, returned to the system when freed.  Two arenas instead of
up to 16 (8 per core) keep the worker threads' freed memory from being spread over more heaps.

``release_free_memory`` (glibc's ``malloc_trim(0)``) hands back the pages of blocks freed inside
the heaps, which the trim threshold cannot (it only trims a heap's top): ~3.6 MB after a client's
long history was measured, in 0.6 ms.  It is called on the UI thread only, when the client
window's metrics worker is idle (app/ui/records/metrics_runner.py).  Session 4 saw two cold starts
abort in ``malloc_consolidate`` inside a trim on the warm-up thread.  That check fires on a fastbin
whose pointer is already corrupt (glibc locks each arena while it trims), so the trim found the
damage rather than made it; what made it was not found.  It did not recur in session 7: 30 cold
starts with a thread calling ``malloc_trim`` every 2 ms throughout ran clean, and 15 more with
Python's collector allowed on any thread, as in session 4 (docs/performance.md, "Memory (session 7)").
"""

from __future__ import annotations

import ctypes
import sys
import threading

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX = -1, -3, -8  # glibc's <malloc.h>
MMAP_THRESHOLD_BYTES = 128 * 1024  # glibc's default starting value, now fixed
TRIM_THRESHOLD_BYTES = 1024 * 1024  # free memory at the heap's top beyond this goes back at once
ARENAS = 2


def tune_allocator() -> bool:
    """Fix the allocator's thresholds (call before starting threads).  True if glibc took them;
    elsewhere (not glibc) nothing is changed."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (e.g. musl): keep its defaults
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return all(mallopt(option, value) == 1 for option, value in (
        (M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES), (M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES), (M_ARENA_MAX, ARENAS)))


def stop_source_caching() -> bool:
    """Keep PySide6 from caching the source of every module imported after it (call once Qt is
    imported).  True if its check was replaced; False where PySide6 has no such check.

    PySide6 replaces ``__import__`` and, after each import, asks whether the new module mentions
    "PySide6" (for its ``from __feature__ import ...`` switches) with ``inspect.getsource``, which
    keeps every line of the file in ``linecache`` for good: measured, 8.4 MB for what the explorer
    imports and 16.6 MB more for the records stack (SQLAlchemy), never read again.  The same
    question is answered here from the file's bytes, which are let go at once.
    """
    import linecache

    feature = sys.modules.get("shibokensupport.feature")
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _mentions_pyside  # type: ignore[union-attr]  # noqa: SLF001
    linecache.clearcache()  # what was cached before the replacement (Qt's own start-up)
    return True


def _mentions_pyside(module: object) -> bool:
    """PySide6's ``_mod_uses_pyside`` without ``inspect.getsource``: does the module's source file
    contain "PySide6"?  Modules without a source file (built-in, compiled) do not, as there."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def release_free_memory() -> bool:
    """Give the pages of freed blocks back to the system (glibc ``malloc_trim(0)``).  UI thread
    only, after large transient work; False (nothing done) on another thread or without glibc."""
    if threading.current_thread() is not threading.main_thread() or not sys.platform.startswith("linux"):
        return False
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return False
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    trim(0)
    return True
