"""A name or file name pasted with terminal escapes or a whole page of text is shown on one line,
escaped and cut to the limit with an ellipsis."""

from __future__ import annotations

from app.storage.text import one_line


def test_escapes_are_shown_not_obeyed_and_long_text_is_cut_at_the_limit() -> None:
    assert one_line("Ann\x1b[2J\nExample\t\x85") == "Ann\\x1b[2J\\nExample\\t\\x85"
    assert one_line("Zoë Ångström — 痛み") == "Zoë Ångström — 痛み"
    assert one_line("x" * 300) == "x" * 300
    cut = one_line("x" * 301)
    assert cut == "x" * 299 + "…" and len(cut) == 300
    assert one_line("ab\ncd", limit=5) == "ab\\n…"
    assert one_line(12345) == "12345"
