"""Alembic run from code: bring the user database schema to the newest revision.

Alembic (with Mako and Pygments behind it, ~16 MB of the window's memory) is imported only when
a database really needs upgrading.  Opening a current database compares the revisions it records
(`alembic_version`, read with SQLAlchemy) with the newest ones, read from the revision files'
`revision` / `down_revision` lines; tests/storage/test_user_migrations_lazy.py checks that this
reading gives Alembic's own heads, and that opening a current database imports no Alembic.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from app.storage.user_errors import UserDatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@lru_cache(maxsize=1)
def _revision_graph() -> dict[str, tuple[str, ...]]:
    """Each revision -> the revisions it follows, from the revision files' module-level assignments."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        values: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else \
                node.target if isinstance(node, ast.AnnAssign) else None
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision") and node.value is not None:
                values[target.id] = ast.literal_eval(node.value)
        if isinstance(values.get("revision"), str):
            down = values.get("down_revision")
            graph[values["revision"]] = () if down is None else (down,) if isinstance(down, str) else tuple(down)
    return graph


def head_revisions() -> frozenset[str]:
    """The newest revision of every branch.

    Features that own tables (records, study, ...) each keep an Alembic branch rooted at
    the first revision, so two features can add migrations without ordering them.
    """
    graph = _revision_graph()
    followed = {parent for parents in graph.values() for parent in parents}
    return frozenset(rev for rev in graph if rev not in followed)


def known_revisions() -> frozenset[str]:
    """Every revision this tpx knows (any branch)."""
    return frozenset(_revision_graph())


def current_revisions(engine: Engine) -> frozenset[str]:
    """The revisions the database records (none for a new, empty database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return frozenset()
        return frozenset(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())


def upgrade_to_head(engine: Engine, location: str) -> None:
    current = current_revisions(engine)
    if current == head_revisions():
        return  # already current: no Alembic import, no env.py (opening stays fast and small)
    unknown = current - known_revisions()
    if unknown:
        raise UserDatabaseError(f"the records database {location} was written by a newer tpx "
                                f"(schema {', '.join(sorted(unknown))}); update tpx to open it")
    from alembic import command
    from alembic.util.exc import CommandError

    config = alembic_config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "heads")
    except (CommandError, DBAPIError) as exc:
        raise UserDatabaseError(f"cannot update the records database {location}: {exc}") from None
