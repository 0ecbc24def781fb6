"""Giving freed heap memory back to the system (called from worker threads).

glibc keeps the heap pages that loading and rendering freed (SQLite and WKB buffers of the
catalog's warm-up, parsed SVG documents on the picture worker) and returns them only when asked
(``malloc_trim``); asked after each batch, the window's resident memory does not keep them.
"""

from __future__ import annotations

import ctypes
import sys


def release_free_memory() -> None:
    """Return freed heap pages to the system (glibc only; elsewhere nothing to do).  ctypes
    releases the GIL for the call, so the UI thread is not held up."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (e.g. musl): nothing to trim this way
        pass
