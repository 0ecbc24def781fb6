"""`python -m app` is the same as the `tpx` command."""

from __future__ import annotations

from app.cli.main import main

raise SystemExit(main())
