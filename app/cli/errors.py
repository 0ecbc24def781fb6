"""The one exception type the CLI turns into a one-line message."""

from __future__ import annotations


class CliError(Exception):
    """A problem the user can fix (unknown id, bad argument, unreadable file)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
