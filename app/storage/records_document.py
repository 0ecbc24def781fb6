"""The ``tpx-records`` file format's name and version: what writing a file needs.

Kept apart from the pydantic models of records_format.py, which only reading (validating) a file
needs, so that opening the client window imports no pydantic (several MB of the window's memory).
"""

from __future__ import annotations

FORMAT = "tpx-records"
VERSION = 1
