"""Opening a records database that is already current imports no Alembic (with Mako and Pygments,
~16 MB of the window's memory); the newest revisions read from the revision files are Alembic's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from app.storage.user_migrations import alembic_config, head_revisions, known_revisions

ROOT = Path(__file__).resolve().parents[2]


def test_the_revision_files_read_without_alembic_give_alembics_heads_and_revisions() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert head_revisions() == frozenset(script.get_heads())
    assert known_revisions() == frozenset(rev.revision for rev in script.walk_revisions())
    assert len(head_revisions()) >= 3  # records, study and neuro-screen branches


def _open_in_a_fresh_process(url: str) -> str:
    code = ("import sys; from app.services.records_service import RecordsService\n"
            f"with RecordsService.open({url!r}) as s: s.counts()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako', 'pygments')))")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                          timeout=120).stdout.strip()


def test_opening_a_current_database_imports_no_alembic_and_a_new_one_is_migrated(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'records.db'}"
    assert _open_in_a_fresh_process(url) != "[]"  # a new database: Alembic creates the schema
    assert _open_in_a_fresh_process(url) == "[]"  # now current: opened without Alembic
