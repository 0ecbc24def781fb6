"""Errors of the user database and of saved files, each one clear line a person can act on.

The UI and the CLI show ``str(error)`` as it is: plain words, what was kept, what to do.
"""

from __future__ import annotations

from typing import Any


class UserDatabaseError(RuntimeError):
    """The records database cannot be opened or used (damaged, foreign, unreachable, newer)."""


class ReadOnlyError(UserDatabaseError):
    """A change was attempted on a database tpx may only read (e.g. a read-only file)."""


class SaveFailedError(UserDatabaseError):
    """A save did not reach the database (full disk, lost server, I/O error).

    Nothing was written; the caller still holds the edits and may retry.
    """


class ConflictError(UserDatabaseError):
    """Someone else saved this record since it was opened; nothing was overwritten.

    ``theirs`` is the record as now stored, ``mine`` the one that was refused (it is also kept
    in the client's audit trail, so neither version is lost).
    """

    def __init__(self, message: str, *, mine: Any = None, theirs: Any = None) -> None:
        super().__init__(message)
        self.mine = mine
        self.theirs = theirs


class SignedVisitError(UserDatabaseError):
    """A signed visit was changed without an amendment (author, reason)."""


class DamagedRecordError(UserDatabaseError):
    """A row in the database cannot be read back (changed by another program or damaged)."""


class FileSaveError(OSError):
    """A file (export, report, backup) could not be written; any previous file is unchanged."""
