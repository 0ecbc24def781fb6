"""Text from records (names, notes, file names) made safe to show on one terminal line."""

from __future__ import annotations


def one_line(text: str, limit: int = 300) -> str:
    """Control characters (terminal escapes, newlines, C1 codes) escaped; length capped."""
    flat = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
