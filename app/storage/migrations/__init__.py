"""Alembic migrations of the user database (run from app.storage.user_migrations)."""
