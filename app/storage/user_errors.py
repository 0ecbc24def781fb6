"""Errors of the user database the UI and CLI show as one clear message."""

from __future__ import annotations


class UserDatabaseError(RuntimeError):
    """The records database cannot be opened or used (damaged, foreign, unreachable, newer)."""


class ReadOnlyError(UserDatabaseError):
    """A change was attempted while another instance holds the database for writing."""
