"""Alembic run from code: bring the user database schema to the newest revision."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from app.storage.user_errors import UserDatabaseError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revisions() -> frozenset[str]:
    """The newest revision of every branch.

    Features that own tables (records, study, ...) each keep an Alembic branch rooted at
    the first revision, so two features can add migrations without ordering them.
    """
    return frozenset(_script().get_heads())


def known_revisions() -> frozenset[str]:
    """Every revision this tpx knows (any branch)."""
    return frozenset(rev.revision for rev in _script().walk_revisions())


def current_revisions(engine: Engine) -> frozenset[str]:
    with engine.connect() as conn:
        return frozenset(MigrationContext.configure(conn).get_current_heads())


def upgrade_to_head(engine: Engine, location: str) -> None:
    script = _script()
    current = current_revisions(engine)
    if current == head_revisions():
        return  # already current: skip loading env.py (opening stays fast)
    unknown = current - {rev.revision for rev in script.walk_revisions()}
    if unknown:
        raise UserDatabaseError(f"the records database {location} was written by a newer tpx "
                                f"(schema {', '.join(sorted(unknown))}); update tpx to open it")
    config = alembic_config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "heads")
    except (CommandError, DBAPIError) as exc:
        raise UserDatabaseError(f"cannot update the records database {location}: {exc}") from None
