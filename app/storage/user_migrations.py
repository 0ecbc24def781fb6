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


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(engine: Engine, location: str) -> None:
    script = _script()
    current = current_revision(engine)
    if current == script.get_current_head():
        return  # already current: skip loading env.py (opening stays fast)
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise UserDatabaseError(f"the records database {location} was written by a newer tpx "
                                f"(schema {current}); update tpx to open it")
    config = alembic_config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except (CommandError, DBAPIError) as exc:
        raise UserDatabaseError(f"cannot update the records database {location}: {exc}") from None
