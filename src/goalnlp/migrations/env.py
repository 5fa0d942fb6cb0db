"""Alembic environment: migrations run on the connection :mod:`goalnlp.db` passes in
(``config.attributes["connection"]``), or on ``sqlalchemy.url`` when run by the
``alembic`` command itself."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from goalnlp.db import metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = sa.create_engine(config.get_main_option("sqlalchemy.url") or "")
        with engine.connect() as conn:
            _migrate(conn)
            conn.commit()
        return
    _migrate(connection)


def _migrate(connection: sa.Connection) -> None:
    # render_as_batch: SQLite cannot ALTER most things; batch mode copies the table.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run()
