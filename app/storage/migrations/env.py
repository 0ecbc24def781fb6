"""Alembic environment for the user database; run programmatically by app.storage.user_database
with the connection in ``config.attributes["connection"]`` (never from an alembic.ini)."""

from __future__ import annotations

from alembic import context

from app.storage.records_models import RecordsBase

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=RecordsBase.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
