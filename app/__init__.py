"""Trigger Point Explorer (tpx): myofascial trigger points, referral patterns and pain maps."""

from __future__ import annotations

__version__ = "0.1.0"
