"""Errors of reading the catalog, importable without SQLAlchemy (the CLI's fast commands)."""

from __future__ import annotations


class CatalogUnavailable(RuntimeError):
    """The catalog database is missing or unreadable."""
