"""Alembic's environment for the accounts database: run with the connection
dashboard.accounts.db.migrate() hands it (there is no alembic.ini)."""

from __future__ import annotations

from alembic import context

from dashboard.accounts.db import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
